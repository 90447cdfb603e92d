import { describe, expect, it } from '@jest/globals';
import { createRng } from '@clinrank/statistics';
import { alphaBootstrapInterval } from './alpha-bootstrap.js';
import { alphaFromCoincidences, coincidenceMatrix } from './coincidence-matrix.js';
import { krippendorffAlpha } from './krippendorff-alpha.js';
import { MEASUREMENT_LEVELS, type Label } from './labels.js';

const TRIALS = 150;

/** Random reliability data: up to 12 units, up to 6 coders, values 1..5 (0..4 for ratio zeros), ~30% missing. */
function randomLabels(rng: () => number): Label[] {
  const units = 2 + Math.floor(rng() * 11);
  const coders = 2 + Math.floor(rng() * 5);
  const levels = 2 + Math.floor(rng() * 4);
  const labels: Label[] = [];
  for (let unit = 0; unit < units; unit++) {
    // Units lean towards one value so alpha is usually well away from 0.
    const centre = Math.floor(rng() * levels);
    for (let coder = 0; coder < coders; coder++) {
      if (rng() < 0.3) continue;
      const value = rng() < 0.6 ? centre : Math.floor(rng() * levels);
      labels.push({ unit: `u${unit}`, coder: `c${coder}`, value });
    }
  }
  return labels;
}

function shuffled<T>(items: readonly T[], rng: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** Renames ids through a random bijection. */
function renamed(labels: Label[], field: 'unit' | 'coder', rng: () => number): Label[] {
  const ids = [...new Set(labels.map((label) => String(label[field])))];
  const permutation = shuffled(ids, rng);
  const names = new Map(ids.map((id, i) => [id, `${permutation[i]}-renamed`]));
  return labels.map((label) => ({ ...label, [field]: names.get(String(label[field])) as string }));
}

function expectSameAlpha(a: number | null, b: number | null): void {
  if (a === null || b === null) expect(a).toBe(b);
  else expect(a).toBeCloseTo(b, 10);
}

describe('Krippendorff alpha properties (seeded random data)', () => {
  it('does not change when coder ids are permuted, unit ids renamed, or labels reordered', () => {
    const rng = createRng(20260101);
    for (let trial = 0; trial < TRIALS; trial++) {
      const labels = randomLabels(rng);
      const variants = [renamed(labels, 'coder', rng), renamed(labels, 'unit', rng), shuffled(labels, rng)];
      for (const level of MEASUREMENT_LEVELS) {
        const reference = krippendorffAlpha(labels, { level }).alpha;
        for (const variant of variants) expectSameAlpha(krippendorffAlpha(variant, { level }).alpha, reference);
      }
    }
  });

  it('agrees with the textbook coincidence-matrix formulas on every level', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < TRIALS; trial++) {
      const labels = randomLabels(rng);
      const matrix = coincidenceMatrix(labels);
      for (const level of MEASUREMENT_LEVELS)
        expectSameAlpha(krippendorffAlpha(labels, { level }).alpha, alphaFromCoincidences(matrix, { level }));
    }
  });

  it('is invariant to monotone recoding (ordinal) and to affine rescaling (interval)', () => {
    const rng = createRng(99);
    for (let trial = 0; trial < TRIALS; trial++) {
      const labels = randomLabels(rng);
      const cubed = labels.map((label) => ({ ...label, value: (label.value as number) ** 3 + 10 }));
      const affine = labels.map((label) => ({ ...label, value: 2.5 * (label.value as number) - 7 }));
      expectSameAlpha(
        krippendorffAlpha(cubed, { level: 'ordinal' }).alpha,
        krippendorffAlpha(labels, { level: 'ordinal' }).alpha,
      );
      expectSameAlpha(
        krippendorffAlpha(affine, { level: 'interval' }).alpha,
        krippendorffAlpha(labels, { level: 'interval' }).alpha,
      );
    }
  });
});

describe('alphaBootstrapInterval', () => {
  const rng = createRng(3);
  const labels = Array.from({ length: 8 }, () => randomLabels(rng)).flatMap((batch, b) =>
    batch.map((label) => ({ ...label, unit: `${b}-${label.unit}` })),
  );

  it('is reproducible for a seed, brackets the estimate, and changes with the seed', () => {
    const first = alphaBootstrapInterval(labels, { level: 'nominal', seed: 42, resamples: 300 });
    const again = alphaBootstrapInterval(labels, { level: 'nominal', seed: 42, resamples: 300 });
    const other = alphaBootstrapInterval(labels, { level: 'nominal', seed: 43, resamples: 300 });
    expect(again).toEqual(first);
    expect(other.low).not.toBe(first.low);
    expect(first.estimate).toBe(krippendorffAlpha(labels, { level: 'nominal' }).alpha);
    expect(first.low as number).toBeLessThan(first.estimate as number);
    expect(first.high as number).toBeGreaterThan(first.estimate as number);
    expect(first.resamples).toBe(300);
  });

  it('narrows with a lower confidence level', () => {
    const wide = alphaBootstrapInterval(labels, { level: 'interval', seed: 1, resamples: 300, confidence: 0.95 });
    const narrow = alphaBootstrapInterval(labels, { level: 'interval', seed: 1, resamples: 300, confidence: 0.5 });
    expect((narrow.high as number) - (narrow.low as number)).toBeLessThan((wide.high as number) - (wide.low as number));
  });

  it('gives no interval when alpha is undefined', () => {
    const constant = [1, 2, 3].flatMap((unit) => ['a', 'b'].map((coder) => ({ unit, coder, value: 4 })));
    expect(alphaBootstrapInterval(constant, { level: 'nominal', seed: 1, resamples: 50 })).toEqual({
      low: null,
      high: null,
      resamples: 0,
      estimate: null,
    });
  });
});
