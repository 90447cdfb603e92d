import { badInput } from './errors.js';
import type { Id, Label, LabelValue } from './labels.js';
import { levelScale } from './level-scale.js';
import { ReliabilityData } from './reliability-data.js';
import { compareValues } from './value-order.js';

export interface ConfusionMatrix {
  /** Row/column categories: the given ones, else every value either coder used on a shared unit. */
  categories: LabelValue[];
  /** counts[i][j]: shared units where the first coder said categories[i] and the second categories[j]. */
  counts: number[][];
  /** Units both coders labelled. */
  n: number;
}

/** Categories × categories table of two coders' values on the units they share (rows: `first`, columns: `second`). */
export function confusionMatrix(
  input: Iterable<Label> | ReliabilityData,
  first: Id,
  second: Id,
  options: { categories?: readonly LabelValue[] } = {},
): ConfusionMatrix {
  const data = ReliabilityData.from(input);
  levelScale(data.values, 'nominal');
  const a = data.coderIndexOf(first);
  const b = data.coderIndexOf(second);
  if (a === -1) badInput('first', `coder ${JSON.stringify(String(first))} has no labels`);
  if (b === -1) badInput('second', `coder ${JSON.stringify(String(second))} has no labels`);
  if (a === b) badInput('second', 'must be a different coder from first');
  const pairs = sharedValues(data, a, b);
  const categories = options.categories ? [...options.categories] : usedCategories(data.values, pairs);
  const position = new Map<LabelValue, number>(categories.map((category, i) => [category, i]));
  const counts = categories.map(() => new Array<number>(categories.length).fill(0));
  for (const [va, vb] of pairs) {
    const row = position.get(data.values[va]);
    const column = position.get(data.values[vb]);
    if (row === undefined || column === undefined)
      badInput('categories', `does not list ${JSON.stringify(data.values[row === undefined ? va : vb])}`);
    counts[row][column]++;
  }
  return { categories, counts, n: pairs.length };
}

function sharedValues(data: ReliabilityData, a: number, b: number): Array<[number, number]> {
  const { start, coders, values } = data.byUnit();
  const pairs: Array<[number, number]> = [];
  for (let u = 0; u + 1 < start.length; u++) {
    let va = -1;
    let vb = -1;
    for (let j = start[u]; j < start[u + 1]; j++) {
      if (coders[j] === a) va = values[j];
      else if (coders[j] === b) vb = values[j];
    }
    if (va !== -1 && vb !== -1) pairs.push([va, vb]);
  }
  return pairs;
}

function usedCategories(values: readonly LabelValue[], pairs: Array<[number, number]>): LabelValue[] {
  const used = new Set<number>();
  for (const [va, vb] of pairs) used.add(va).add(vb);
  return [...used].map((index) => values[index]).sort(compareValues);
}
