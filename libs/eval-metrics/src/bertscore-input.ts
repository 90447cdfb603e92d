import { parsePredictionsJsonl, type JsonlProblem } from './predictions-jsonl.js';
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
    .map(
      (answer) =>
        JSON.stringify({
          id: answer.responseId,
          model: answer.model,
          language: answer.language,
          prediction: answer.text,
          references: answer.references,
        }) + '\n',
    )
    .join('');
}

/** The model of predictions-file lines that name none. */
export const DEFAULT_PREDICTIONS_MODEL = 'predictions';

export interface BertScorePredictions {
  /** The trainer's input, every line with its model; empty when there are problems. */
  jsonl: string;
  items: number;
  problems: JsonlProblem[];
}

interface PredictionLine {
  id: string;
  model: string;
  language: string;
  prediction: string;
  references: string[];
}

/** One non-blank line as trainer input, or what is wrong with it (the metrics parser checks all but the model). */
function parsePredictionLine(raw: string): PredictionLine | string {
  const { items, problems } = parsePredictionsJsonl(raw);
  if (problems.length) return problems[0].message;
  const model = (JSON.parse(raw) as Record<string, unknown>).model ?? DEFAULT_PREDICTIONS_MODEL;
  if (typeof model !== 'string' || model.trim() === '') return '"model" must be a non-empty string when given';
  const [{ id, language, prediction, references }] = items;
  return { id, model, language, prediction, references };
}

/**
 * A predictions file (the `eval metrics --input` lines, plus an optional "model") as trainer input, so both commands
 * accept the same lines; ids need only be unique within a model. Every bad line is reported with its number.
 */
export function parseBertScorePredictions(text: string): BertScorePredictions {
  const lines: string[] = [];
  const problems: JsonlProblem[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const parsed = parsePredictionLine(raw);
    const key = typeof parsed === 'string' ? '' : JSON.stringify([parsed.model, parsed.id]);
    if (typeof parsed === 'string') problems.push({ line, message: parsed });
    else if (seen.has(key))
      problems.push({
        line,
        message: `id "${parsed.id}" of model "${parsed.model}" already used on line ${seen.get(key)}`,
      });
    else {
      seen.set(key, line);
      lines.push(JSON.stringify(parsed) + '\n');
    }
  });
  return { jsonl: problems.length ? '' : lines.join(''), items: lines.length, problems };
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
    .map(([model, means]) => ({
      model,
      precision: means.precision as number,
      recall: means.recall as number,
      f1: means.f1 as number,
      answers: means.n as number,
    }))
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
  return Object.keys(metrics.by_language)
    .filter((language) => modelRows((metrics.by_language as Record<string, unknown>)[language]).length > 0)
    .sort();
}
