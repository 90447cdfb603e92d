import type { TokenizedItem } from './bleu.js';
import { NgramMatcher, ngramTotal } from './ngrams.js';

/** One item's GLEU statistics: matches and max(hypothesis n-grams, reference n-grams), for the reference with the best ratio. */
export function gleuStatistics(
  item: TokenizedItem,
  minOrder = 1,
  maxOrder = 4,
): { matches: number; total: number } | null {
  const matcher = new NgramMatcher(Math.max(1, maxOrder));
  matcher.match(item.hypothesis, item.references);
  return matchedGleuStatistics(matcher, minOrder, maxOrder);
}

/**
 * gleuStatistics of the item that `matcher` has just matched. GLEU pools all n-grams of orders minOrder..maxOrder in
 * one multiset (nltk's everygrams); n-grams of different orders never collide, so its sizes and intersection are sums
 * over the orders.
 */
export function matchedGleuStatistics(
  matcher: NgramMatcher,
  minOrder = 1,
  maxOrder = 4,
): { matches: number; total: number } | null {
  const everygrams = (length: number) => {
    let total = 0;
    for (let n = minOrder; n <= maxOrder; n++) total += ngramTotal(length, n);
    return total;
  };
  const hypothesisTotal = everygrams(matcher.hypothesisLength);
  let best: { matches: number; total: number } | null = null;
  for (let r = 0; r < matcher.referenceLengths.length; r++) {
    const total = Math.max(hypothesisTotal, everygrams(matcher.referenceLengths[r]));
    if (total === 0) continue;
    let matches = 0;
    for (let n = minOrder; n <= maxOrder; n++) matches += matcher.overlap(r, n);
    // Strictly greater keeps the first reference on ties, as Python's max() does in nltk.
    if (best === null || matches / total > best.matches / best.total) best = { matches, total };
  }
  return best;
}

/** Google-BLEU (Wu et al. 2016) at corpus level, as nltk's corpus_gleu: Σ matches / Σ max(hyp n-grams, ref n-grams), orders 1..4. */
export function corpusGleu(items: readonly TokenizedItem[], minOrder = 1, maxOrder = 4): number {
  const matcher = new NgramMatcher(Math.max(1, maxOrder));
  let matches = 0;
  let total = 0;
  for (const item of items) {
    matcher.match(item.hypothesis, item.references);
    const statistics = matchedGleuStatistics(matcher, minOrder, maxOrder);
    if (statistics === null) continue;
    matches += statistics.matches;
    total += statistics.total;
  }
  return total === 0 ? 0 : matches / total;
}
