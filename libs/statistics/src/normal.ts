import { badInput } from './errors.js';

// Acklam's rational approximation (relative error 1.15e-9), refined by one Halley step against an accurate CDF.
const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;
const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Standard normal quantile (inverse CDF), accurate to about 1e-15 relative; ±Infinity at 0 and 1. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) badInput('p', `must be between 0 and 1, got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  // 1 − p is exact for p ≥ 0.5, so reflecting keeps the upper tail as precise as the lower.
  return p > 0.5 ? -lowerHalfQuantile(1 - p) : lowerHalfQuantile(p);
}

/** Standard normal CDF Φ(x), accurate in relative terms in the lower tail. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) badInput('x', 'must be a number, got NaN');
  return 0.5 * erfc(-x / Math.SQRT2);
}

function lowerHalfQuantile(p: number): number {
  const x = acklam(p);
  const error = normalCdf(x) - p;
  const u = error * SQRT_2PI * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

function acklam(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return horner(C, q) / (horner(D, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (horner(A, r) * q) / (horner(B, r) * r + 1);
}

function horner(coefficients: readonly number[], x: number): number {
  let result = 0;
  for (const coefficient of coefficients) result = result * x + coefficient;
  return result;
}

/** Complementary error function: series for small |z|, continued fraction beyond. */
export function erfc(z: number): number {
  if (z < 0) return 2 - erfc(-z);
  if (z < 2.5) return 1 - erfSeries(z);
  return erfcContinuedFraction(z);
}

// erf(z) = 2/√π · e^{−z²} · Σ 2ⁿ z^{2n+1} / (1·3·…·(2n+1)); every term is positive, so no cancellation.
function erfSeries(z: number): number {
  let term = z;
  let sum = z;
  for (let n = 0; n < 200 && term > sum * 1e-17; n++) {
    term *= (2 * z * z) / (2 * n + 3);
    sum += term;
  }
  return (2 / SQRT_PI) * Math.exp(-z * z) * sum;
}

// erfc(z) = e^{−z²}/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))), evaluated with the modified Lentz method.
function erfcContinuedFraction(z: number): number {
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = z + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = z + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-z * z) / SQRT_PI / f;
}
