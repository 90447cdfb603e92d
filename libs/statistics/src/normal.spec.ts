import { describe, expect, it } from '@jest/globals';
import { normalCdf, normalQuantile } from './normal.js';

describe('normalQuantile', () => {
  // Reference values from scipy.stats.norm.ppf (double precision).
  const cases: Array<[number, number]> = [
    [0.975, 1.959963984540054],
    [0.3, -0.5244005127080409],
    [0.8, 0.8416212335729143],
    [0.02425, -1.972961051311885],
    [1e-10, -6.361340902404056],
    [1 - 1e-12, 7.0344869100478356],
  ];

  it.each(cases)('Φ⁻¹(%p) matches scipy to 1e-12 relative', (p, expected) => {
    expect(Math.abs(normalQuantile(p) - expected)).toBeLessThan(1e-12 * Math.abs(expected));
  });

  it('is exactly 0 at the median and antisymmetric', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.1)).toBe(-normalQuantile(0.9));
  });

  it('inverts the CDF across the range', () => {
    for (const p of [1e-300, 1e-20, 1e-5, 0.01, 0.2, 0.49, 0.51, 0.7, 0.99]) {
      expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-12 * p);
    }
  });

  it('returns infinities at 0 and 1 and rejects probabilities outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.1)).toThrow(/p:/);
    expect(() => normalQuantile(Number.NaN)).toThrow(/p:/);
  });
});
