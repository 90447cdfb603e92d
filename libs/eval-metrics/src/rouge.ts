import { NgramIndex, overlapCount, totalCount } from './ngrams.js';

/** ROUGE-N F1 of one hypothesis against one reference (Lin 2004): 2·overlap / (hyp n-grams + ref n-grams); 0 when both are empty. */
export function rougeNF1(hypothesis: readonly string[], reference: readonly string[], n: number): number {
  return indexedRougeNF1(new NgramIndex(hypothesis), new NgramIndex(reference), n);
}

/** rougeNF1 over n-gram counts already made for the other metrics. */
export function indexedRougeNF1(hypothesis: NgramIndex, reference: NgramIndex, n: number): number {
  const hypothesisCounts = hypothesis.counts(n);
  const referenceCounts = reference.counts(n);
  const sizes = totalCount(hypothesisCounts) + totalCount(referenceCounts);
  return sizes === 0 ? 0 : (2 * overlapCount(hypothesisCounts, referenceCounts)) / sizes;
}

/** ROUGE-L F1 (β = 1): P = LCS/|hyp|, R = LCS/|ref|, F = 2PR/(P+R) = 2·LCS/(|hyp| + |ref|); 0 when both are empty. */
export function rougeLF1(hypothesis: readonly string[], reference: readonly string[]): number {
  const sizes = hypothesis.length + reference.length;
  return sizes === 0 ? 0 : (2 * longestCommonSubsequence(hypothesis, reference)) / sizes;
}

/** Length of the longest common subsequence, in O(|a|·|b|) time and O(|b|) memory. */
export function longestCommonSubsequence(a: readonly string[], b: readonly string[]): number {
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

/** Best F1 over several references (ROUGE's multi-reference rule used here: the best-matching reference). */
export function bestOverReferences<Reference>(references: readonly Reference[], score: (reference: Reference) => number): number {
  let best = 0;
  for (const reference of references) best = Math.max(best, score(reference));
  return best;
}
