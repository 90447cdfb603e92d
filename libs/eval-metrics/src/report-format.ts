import type { Leaderboard } from './leaderboard.js';

/** One CSV/Markdown table: column names and rows of already formatted cells. */
export interface Table {
  columns: string[];
  rows: string[][];
}

/** CSV with a header; cells quoted as needed and guarded against spreadsheet formulas. */
export function tableCsv(table: Table): string {
  return `${[table.columns, ...table.rows].map((cells) => cells.map(csvCell).join(',')).join('\n')}\n`;
}

/** Markdown table; the first `textColumns` columns are left-aligned, the rest (numbers) right-aligned. */
export function tableMarkdown(table: Table, textColumns = 1): string {
  const align = table.columns.map((_, i) => (i < textColumns ? '---' : '---:'));
  return `${[table.columns, align, ...table.rows].map((cells) => `| ${cells.map(markdownCell).join(' | ')} |`).join('\n')}\n`;
}

/** A number with fixed decimals, or "" when missing. */
export function fixed(value: number | null | undefined, decimals: number): string {
  return value === null || value === undefined ? '' : value.toFixed(decimals);
}

/** A fraction 0..1 as a percentage with one decimal, or "" when missing. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : (value * 100).toFixed(1);
}

function leaderboardTable(board: Leaderboard): Table {
  return {
    columns: ['Rank', 'Model', 'BT strength', '95% low', '95% high', 'Elo', 'Games', 'Wins', 'Ties', 'Losses'],
    rows: board.rows.map((row) => [
      String(row.rank),
      row.model,
      fixed(row.strength, 3),
      fixed(row.low, 3),
      fixed(row.high, 3),
      fixed(row.elo, 0),
      String(row.games),
      String(row.wins),
      String(row.ties),
      String(row.losses),
    ]),
  };
}

/** The leaderboard as CSV: Bradley–Terry log-strength with its bootstrap interval, then Elo and the tallies. */
export function leaderboardCsv(board: Leaderboard): string {
  return tableCsv(leaderboardTable(board));
}

/** The leaderboard as a Markdown table. */
export function leaderboardMarkdown(board: Leaderboard): string {
  return tableMarkdown(leaderboardTable(board), 2);
}

function csvCell(value: string): string {
  // A leading = + - @ makes spreadsheets evaluate the cell; a quote mark keeps it text (numbers are left alone).
  const guarded = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?(e-?\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

function markdownCell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}
