import { NgramMatcher, ngramTotal } from './ngrams.js';

/** One hypothesis with its references, already tokenized. */
export interface TokenizedItem {
  hypothesis: readonly string[];
  references: readonly (readonly string[])[];
}

// nltk SmoothingFunction().method1 default: a zero numerator becomes epsilon.
const SMOOTHING_EPSILON = 0.1;

/** Clipped matches and the (nltk-style, at least 1) denominator of one item's n-gram precision. */
export function modifiedPrecision(item: TokenizedItem, n: number): { numerator: number; denominator: number } {
  const matcher = new NgramMatcher(n);
  matcher.match(item.hypothesis, item.references);
  // nltk uses max(1, count) so that a hypothesis shorter than n still adds 1 to the corpus denominator.
  return { numerator: matcher.clipped[n - 1], denominator: Math.max(1, ngramTotal(item.hypothesis.length, n)) };
}

/** What BLEU needs from an item, or summed over a corpus: clipped matches and denominators per order, and the lengths. */
export interface BleuStatistics {
  numerators: number[];
  denominators: number[];
  hypothesisLength: number;
  referenceLength: number;
}

/** BLEU statistics for orders 1..maxOrder of the item that `matcher` has just matched. */
export function bleuStatistics(matcher: NgramMatcher, maxOrder: number): BleuStatistics {
  const numerators: number[] = [];
  const denominators: number[] = [];
  const hypothesisLength = matcher.hypothesisLength;
  for (let n = 1; n <= maxOrder; n++) {
    numerators.push(matcher.clipped[n - 1]);
    denominators.push(Math.max(1, ngramTotal(hypothesisLength, n)));
  }
  return {
    numerators,
    denominators,
    hypothesisLength,
    referenceLength: closestLength(matcher.referenceLengths, hypothesisLength),
  };
}

/** Adds one item's statistics into a running corpus total. */
export function addBleuStatistics(total: BleuStatistics, item: BleuStatistics): void {
  item.numerators.forEach((value, index) => (total.numerators[index] = (total.numerators[index] ?? 0) + value));
  item.denominators.forEach((value, index) => (total.denominators[index] = (total.denominators[index] ?? 0) + value));
  total.hypothesisLength += item.hypothesisLength;
  total.referenceLength += item.referenceLength;
}

/** An empty corpus total. */
export function emptyBleuStatistics(): BleuStatistics {
  return { numerators: [], denominators: [], hypothesisLength: 0, referenceLength: 0 };
}

/** BLEU-`order` of summed statistics: 0 when some order has no match (see corpusBleu). */
export function bleuFromStatistics(total: BleuStatistics, order: number): number {
  const numerators = total.numerators.slice(0, order);
  if (numerators.some((numerator) => numerator === 0)) return 0;
  return combine(numerators, total.denominators.slice(0, order), total.referenceLength, total.hypothesisLength);
}

/** Sentence BLEU-`order` with nltk's method1 smoothing from one item's statistics (see smoothedSentenceBleu). */
export function smoothedBleuFromStatistics(item: BleuStatistics, order: number): number {
  const numerators = item.numerators.slice(0, order);
  if (numerators[0] === 0) return 0;
  const smoothed = numerators.map((numerator) => (numerator === 0 ? SMOOTHING_EPSILON : numerator));
  return combine(smoothed, item.denominators.slice(0, order), item.referenceLength, item.hypothesisLength);
}

/** Length of the reference closest to the hypothesis length; ties go to the shorter reference. */
export function closestReferenceLength(references: readonly (readonly string[])[], hypothesisLength: number): number {
  return closestLength(
    references.map((reference) => reference.length),
    hypothesisLength,
  );
}

function closestLength(referenceLengths: readonly number[], hypothesisLength: number): number {
  let best = Infinity;
  for (const length of referenceLengths) {
    const distance = Math.abs(length - hypothesisLength);
    const bestDistance = Math.abs(best - hypothesisLength);
    if (distance < bestDistance || (distance === bestDistance && length < best)) best = length;
  }
  return best;
}

/** Papineni's brevity penalty: 1 when the hypothesis is longer, exp(1 − r/c) otherwise, 0 for an empty hypothesis. */
export function brevityPenalty(referenceLength: number, hypothesisLength: number): number {
  if (hypothesisLength > referenceLength) return 1;
  if (hypothesisLength === 0) return 0;
  return Math.exp(1 - referenceLength / hypothesisLength);
}

/**
 * Corpus BLEU with uniform weights over orders 1..maxOrder, as nltk's corpus_bleu with default arguments.
 * When some order has no match at all the score is 0 (nltk ≥ 3.4 substitutes sys.float_info.min there, giving < 1e-70).
 */
export function corpusBleu(items: readonly TokenizedItem[], maxOrder: number): number {
  const total = emptyBleuStatistics();
  const matcher = new NgramMatcher(maxOrder);
  for (const item of items) {
    matcher.match(item.hypothesis, item.references);
    addBleuStatistics(total, bleuStatistics(matcher, maxOrder));
  }
  return bleuFromStatistics(total, maxOrder);
}

/** Sentence BLEU-n with nltk's SmoothingFunction().method1 (a zero match count becomes 0.1); 0 without a unigram match, as nltk. */
export function smoothedSentenceBleu(item: TokenizedItem, maxOrder: number): number {
  const matcher = new NgramMatcher(maxOrder);
  matcher.match(item.hypothesis, item.references);
  return smoothedBleuFromStatistics(bleuStatistics(matcher, maxOrder), maxOrder);
}

function combine(
  numerators: readonly number[],
  denominators: readonly number[],
  referenceLength: number,
  hypothesisLength: number,
): number {
  const weight = 1 / numerators.length;
  let logSum = 0;
  for (let i = 0; i < numerators.length; i++) logSum += weight * Math.log(numerators[i] / denominators[i]);
  return brevityPenalty(referenceLength, hypothesisLength) * Math.exp(logSum);
}
