import { describe, expect, it } from '@jest/globals';
import { DomainError, ErrorCode } from '@clinrank/domain';
import { binomialTestTwoSided, wilsonInterval } from './binomial.js';

describe('binomialTestTwoSided', () => {
  it('sums both tails by hand for a small case', () => {
    // n = 10, p = ½, x = 2: outcomes at most as likely as P(2) = 45/1024 are 0,1,2 and 8,9,10:
    // 2·(1 + 10 + 45)/1024 = 112/1024 = 0.109375
    expect(binomialTestTwoSided(2, 10)).toBeCloseTo(112 / 1024, 14);
    // x = 0: only 0 and 10 → 2/1024
    expect(binomialTestTwoSided(0, 10)).toBeCloseTo(2 / 1024, 15);
    // x = 5 is the mode: every outcome is at most as likely → 1
    expect(binomialTestTwoSided(5, 10)).toBe(1);
  });

  it.each([
    // R: binom.test(7, 20)$p.value = 0.2632 (scipy binomtest gives 0.26317596435546875)
    [7, 20, 0.5, 0.26317596435546875],
    // R documentation example: binom.test(682, 925, p = 0.75) → p-value = 0.3825
    [682, 925, 0.75, 0.3824915595748517],
    [12, 20, 0.3, 0.005936084198097523],
    [3, 15, 0.1, 0.18406106910639106],
    [4900, 10000, 0.5, 0.04658552770494645],
    [51000, 100000, 0.5, 2.5887160383468943e-10],
    [505000, 1000000, 0.5, 1.538155504390233e-23],
  ])('binomtest(%i, %i, %p) matches R/scipy', (x, n, p, expected) => {
    expect(Math.abs(binomialTestTwoSided(x, n, p) - expected)).toBeLessThan(1e-7 * expected);
  });

  it('agrees with a brute-force sum over every outcome for small n', () => {
    // Direct definition: Σ P(k) over k with P(k) ≤ P(x)·(1 + 1e-7), P from the binomial coefficient by multiplication.
    const pmf = (k: number, n: number, p: number) => {
      let coefficient = 1;
      for (let i = 1; i <= k; i++) coefficient = (coefficient * (n - k + i)) / i;
      return coefficient * p ** k * (1 - p) ** (n - k);
    };
    for (const p of [0.5, 0.3, 0.77, 0.02]) {
      for (let n = 1; n <= 30; n++) {
        for (let x = 0; x <= n; x++) {
          const observed = pmf(x, n, p);
          let expected = 0;
          for (let k = 0; k <= n; k++) if (pmf(k, n, p) <= observed * (1 + 1e-7)) expected += pmf(k, n, p);
          expect(Math.abs(binomialTestTwoSided(x, n, p) - Math.min(1, expected))).toBeLessThan(1e-12);
        }
      }
    }
  });

  it('stays finite and positive where direct probabilities underflow', () => {
    // z ≈ 30 → p ≈ 1e-197, far below where naive products of 1e6 terms would misbehave.
    const pValue = binomialTestTwoSided(515000, 1000000);
    expect(pValue).toBeGreaterThan(0);
    expect(pValue).toBeLessThan(1e-150);
  });

  it('handles degenerate p and rejects bad counts', () => {
    expect(binomialTestTwoSided(0, 5, 0)).toBe(1);
    expect(binomialTestTwoSided(1, 5, 0)).toBe(0);
    expect(binomialTestTwoSided(0, 0)).toBe(1);
    expect(() => binomialTestTwoSided(6, 5)).toThrow(/successes/);
    expect(() => binomialTestTwoSided(1.5, 5)).toThrow(/successes/);
    expect(() => binomialTestTwoSided(1, 5, 2)).toThrow(/p:/);
    try {
      binomialTestTwoSided(-1, 5);
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(ErrorCode.BadUserInput);
    }
  });
});

describe('wilsonInterval', () => {
  it('matches Newcombe (1998) textbook values', () => {
    // Newcombe, Stat Med 17:857, Table II: 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605; 0/20 → 0–0.1611.
    const a = wilsonInterval(81, 263);
    expect(a.low).toBeCloseTo(0.2553, 4);
    expect(a.high).toBeCloseTo(0.3662, 4);
    const b = wilsonInterval(15, 148);
    expect(b.low).toBeCloseTo(0.0624, 4);
    expect(b.high).toBeCloseTo(0.1605, 4);
    const c = wilsonInterval(0, 20);
    expect(c.low).toBe(0);
    expect(c.high).toBeCloseTo(0.1611, 4);
  });

  it('computes a small case by hand', () => {
    // 5/10 with z = Φ⁻¹(0.975) = 1.959964: z²/n = 0.384146; centre (0.5 + 0.192073)/1.384146 = 0.5;
    // half-width z·√(0.025 + 0.0096036)/1.384146 = 1.959964·0.186020/1.384146 = 0.263406 → [0.236594, 0.763406]
    const interval = wilsonInterval(5, 10);
    expect(interval.low).toBeCloseTo(0.236594, 5);
    expect(interval.high).toBeCloseTo(0.763406, 5);
  });

  it('narrows with a lower level, is uninformative without trials, rejects a bad level', () => {
    const wide = wilsonInterval(30, 100, 0.99);
    const narrow = wilsonInterval(30, 100, 0.8);
    expect(wide.high - wide.low).toBeGreaterThan(narrow.high - narrow.low);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    expect(() => wilsonInterval(1, 2, 1)).toThrow(/level/);
  });
});
