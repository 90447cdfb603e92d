import { describe, expect, it } from '@jest/globals';
import {
  bootstrapInterval,
  bootstrapIntervals,
  groupedBootstrapInterval,
  groupedBootstrapIntervals,
} from './bootstrap.js';
import { createRng } from './rng.js';

const average = (sample: readonly number[]): number | null =>
  sample.length === 0 ? null : sample.reduce((s, v) => s + v, 0) / sample.length;

describe('bootstrapInterval', () => {
  it('collapses to the value when every unit is the same', () => {
    const result = bootstrapInterval([3, 3, 3], average, { seed: 1, resamples: 50 });
    expect(result).toEqual({ low: 3, high: 3, resamples: 50, estimate: 3 });
  });

  it('spans the full range for two units', () => {
    // Resampled means of [0, 1] are 0, ½, 1 with probabilities ¼, ½, ¼, so the 2.5% and 97.5% percentiles are 0 and 1.
    const result = bootstrapInterval([0, 1], average, { seed: 5, resamples: 2000 });
    expect(result.estimate).toBe(0.5);
    expect(result.low).toBe(0);
    expect(result.high).toBe(1);
  });

  it('skips resamples whose statistic is null and reports how many counted', () => {
    // Statistic undefined when a resample of [0, 1] has no 1: probability ¼, so about 3000 of 4000 count (sd ≈ 27).
    const needsAOne = (sample: readonly number[]) => (sample.includes(1) ? 1 : null);
    const result = bootstrapInterval([0, 1], needsAOne, { seed: 9, resamples: 4000 });
    expect(result.resamples).toBeGreaterThan(2850);
    expect(result.resamples).toBeLessThan(3150);
    expect(result.low).toBe(1);
  });

  it('is deterministic for a seed and changes with it', () => {
    const data = Array.from({ length: 25 }, (_, i) => (i * 7919) % 13);
    const a = bootstrapInterval(data, average, { seed: 11, resamples: 200 });
    expect(bootstrapInterval(data, average, { seed: 11, resamples: 200 })).toEqual(a);
    expect(bootstrapInterval(data, average, { seed: 12, resamples: 200 })).not.toEqual(a);
  });

  it('covers the true mean at about the nominal rate', () => {
    // 80 normal samples of 40 with mean 0: a 90% percentile interval should cover 0 about 72 times (binomial sd ≈ 2.7).
    const rng = createRng(2024);
    const gaussian = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    let covered = 0;
    for (let trial = 0; trial < 80; trial++) {
      const sample = Array.from({ length: 40 }, gaussian);
      const { low, high } = bootstrapInterval(sample, average, { seed: trial, resamples: 400, level: 0.9 });
      if ((low as number) <= 0 && 0 <= (high as number)) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(64);
    expect(covered).toBeLessThanOrEqual(78);
  });

  it('returns nulls for no units and rejects bad options', () => {
    expect(bootstrapInterval([], average, { seed: 1 })).toEqual({
      low: null,
      high: null,
      resamples: 0,
      estimate: null,
    });
    expect(() => bootstrapInterval([1], average, { seed: 1, resamples: 0 })).toThrow(/resamples/);
    expect(() => bootstrapInterval([1], average, { seed: 1, level: 1.5 })).toThrow(/level/);
    expect(() => bootstrapInterval([1], () => Number.NaN, { seed: 1 })).toThrow(/statistic/);
  });
});

describe('bootstrapIntervals', () => {
  it('gives each named statistic the same interval as bootstrapInterval with the same seed', () => {
    const data = Array.from({ length: 30 }, (_, i) => (i * 37) % 11);
    const maximum = (sample: readonly number[]) => Math.max(...sample);
    const both = bootstrapIntervals(
      data,
      (sample) =>
        new Map([
          ['mean', average(sample) as number],
          ['max', maximum(sample)],
        ]),
      { seed: 3, resamples: 300 },
    );
    expect([...both.keys()]).toEqual(['max', 'mean']);
    expect(both.get('mean')).toEqual(bootstrapInterval(data, average, { seed: 3, resamples: 300 }));
    expect(both.get('max')).toEqual(bootstrapInterval(data, maximum, { seed: 3, resamples: 300 }));
  });

  it('counts resamples per name when a name is missing from some resamples', () => {
    // "one" is reported only when the resample of [0, 1] contains a 1: about ¾ of 2000 (sd ≈ 19).
    const result = bootstrapIntervals(
      [0, 1],
      (sample) =>
        new Map(
          sample.includes(1)
            ? [
                ['one', 1],
                ['all', 0],
              ]
            : [['all', 0]],
        ),
      { seed: 4, resamples: 2000 },
    );
    expect(result.get('all')?.resamples).toBe(2000);
    expect(result.get('one')?.resamples).toBeGreaterThan(1400);
    expect(result.get('one')?.resamples).toBeLessThan(1600);
  });
});

describe('groupedBootstrapInterval', () => {
  it('draws the units bootstrapInterval draws: the same interval for a statistic of the draws per group', () => {
    // 300 integer units in 7 groups (the unit's value); integer sums are exact in either order, so the intervals match exactly.
    const units = Array.from({ length: 300 }, (_, i) => (i * 7919) % 7);
    const groupOf = Int32Array.from(units);
    const total = (draws: Float64Array) => draws.reduce((sum, times, value) => sum + times * value, 0);
    for (const seed of [1, 2, 3]) {
      const options = { seed, resamples: 400, level: 0.9 };
      const estimate = total(Float64Array.from([1, 1, 1, 1, 1, 1, 1]));
      const grouped = groupedBootstrapInterval({ groupOf, groups: 7, estimate, statistic: total }, options);
      const listed = bootstrapInterval(units, (sample) => sample.reduce((sum, value) => sum + value, 0), options);
      expect(grouped.low).toBe(listed.low);
      expect(grouped.high).toBe(listed.high);
      expect(grouped.resamples).toBe(400);
      expect(grouped.low).toBeLessThan(grouped.high as number);
    }
  });

  it('counts only resamples with a statistic, and answers nulls for no units', () => {
    const groupOf = Int32Array.from([0, 1]);
    const needsGroupOne = (draws: Float64Array) => (draws[1] > 0 ? 1 : null);
    const result = groupedBootstrapInterval(
      { groupOf, groups: 2, estimate: 1, statistic: needsGroupOne },
      { seed: 9, resamples: 4000 },
    );
    expect(result.resamples).toBeGreaterThan(2850);
    expect(result.resamples).toBeLessThan(3150);
    expect(
      groupedBootstrapInterval(
        { groupOf: new Int32Array(0), groups: 0, estimate: null, statistic: () => 1 },
        { seed: 1 },
      ),
    ).toEqual({
      low: null,
      high: null,
      resamples: 0,
      estimate: null,
    });
  });

  it('draws for several samples at once as it draws for each alone, whatever their sizes', () => {
    const rng = createRng(4);
    const sample = (units: number, groups: number) => {
      const groupOf = Int32Array.from({ length: units }, () => Math.floor(rng() * groups));
      const weights = Float64Array.from({ length: groups }, () => rng());
      const statistic = (draws: Float64Array) => draws.reduce((sum, times, g) => sum + times * weights[g], 0) / units;
      return { groupOf, groups, estimate: rng(), statistic };
    };
    const samples = [sample(120, 5), sample(80, 3), sample(120, 9), sample(0, 1), sample(120, 2)];
    const options = { seed: 21, resamples: 150, level: 0.8 };
    const together = groupedBootstrapIntervals(samples, options);
    expect(together).toEqual(samples.map((one) => groupedBootstrapInterval(one, options)));
    expect(together[3]).toEqual({ low: null, high: null, resamples: 0, estimate: samples[3].estimate });
    expect(new Set(together.map((interval) => interval.low)).size).toBe(5);
  });

  it('refuses a bad resample count', () => {
    expect(() =>
      groupedBootstrapInterval(
        { groupOf: Int32Array.from([0]), groups: 1, estimate: 0, statistic: () => 0 },
        { seed: 1, resamples: 0 },
      ),
    ).toThrow(/resamples/);
  });
});
