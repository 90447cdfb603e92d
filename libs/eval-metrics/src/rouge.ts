import { NgramMatcher, ngramTotal } from './ngrams.js';

/** ROUGE-N F1 of one hypothesis against one reference (Lin 2004): 2·overlap / (hyp n-grams + ref n-grams); 0 when both are empty. */
export function rougeNF1(hypothesis: readonly string[], reference: readonly string[], n: number): number {
  const matcher = new NgramMatcher(n);
  matcher.match(hypothesis, [reference]);
  return matchedRougeNF1(matcher, 0, n);
}

/** rougeNF1 of reference r of the item that `matcher` has just matched. */
export function matchedRougeNF1(matcher: NgramMatcher, reference: number, n: number): number {
  const sizes = ngramTotal(matcher.hypothesisLength, n) + ngramTotal(matcher.referenceLengths[reference], n);
  return sizes === 0 ? 0 : (2 * matcher.overlap(reference, n)) / sizes;
}

/** ROUGE-L F1 (β = 1): P = LCS/|hyp|, R = LCS/|ref|, F = 2PR/(P+R) = 2·LCS/(|hyp| + |ref|); 0 when both are empty. */
export function rougeLF1(hypothesis: readonly string[], reference: readonly string[]): number {
  const matcher = new NgramMatcher(1);
  matcher.match(hypothesis, [reference], true);
  return matchedRougeLF1(matcher, 0);
}

/** rougeLF1 of reference r of the item that `matcher` has just matched with its LCS. */
export function matchedRougeLF1(matcher: NgramMatcher, reference: number): number {
  const sizes = matcher.hypothesisLength + matcher.referenceLengths[reference];
  return sizes === 0 ? 0 : (2 * matcher.lcs(reference)) / sizes;
}

/** Length of the longest common subsequence, bit-parallel: O(|b|·⌈|a|/32⌉) word operations and O(|a|·distinct(a)/32) memory. */
export function longestCommonSubsequence(a: readonly string[], b: readonly string[]): number {
  const matcher = new NgramMatcher(1);
  matcher.match(a, [b], true);
  return matcher.lcs(0);
}
