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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rows of one `{ "<model>": {precision, recall, f1, n} }` object, in model name order; malformed entries are left out rather than guessed. */
function modelRows(models: unknown): BertScoreRow[] {
  if (!isRecord(models)) return [];
  return Object.entries(models as Record<string, Record<string, unknown>>)
    .filter(([, means]) => finite(means?.precision) && finite(means?.recall) && finite(means?.f1) && finite(means?.n))
    .map(([model, means]) => ({ model, precision: means.precision as number, recall: means.recall as number, f1: means.f1 as number, answers: means.n as number }))
    .sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
}

/** Per-model rows of a BERTScore run's metrics.json: all languages (`models`), or one language of `by_language`. */
export function bertScoreRows(metrics: unknown, language: string | null = null): BertScoreRow[] {
  if (!isRecord(metrics)) return [];
  if (language === null) return modelRows(metrics.models);
  return isRecord(metrics.by_language) ? modelRows(metrics.by_language[language]) : [];
}

/** The languages a run's metrics.json breaks down by, sorted; none for runs written before `by_language` existed. */
export function bertScoreLanguages(metrics: unknown): string[] {
  if (!isRecord(metrics) || !isRecord(metrics.by_language)) return [];
  return Object.keys(metrics.by_language).filter((language) => modelRows((metrics.by_language as Record<string, unknown>)[language]).length > 0).sort();
}
