import type { TokenizedItem } from './bleu.js';
import { indexItem, overlapCount, totalCount, type IndexedItem, type NgramIndex } from './ngrams.js';

/** All n-grams of orders minOrder..maxOrder in one multiset (nltk's everygrams); keys of different orders never collide. */
function everygramCounts(index: NgramIndex, minOrder: number, maxOrder: number): Map<string, number> {
  const all = new Map<string, number>();
  for (let n = minOrder; n <= maxOrder; n++) for (const [ngram, count] of index.counts(n)) all.set(ngram, count);
  return all;
}

/** One item's GLEU statistics: matches and max(hypothesis n-grams, reference n-grams), for the reference with the best ratio. */
export function gleuStatistics(item: TokenizedItem, minOrder = 1, maxOrder = 4): { matches: number; total: number } | null {
  return indexedGleuStatistics(indexItem(item), minOrder, maxOrder);
}

/** gleuStatistics over n-gram counts already made for the other metrics. */
export function indexedGleuStatistics(item: IndexedItem, minOrder = 1, maxOrder = 4): { matches: number; total: number } | null {
  const hypothesisCounts = everygramCounts(item.hypothesis, minOrder, maxOrder);
  const hypothesisTotal = totalCount(hypothesisCounts);
  let best: { matches: number; total: number } | null = null;
  for (const reference of item.references) {
    const referenceCounts = everygramCounts(reference, minOrder, maxOrder);
    const total = Math.max(hypothesisTotal, totalCount(referenceCounts));
    if (total === 0) continue;
    const matches = overlapCount(hypothesisCounts, referenceCounts);
    // Strictly greater keeps the first reference on ties, as Python's max() does in nltk.
    if (best === null || matches / total > best.matches / best.total) best = { matches, total };
  }
  return best;
}

/** Google-BLEU (Wu et al. 2016) at corpus level, as nltk's corpus_gleu: Σ matches / Σ max(hyp n-grams, ref n-grams), orders 1..4. */
export function corpusGleu(items: readonly TokenizedItem[], minOrder = 1, maxOrder = 4): number {
  let matches = 0;
  let total = 0;
  for (const item of items) {
    const statistics = gleuStatistics(item, minOrder, maxOrder);
    if (statistics === null) continue;
    matches += statistics.matches;
    total += statistics.total;
  }
  return total === 0 ? 0 : matches / total;
}
