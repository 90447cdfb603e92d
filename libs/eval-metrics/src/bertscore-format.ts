import type { BertScoreRow } from './bertscore-input.js';
import { fixed, percent, tableCsv, tableMarkdown, type Table } from './report-format.js';

const COLUMNS = ['Model', 'Precision', 'Recall', 'F1', 'Answers'];

function bertScoreTable(rows: readonly BertScoreRow[], score: (value: number) => string): Table {
  return {
    columns: COLUMNS,
    rows: rows.map((row) => [row.model, score(row.precision), score(row.recall), score(row.f1), String(row.answers)]),
  };
}

/** Per-model BERTScore as CSV, fractions with four decimals. */
export function bertScoreCsv(rows: readonly BertScoreRow[]): string {
  return tableCsv(bertScoreTable(rows, (value) => fixed(value, 4)));
}

/** Per-model BERTScore as a Markdown table, percentages with one decimal. */
export function bertScoreMarkdown(rows: readonly BertScoreRow[]): string {
  return tableMarkdown(bertScoreTable(rows, percent));
}
