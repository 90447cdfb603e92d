import { MAX_ANNOTATED_RESPONSES, OVERALL_CRITERION, parseImportFile, type ImportItem } from '@clinrank/domain';
import { badInput } from './errors.js';

/** An item whose responses carry a true rating (the mean of their rating annotations on one criterion). */
export interface RatedItem {
  id: string;
  responses: Array<{ id: string; rating: number }>;
}

/** Any integer score is accepted here: the simulation reads ratings as given, on whatever scale the source used. */
const RULES = {
  kind: 'rating' as const,
  criteria: [] as string[],
  scale: { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
  languages: [] as string[],
  allowTies: true,
  maxResponsesPerItem: MAX_ANNOTATED_RESPONSES,
};

/**
 * Reads an import-format JSONL file (README, "Import format") whose every response has a rating annotation on
 * `criterion`. Any bad line, or a response without a rating, is refused with its line number.
 */
export function readRatedItems(bytes: Uint8Array, criterion: string = OVERALL_CRITERION): RatedItem[] {
  const items: RatedItem[] = [];
  for (const parsed of parseImportFile(bytes, {
    ...RULES,
    criteria: criterion === OVERALL_CRITERION ? [] : [criterion],
  })) {
    if ('problem' in parsed) badInput(`line ${parsed.line}: ${parsed.problem.field}`, parsed.problem.reason);
    items.push(ratedItem(parsed.item, parsed.line, criterion));
  }
  if (items.length === 0) badInput('input', 'holds no items');
  return items;
}

function ratedItem(item: ImportItem, line: number, criterion: string): RatedItem {
  const scores = new Map<string, number[]>();
  for (const annotation of item.annotations) {
    if (annotation.kind !== 'rating' || annotation.criterion !== criterion) continue;
    if (!scores.has(annotation.response)) scores.set(annotation.response, []);
    (scores.get(annotation.response) as number[]).push(annotation.score);
  }
  const responses = item.responses.map((response) => {
    const given = scores.get(response.id);
    if (!given)
      badInput(
        `line ${line}: responses`,
        `response "${response.id}" has no rating annotation on "${criterion}"; every response needs one (it is the truth the simulation replays)`,
      );
    return { id: response.id, rating: given.reduce((sum, score) => sum + score, 0) / given.length };
  });
  return { id: item.id, responses };
}
