import type { WinTieLoseRow } from './win-tie-lose.js';

const CSV_COLUMNS = [
  'model',
  'baseline',
  'criterion',
  'group_by',
  'group',
  'n',
  'wins',
  'ties',
  'losses',
  'both_bad',
  'win_pct',
  'win_low_pct',
  'win_high_pct',
  'tie_pct',
  'lose_pct',
  'lose_low_pct',
  'lose_high_pct',
  'sign_test_p',
] as const;

/** Pretty-printed JSON of the rows (rates stay fractions 0..1). */
export function winTieLoseJson(rows: readonly WinTieLoseRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** CSV with percentages (one decimal) and a header; text cells are quoted as needed and guarded against spreadsheet formulas. */
export function winTieLoseCsv(rows: readonly WinTieLoseRow[]): string {
  const lines = rows.map((row) =>
    [
      text(row.model),
      text(row.baseline),
      text(row.criterion),
      text(row.groupBy ?? ''),
      text(row.group ?? ''),
      row.n,
      row.wins,
      row.ties,
      row.losses,
      row.bothBad,
      percent(row.winRate),
      percent(row.winInterval?.low),
      percent(row.winInterval?.high),
      percent(row.tieRate),
      percent(row.loseRate),
      percent(row.loseInterval?.low),
      percent(row.loseInterval?.high),
      row.signTestP === null ? '' : formatP(row.signTestP),
    ].join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...lines].join('\n')}\n`;
}

/** Markdown table like a paper's: "Model vs Baseline | Win % | Tie % | Lose %", then n and the sign-test p; criterion and group columns appear when they vary. */
export function winTieLoseMarkdown(rows: readonly WinTieLoseRow[]): string {
  const showCriterion = new Set(rows.map((row) => row.criterion)).size > 1;
  const showGroup = rows.some((row) => row.group !== null);
  const header = [
    'Model vs Baseline',
    ...(showCriterion ? ['Criterion'] : []),
    ...(showGroup ? ['Group'] : []),
    'Win %',
    'Tie %',
    'Lose %',
    'n',
    'Sign test p',
  ];
  const body = rows.map((row) => [
    `${cell(row.model)} vs ${cell(row.baseline)}`,
    ...(showCriterion ? [cell(row.criterion)] : []),
    ...(showGroup ? [row.group === null ? 'all' : `${cell(row.groupBy ?? '')}: ${cell(row.group)}`] : []),
    percent(row.winRate) || '–',
    percent(row.tieRate) || '–',
    percent(row.loseRate) || '–',
    String(row.n),
    row.signTestP === null ? '–' : formatP(row.signTestP),
  ]);
  const align = header.map((_, i) => (i < header.length - 5 ? '---' : '---:'));
  return `${[header, align, ...body].map((cells) => `| ${cells.join(' | ')} |`).join('\n')}\n`;
}

function percent(fraction: number | null | undefined): string {
  return fraction === null || fraction === undefined ? '' : (fraction * 100).toFixed(1);
}

function formatP(p: number): string {
  return p < 0.001 ? p.toExponential(2) : p.toFixed(3);
}

function text(value: string): string {
  // A leading = + - @ makes spreadsheets evaluate the cell; a quote mark keeps it text.
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

function cell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}
