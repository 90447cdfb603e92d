import { describe, expect, it } from '@jest/globals';
import { createRng } from '@clinrank/statistics';
import { alphaBootstrapInterval } from './alpha-bootstrap.js';
import { compactAlphaBootstrap, CompactUnitsBuilder } from './compact-units.js';
import { cohenKappaPairs, fleissKappa } from './kappa.js';
import { krippendorffAlpha } from './krippendorff-alpha.js';
import { MEASUREMENT_LEVELS, type LabelValue } from './labels.js';
import { percentAgreement } from './percent-agreement.js';
import { ReliabilityData } from './reliability-data.js';
import { ReliabilityTally, type TallyUnit } from './reliability-tally.js';

/** unit → coder → value: the labels as they stand. */
type Labels = Map<string, Map<string, LabelValue | null>>;

function unitOf(labels: Labels, unit: string): TallyUnit {
  return [...(labels.get(unit) ?? new Map<string, LabelValue | null>())].map(([coder, value]) => ({ coder, value }));
}

function fullData(labels: Labels): ReliabilityData {
  const data = new ReliabilityData();
  for (const [unit, coders] of labels) for (const [coder, value] of coders) data.add(unit, coder, value);
  return data;
}

function close(actual: number | null, expected: number | null): void {
  if (actual === null || expected === null) expect(actual).toBe(expected);
  else expect(actual).toBeCloseTo(expected, 10);
}

function expectSameAsFullRecompute(tally: ReliabilityTally, labels: Labels): void {
  const data = fullData(labels);
  expect(tally.unitCount).toBe(data.unitCount);
  expect(tally.coderCount).toBe(data.coderCount);
  expect(tally.labelCount).toBe(data.labelCount);
  for (const level of MEASUREMENT_LEVELS) {
    const full = krippendorffAlpha(data, { level });
    const incremental = tally.alpha({ level });
    close(incremental.alpha, full.alpha);
    expect(incremental.reason).toBe(full.reason);
    expect(incremental.units).toBe(full.units);
    expect(incremental.pairableValues).toBe(full.pairableValues);
    close(incremental.observedDisagreement, full.observedDisagreement);
    close(incremental.expectedDisagreement, full.expectedDisagreement);
  }
  const agreement = percentAgreement(data);
  const tallied = tally.percentAgreement();
  close(tallied.agreement, agreement.agreement);
  expect({ ...tallied, agreement: null }).toEqual({ ...agreement, agreement: null });
  const fleiss = fleissKappa(data);
  const talliedFleiss = tally.fleissKappa();
  close(talliedFleiss.kappa, fleiss.kappa);
  // Which two unequal sizes the reason names depends on the order of the labels; the sizes themselves do not.
  const sizes = (reason?: string) => reason?.replace(/\(\d+ and \d+\)/, '(m and m)');
  expect(sizes(talliedFleiss.reason)).toBe(sizes(fleiss.reason));
  expect(talliedFleiss.ratersPerUnit).toBe(fleiss.ratersPerUnit);
  for (const minShared of [1, 3]) {
    const full = cohenKappaPairs(data, { minShared });
    const incremental = tally.cohenKappaPairs({ minShared });
    expect(Object.keys(incremental)).toEqual(Object.keys(full));
    for (const [key, pair] of Object.entries(full)) {
      expect(incremental[key].n).toBe(pair.n);
      expect(incremental[key].reason).toBe(pair.reason);
      close(incremental[key].kappa, pair.kappa);
    }
  }
}

describe('ReliabilityTally (seeded random label, edit and retract sequences)', () => {
  it('equals a full recompute after every step', () => {
    const rng = createRng(20251203);
    for (let trial = 0; trial < 40; trial++) {
      const unitNames = Array.from({ length: 2 + Math.floor(rng() * 8) }, (_, i) => `u${i}`);
      const coderNames = Array.from({ length: 2 + Math.floor(rng() * 5) }, (_, i) => `coder-${i}`);
      const levels = 2 + Math.floor(rng() * 4);
      const labels: Labels = new Map();
      let tally = new ReliabilityTally();
      for (let step = 0; step < 40; step++) {
        const unit = unitNames[Math.floor(rng() * unitNames.length)];
        const coder = coderNames[Math.floor(rng() * coderNames.length)];
        const coders = labels.get(unit) ?? new Map<string, LabelValue | null>();
        // A write replaces the unit's contribution: remove it as it was, change one label, add it as it is.
        tally.remove(unitOf(labels, unit));
        const roll = rng();
        if (coders.has(coder) && roll < 0.3) coders.delete(coder);
        else coders.set(coder, rng() < 0.1 ? null : Math.floor(rng() * levels));
        if (coders.size > 0) labels.set(unit, coders);
        else labels.delete(unit);
        tally.add(unitOf(labels, unit));
        if (rng() < 0.2) tally = ReliabilityTally.fromJSON(JSON.parse(JSON.stringify(tally.toJSON())));
        expectSameAsFullRecompute(tally, labels);
      }
      // Retracting everything leaves an empty tally.
      for (const unit of [...labels.keys()]) {
        tally.remove(unitOf(labels, unit));
        labels.delete(unit);
      }
      const emptied = tally.toJSON();
      expect(emptied).toEqual({ ...new ReliabilityTally().toJSON(), values: emptied.values, coders: emptied.coders });
      expectSameAsFullRecompute(tally, labels);
    }
  });

  it('names cohen pairs through a mapping and refuses removing what was never added', () => {
    const tally = new ReliabilityTally();
    for (let u = 0; u < 4; u++)
      tally.add([
        { coder: 'id-2', value: u % 2 },
        { coder: 'id-1', value: u < 3 ? u % 2 : 0 },
      ]);
    const names = new Map([
      ['id-1', 'zed'],
      ['id-2', 'amy'],
    ]);
    expect(tally.cohenKappaPairs({ minShared: 1 }, (coder) => names.get(coder) as string)).toEqual({
      'amy|zed': { n: 4, kappa: 0.5 },
    });
    expect(() => tally.remove([{ coder: 'id-3', value: 1 }])).toThrow(/never added/);
  });
});

describe('compactAlphaBootstrap', () => {
  it('gives the interval alphaBootstrapInterval gives over the same units in the same order', () => {
    const rng = createRng(7);
    const data = new ReliabilityData();
    const builder = new CompactUnitsBuilder();
    for (let unit = 0; unit < 60; unit++) {
      const values: (number | null)[] = [];
      for (let coder = 0; coder < 4; coder++) {
        const value = rng() < 0.2 ? null : Math.floor(rng() * 4);
        values.push(value);
        data.add(`u${unit}`, `c${coder}`, value);
      }
      builder.addUnit(values);
    }
    const compact = builder.build();
    for (const level of MEASUREMENT_LEVELS) {
      const options = { level, seed: 11, resamples: 200 };
      expect(compactAlphaBootstrap(compact, options)).toEqual(alphaBootstrapInterval(data, options));
    }
  });
});
