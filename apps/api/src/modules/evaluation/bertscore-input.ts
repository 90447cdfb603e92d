import type { ModelAnswer } from './model-metrics.js';

/** One model's BERTScore means, as the trainer's `bertscore` command writes them in metrics.json. */
export interface BertScoreRow {
  model: string;
  precision: number;
  recall: number;
  f1: number;
  answers: number;
}

/** The trainer's BERTScore input: one JSON line per model answer that has references (the same answers modelMetrics scores). */
export function bertScoreInputJsonl(answers: readonly ModelAnswer[]): string {
  return answers
    .filter((answer) => answer.references.length > 0)
    .map((answer) => JSON.stringify({ id: answer.responseId, model: answer.model, language: answer.language, prediction: answer.text, references: answer.references }) + '\n')
    .join('');
}

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Per-model rows of a BERTScore run's metrics.json, in model name order; malformed entries are left out rather than guessed. */
export function bertScoreRows(metrics: unknown): BertScoreRow[] {
  const models = (metrics as { models?: unknown } | null)?.models;
  if (typeof models !== 'object' || models === null || Array.isArray(models)) return [];
  return Object.entries(models as Record<string, Record<string, unknown>>)
    .filter(([, means]) => finite(means?.precision) && finite(means?.recall) && finite(means?.f1) && finite(means?.n))
    .map(([model, means]) => ({ model, precision: means.precision as number, recall: means.recall as number, f1: means.f1 as number, answers: means.n as number }))
    .sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
}
