import { badInput } from './errors.js';

export interface ItemResponses {
  item: string;
  responses: Array<{ id: string; model: string }>;
}

export type PairStrategy = 'all-pairs' | 'baseline';

export interface ScheduleOptions {
  strategy: PairStrategy;
  /** Required for the baseline strategy. */
  baseline?: string;
  /** Each item's pairs are planned once per annotator; without annotators, once per item. */
  annotators?: string[];
}

export interface PlannedPair {
  item: string;
  annotator: string | null;
  /** Response ids shown as A (first pane) and B, and their models. */
  a: string;
  b: string;
  modelA: string;
  modelB: string;
}

export interface Schedule {
  pairs: PlannedPair[];
  /** Items left out, with the reason (for example, no response from the baseline). */
  skipped: Array<{ item: string; reason: string }>;
}

/**
 * Plans which model pairs each item shows. Items are taken in id order so the plan does not depend on input order.
 * Sides alternate per model pair from one item to the next, and between annotators of the same item,
 * so each model sits on side A about half the time per pair, per annotator and per item.
 */
export function scheduleComparisons(items: readonly ItemResponses[], options: ScheduleOptions): Schedule {
  const strategy = readStrategy(options);
  const annotators = readAnnotators(options.annotators);
  const ordered = [...items].sort((x, y) => (x.item < y.item ? -1 : x.item > y.item ? 1 : 0));
  requireUniqueItems(ordered);
  const timesSeen = new Map<string, number>();
  const pairs: PlannedPair[] = [];
  const skipped: Schedule['skipped'] = [];
  for (const entry of ordered) {
    const byModel = responsesByModel(entry);
    if (strategy === 'baseline' && !byModel.has(options.baseline as string)) {
      skipped.push({ item: entry.item, reason: `no response from baseline "${options.baseline}"` });
      continue;
    }
    const modelPairs = strategy === 'baseline' ? baselinePairs(byModel, options.baseline as string) : allPairs(byModel);
    if (modelPairs.length === 0) {
      skipped.push({ item: entry.item, reason: 'fewer than two models answered' });
      continue;
    }
    for (const [first, second] of modelPairs) {
      const key = `${first}\u0000${second}`;
      const seen = timesSeen.get(key) ?? 0;
      timesSeen.set(key, seen + 1);
      annotators.forEach((annotator, index) => {
        const swap = (seen + index) % 2 === 1;
        const [modelA, modelB] = swap ? [second, first] : [first, second];
        pairs.push({
          item: entry.item,
          annotator,
          a: byModel.get(modelA) as string,
          b: byModel.get(modelB) as string,
          modelA,
          modelB,
        });
      });
    }
  }
  return { pairs, skipped };
}

function readStrategy(options: ScheduleOptions): PairStrategy {
  if (options.strategy !== 'all-pairs' && options.strategy !== 'baseline')
    badInput('strategy', `must be "all-pairs" or "baseline", got "${String(options.strategy)}"`);
  if (options.strategy === 'baseline' && (typeof options.baseline !== 'string' || options.baseline === ''))
    badInput('baseline', 'is required by the baseline strategy');
  return options.strategy;
}

function readAnnotators(annotators: string[] | undefined): Array<string | null> {
  if (annotators === undefined) return [null];
  if (annotators.length === 0) badInput('annotators', 'must not be empty when given');
  if (new Set(annotators).size !== annotators.length) badInput('annotators', 'must not repeat a name');
  return annotators;
}

function requireUniqueItems(items: readonly ItemResponses[]): void {
  items.forEach((entry, index) => {
    if (index > 0 && items[index - 1].item === entry.item) badInput('items', `item "${entry.item}" appears twice`);
  });
}

/** Response id per model; one response per model and item, or the pair would be ambiguous. */
function responsesByModel(entry: ItemResponses): Map<string, string> {
  const byModel = new Map<string, string>();
  for (const response of entry.responses) {
    if (typeof response.model !== 'string' || response.model === '')
      badInput(`items[${entry.item}].responses`, `response "${response.id}" has no model`);
    if (byModel.has(response.model))
      badInput(`items[${entry.item}].responses`, `model "${response.model}" answered more than once`);
    byModel.set(response.model, response.id);
  }
  return byModel;
}

function allPairs(byModel: Map<string, string>): Array<[string, string]> {
  const models = [...byModel.keys()].sort();
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < models.length; i++)
    for (let j = i + 1; j < models.length; j++) pairs.push([models[i], models[j]]);
  return pairs;
}

function baselinePairs(byModel: Map<string, string>, baseline: string): Array<[string, string]> {
  return [...byModel.keys()]
    .filter((model) => model !== baseline)
    .sort()
    .map((model) => [model, baseline]);
}
