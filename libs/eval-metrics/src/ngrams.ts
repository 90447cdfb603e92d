/** Counts the n-grams of one order; keys join tokens with U+0001, which the tokenizer never emits. */
export function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
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
