import { describe, expect, it } from '@jest/globals';
import { bootstrapInterval, createRng } from '@clinrank/statistics';
import { alphaBootstrapInterval, alphaBootstrapOverCounts } from './alpha-bootstrap.js';
import {
  compactAlphaBootstraps,
  CompactUnitsBuilder,
  compactUnitValueCounts,
  type CompactUnits,
} from './compact-units.js';
import { alphaOverUnits } from './krippendorff-alpha.js';
import { MEASUREMENT_LEVELS } from './labels.js';
import { levelScale } from './level-scale.js';
import { ReliabilityData } from './reliability-data.js';
import { countUnitValues, groupIdenticalUnits, unitValueCounts } from './unit-value-counts.js';

/** Units of 2–6 values from five ordered categories (some missing), as a project of several labellers gives them. */
function reliabilityData(seed: number, units: number): ReliabilityData {
  const rng = createRng(seed);
  const data = new ReliabilityData();
  for (let unit = 0; unit < units; unit++) {
    const coders = 2 + Math.floor(rng() * 5);
    const centre = Math.floor(rng() * 5);
    for (let coder = 0; coder < coders; coder++) {
      const drift = rng() < 0.6 ? 0 : rng() < 0.5 ? -1 : 1;
      data.add(`u${unit}`, `c${coder}`, rng() < 0.1 ? null : Math.min(5, Math.max(1, centre + 1 + drift)));
    }
  }
  return data;
}

describe('alphaBootstrapOverCounts', () => {
  it('gives the interval of listing every resample, at every level, from a few groups', () => {
    const data = reliabilityData(3, 400);
    const counts = unitValueCounts(data);
    const { groupOf, representatives } = groupIdenticalUnits(counts);
    expect(representatives.length).toBeLessThan(counts.totals.length / 2);
    for (const level of MEASUREMENT_LEVELS) {
      const scale = levelScale(data.values, level);
      const options = { level, seed: 17, resamples: 300, confidence: 0.9 };
      const grouped = alphaBootstrapOverCounts(counts, scale, options);
      const units = Array.from(counts.totals.keys());
      const listed = bootstrapInterval(units, (sample) => alphaOverUnits(counts, scale, sample).alpha, {
        seed: 17,
        resamples: 300,
        level: 0.9,
      });
      expect(grouped.estimate).toBe(listed.estimate);
      expect(grouped.resamples).toBe(listed.resamples);
      expect(grouped.low).toBeCloseTo(listed.low as number, 12);
      expect(grouped.high).toBeCloseTo(listed.high as number, 12);
      expect(grouped.low).toBeLessThan(grouped.high as number);
    }
    // Every unit's group holds units with its counts.
    for (let k = 0; k < groupOf.length; k++) {
      const representative = representatives[groupOf[k]];
      const valuesOf = (unit: number) =>
        Array.from(counts.values.subarray(counts.start[unit], counts.start[unit + 1]), (value, j) =>
          [value, counts.counts[counts.start[unit] + j]].join(':'),
        ).sort();
      expect(valuesOf(k)).toEqual(valuesOf(representative));
    }
  });

  it('weights a unit as listing it that many times', () => {
    const data = reliabilityData(5, 50);
    const counts = unitValueCounts(data);
    const scale = levelScale(data.values, 'interval');
    const listed = alphaOverUnits(counts, scale, [0, 0, 0, 1, 2, 2]);
    const weighted = alphaOverUnits(counts, scale, [0, 1, 2], [3, 1, 2]);
    expect(weighted.alpha).toBeCloseTo(listed.alpha as number, 12);
    expect(weighted.pairableValues).toBe(listed.pairableValues);
    expect(weighted.units).toBe(listed.units);
  });
});

describe('groupIdenticalUnits', () => {
  /** Units as lists of value indices, grouped, as group numbers per pairable unit. */
  function groupsOf(units: number[][], valueCount: number): number[] {
    const start = [0];
    for (const unit of units) start.push(start[start.length - 1] + unit.length);
    const counts = countUnitValues({ start, values: units.flat() }, units.length, valueCount);
    return Array.from(groupIdenticalUnits(counts).groupOf);
  }

  it('groups units with the same values in any order, and only those', () => {
    const units = [
      [0, 1, 1],
      [1, 0, 1],
      [1, 1, 0],
      [0, 0, 1],
      [2, 2],
      [2, 2, 2],
    ];
    expect(groupsOf(units, 3)).toEqual([0, 0, 0, 1, 2, 3]);
  });

  it('groups alike when the counts are too many to key as one number', () => {
    // 40 values and units of up to 12 labels: 40 digits in base 13 pass 2^53, so the units are keyed as text.
    const rng = createRng(8);
    const units = Array.from({ length: 200 }, () =>
      Array.from({ length: 2 + Math.floor(rng() * 11) }, () => Math.floor(rng() * 40)),
    );
    units.push([39, 0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3], [3, 2, 1, 0, 3, 2, 1, 0, 1, 2, 2, 39]);
    const groups = groupsOf(units, 40);
    expect(groups[200]).toBe(groups[201]);
    const signature = (unit: number[]) => [...unit].sort((x, y) => x - y).join(',');
    for (let a = 0; a < units.length; a++)
      for (let b = a + 1; b < units.length; b++)
        expect(groups[a] === groups[b]).toBe(signature(units[a]) === signature(units[b]));
  });
});

describe('compactAlphaBootstraps', () => {
  /** The same units as ReliabilityData and as CompactUnits. */
  function bothForms(seed: number, units: number): { data: ReliabilityData; compact: CompactUnits } {
    const rng = createRng(seed);
    const data = new ReliabilityData();
    const builder = new CompactUnitsBuilder();
    for (let unit = 0; unit < units; unit++) {
      const values = Array.from({ length: 2 + Math.floor(rng() * 4) }, () => 1 + Math.floor(rng() * 5));
      values.forEach((value, coder) => data.add(`u${unit}`, `c${coder}`, value));
      builder.addUnit(values);
    }
    return { data, compact: builder.build() };
  }

  it('gives each set of units the interval it gets alone, drawing once for sets of one size', () => {
    // The first two sets have 300 units each, none with one value: as many pairable units, so one stream of draws.
    const sets = [bothForms(11, 300), bothForms(12, 300), bothForms(13, 250)];
    const jobs = [
      { units: sets[0].compact, options: { level: 'nominal' as const, seed: 5, resamples: 120 } },
      { units: sets[1].compact, options: { level: 'interval' as const, seed: 5, resamples: 120 } },
      { units: sets[2].compact, options: { level: 'ordinal' as const, seed: 5, resamples: 120 } },
      { units: sets[0].compact, options: { level: 'ratio' as const, seed: 6, resamples: 120 } },
    ];
    const pairable = sets.map(({ compact }) => compactUnitValueCounts(compact).totals.length);
    expect(pairable).toEqual([300, 300, 250]);
    const together = compactAlphaBootstraps(jobs);
    expect(together).toEqual(jobs.map((job, i) => alphaBootstrapInterval(sets[i % 3].data, job.options)));
    expect(together.every((interval) => interval.resamples === 120)).toBe(true);
    expect(new Set(together.map((interval) => interval.low)).size).toBe(4);
  });
});
