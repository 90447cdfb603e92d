import { badInput, requireNonNegativeInteger } from './errors.js';
import { normalQuantile } from './normal.js';

// R's binom.test treats probabilities within this relative tolerance of the observed one as "as extreme".
const RELATIVE_TOLERANCE = 1 + 1e-7;

/** Exact two-sided binomial test p-value: the total probability of outcomes no more likely than the observed one (R binom.test, scipy binomtest). */
export function binomialTestTwoSided(successes: number, trials: number, p = 0.5): number {
  requireCounts(successes, trials);
  if (!(p >= 0 && p <= 1)) badInput('p', `must be between 0 and 1, got ${p}`);
  if (p === 0) return successes === 0 ? 1 : 0;
  if (p === 1) return successes === trials ? 1 : 0;
  const observed = binomialLogPmf(successes, trials, p);
  const threshold = observed + Math.log(RELATIVE_TOLERANCE);
  // The pmf rises to the mode and falls after it, so outcomes at most as likely as the observed one form two tails:
  // [0, lowerEnd] and [upperStart, n]. Find their edges by bisection and sum each tail outward from its edge.
  const mode = Math.min(trials, Math.floor((trials + 1) * p));
  if (binomialLogPmf(mode, trials, p) <= threshold) return 1;
  const atMostAsLikely = (k: number) => binomialLogPmf(k, trials, p) <= threshold;
  const lowerEnd = lastTrue(0, mode - 1, atMostAsLikely);
  const upperStart = firstTrue(mode + 1, trials, atMostAsLikely);
  const relativeSum = tailSum(lowerEnd, trials, p, observed, -1) + tailSum(upperStart, trials, p, observed, +1);
  return Math.min(1, relativeSum * Math.exp(observed));
}

/** Largest k in [from, to] with predicate true, for a predicate true on a prefix; from − 1 when none. */
function lastTrue(from: number, to: number, predicate: (k: number) => boolean): number {
  let low = from - 1;
  let high = to;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (predicate(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Smallest k in [from, to] with predicate true, for a predicate true on a suffix; to + 1 when none. */
function firstTrue(from: number, to: number, predicate: (k: number) => boolean): number {
  let low = from;
  let high = to + 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (predicate(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

// Σ exp(logPmf(k) − observed) from the tail's edge outward (direction −1: down to 0; +1: up to n), using the pmf ratio
// P(k+1)/P(k) = (n−k)/(k+1) · p/(1−p); stops once terms no longer change the sum, so it costs O(√n) at most.
function tailSum(edge: number, n: number, p: number, observed: number, direction: -1 | 1): number {
  if (edge < 0 || edge > n) return 0;
  const odds = p / (1 - p);
  let term = Math.exp(binomialLogPmf(edge, n, p) - observed);
  let sum = 0;
  for (let k = edge; k >= 0 && k <= n; k += direction) {
    sum += term;
    if (term < sum * 1e-17) break;
    term *= direction === 1 ? ((n - k) / (k + 1)) * odds : k / (n - k + 1) / odds;
  }
  return sum;
}

/** log P(X = k) for X ~ Binomial(n, p), with 0 < p < 1. */
export function binomialLogPmf(k: number, n: number, p: number): number {
  return logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

/** Wilson score interval for a binomial proportion; the uninformative [0, 1] when there are no trials. */
export function wilsonInterval(successes: number, trials: number, level = 0.95): { low: number; high: number } {
  requireCounts(successes, trials);
  if (!(level > 0 && level < 1)) badInput('level', `must be strictly between 0 and 1, got ${level}`);
  if (trials === 0) return { low: 0, high: 1 };
  const z = normalQuantile(1 - (1 - level) / 2);
  const proportion = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (proportion + z2n / 2) / (1 + z2n);
  const halfWidth = (z * Math.sqrt((proportion * (1 - proportion)) / trials + z2n / (4 * trials))) / (1 + z2n);
  // Clamp away rounding just outside [0, 1] at the boundaries (0 or n successes).
  return { low: Math.max(0, centre - halfWidth), high: Math.min(1, centre + halfWidth) };
}

function requireCounts(successes: number, trials: number): void {
  requireNonNegativeInteger('trials', trials);
  requireNonNegativeInteger('successes', successes);
  if (successes > trials) badInput('successes', `must not exceed trials (${trials}), got ${successes}`);
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

const SMALL_LOG_FACTORIALS: number[] = [0];
for (let i = 1; i <= 256; i++) SMALL_LOG_FACTORIALS.push(SMALL_LOG_FACTORIALS[i - 1] + Math.log(i));

/** log(n!) exactly summed for small n, Stirling series (error < 1e-17 relative) beyond. */
function logFactorial(n: number): number {
  if (n < SMALL_LOG_FACTORIALS.length) return SMALL_LOG_FACTORIALS[n];
  const x = n + 1;
  const inverse = 1 / x;
  const inverse2 = inverse * inverse;
  const series = inverse * (1 / 12 - inverse2 * (1 / 360 - inverse2 * (1 / 1260 - inverse2 / 1680)));
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series;
}
