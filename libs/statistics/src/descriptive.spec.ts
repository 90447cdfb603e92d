import { describe, expect, it } from '@jest/globals';
import { mean, median, quantile, variance } from './descriptive.js';

describe('descriptive statistics', () => {
  it('computes mean and sample variance by hand', () => {
    // [2, 4, 4, 4, 5, 5, 7, 9]: sum 40, mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32; 32 / 7.
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(values)).toBe(5);
    expect(variance(values)).toBeCloseTo(32 / 7, 12);
  });

  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    // sorted [1, 2, 3, 10]: (2 + 3) / 2
    expect(median([10, 3, 1, 2])).toBe(2.5);
  });

  it('interpolates quantiles like R type 7', () => {
    // sorted [1, 2, 3, 4, 10]; q = 0.3 → position (5−1)·0.3 = 1.2 → 2 + 0.2·(3−2) = 2.2 (R: quantile(c(1,2,3,4,10), .3) = 2.2)
    expect(quantile([10, 4, 3, 2, 1], 0.3)).toBeCloseTo(2.2, 12);
    // q = 0.9 → position 3.6 → 4 + 0.6·(10−4) = 7.6
    expect(quantile([10, 4, 3, 2, 1], 0.9)).toBeCloseTo(7.6, 12);
    expect(quantile([5], 0.42)).toBe(5);
    expect(quantile([1, 2], 0)).toBe(1);
    expect(quantile([1, 2], 1)).toBe(2);
  });

  it('returns null when a statistic is undefined', () => {
    expect(mean([])).toBeNull();
    expect(median([])).toBeNull();
    expect(variance([3])).toBeNull();
    expect(quantile([], 0.5)).toBeNull();
  });

  it('rejects bad input by name', () => {
    expect(() => quantile([1], 1.5)).toThrow(/q:/);
    expect(() => mean([1, Number.NaN])).toThrow(/values\[1\]/);
  });
});
