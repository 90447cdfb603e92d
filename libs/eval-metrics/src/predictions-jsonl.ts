import type { PredictionItem } from './score-predictions.js';
import { tokenize } from './tokenize.js';

export interface JsonlProblem {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

export interface ParsedPredictions {
  items: PredictionItem[];
  problems: JsonlProblem[];
}

/** Language recorded when a line has none (BCP 47 "undetermined"). */
export const UNDETERMINED_LANGUAGE = 'und';

/**
 * Parses a predictions file, one JSON object a line: {"id", "language"?, "prediction", "references": [...]}.
 * Blank lines are skipped; every bad line is reported with its number and left out, never guessed at.
 */
export function parsePredictionsJsonl(text: string): ParsedPredictions {
  const items: PredictionItem[] = [];
  const problems: JsonlProblem[] = [];
  const seenIds = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const parsed = parseLine(raw);
    if (typeof parsed === 'string') {
      problems.push({ line, message: parsed });
      return;
    }
    const firstLine = seenIds.get(parsed.id);
    if (firstLine !== undefined) {
      problems.push({ line, message: `id "${parsed.id}" already used on line ${firstLine}` });
      return;
    }
    seenIds.set(parsed.id, line);
    items.push(parsed);
  });
  return { items, problems };
}

/** One line as an item, or a message saying what is wrong with it. */
function parseLine(raw: string): PredictionItem | string {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return `invalid JSON: ${(error as Error).message}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be a JSON object';
  const record = value as Record<string, unknown>;
  const id = typeof record.id === 'number' && Number.isFinite(record.id) ? String(record.id) : record.id;
  if (typeof id !== 'string' || id === '') return 'missing "id" (a non-empty string or a number)';
  const language = record.language ?? UNDETERMINED_LANGUAGE;
  if (typeof language !== 'string' || language === '') return '"language" must be a non-empty string when given';
  if (!('prediction' in record)) return 'missing "prediction"';
  if (typeof record.prediction !== 'string') return '"prediction" must be a string';
  if (!('references' in record)) return 'missing "references"';
  const references = record.references;
  if (!Array.isArray(references) || references.length === 0) return '"references" must be a non-empty list of strings';
  const badReference = references.findIndex(
    (reference) => typeof reference !== 'string' || tokenize(reference).length === 0,
  );
  if (badReference >= 0) return `"references[${badReference}]" must be a string with at least one word`;
  return { id, language, prediction: record.prediction, references: references as string[] };
}
