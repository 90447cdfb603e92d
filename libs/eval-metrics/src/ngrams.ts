/** Counts the n-grams of one order; keys join tokens with U+0001, which the tokenizer never emits. */
export function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    let key = tokens[i];
    for (let k = 1; k < n; k++) key += '\u0001' + tokens[i + k];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** A token sequence with its n-gram counts, each order counted once however many metrics ask for it. */
export class NgramIndex {
  private readonly byOrder: Map<string, number>[] = [];

  constructor(readonly tokens: readonly string[]) {}

  counts(n: number): Map<string, number> {
    return (this.byOrder[n] ??= ngramCounts(this.tokens, n));
  }
}

/** A hypothesis and its references, indexed for n-gram metrics. */
export interface IndexedItem {
  hypothesis: NgramIndex;
  references: NgramIndex[];
}

/** Indexes a tokenized hypothesis and its references. */
export function indexItem(item: { hypothesis: readonly string[]; references: readonly (readonly string[])[] }): IndexedItem {
  return { hypothesis: new NgramIndex(item.hypothesis), references: item.references.map((reference) => new NgramIndex(reference)) };
}

/** Total of a count map. */
export function totalCount(counts: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const count of counts.values()) total += count;
  return total;
}

/** Size of the multiset intersection (sum of per-key minima). */
export function overlapCount(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let overlap = 0;
  for (const [key, count] of a) overlap += Math.min(count, b.get(key) ?? 0);
  return overlap;
}
