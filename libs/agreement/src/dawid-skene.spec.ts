import { describe, expect, it } from '@jest/globals';
import { createRng } from '@clinrank/statistics';
import {
  fitDawidSkene,
  itemPosterior,
  PAIRWISE_SWAP,
  posteriorMode,
  posteriorOf,
  type DsLabel,
} from './dawid-skene.js';

/**
 * Four items, classes x and y, annotators A and B:
 *   i1: A x, B x    i2: A x, B y    i3: A y, B y    i4: A x (B did not label it)
 * With classPrior 1 and confusion pseudo-counts agree 1, disagree 1, one EM iteration by hand:
 *
 * Start (vote shares): T(i1) = (1, 0), T(i2) = (½, ½), T(i3) = (0, 1), T(i4) = (1, 0).
 * M-step, class priors: x 1 + ½ + 0 + 1 = 2.5, y 1.5; plus 1 each → (3.5, 2.5)/6 = (7/12, 5/12).
 * A, truth x: said x 1 + ½ + 1 = 2.5, said y 0 → (3.5, 1)/4.5 = (7/9, 2/9)
 * A, truth y: said x ½ (i2), said y 1 (i3)       → (1.5, 2)/3.5 = (3/7, 4/7)
 * B, truth x: said x 1 (i1), said y ½ (i2)       → (2, 1.5)/3.5 = (4/7, 3/7)
 * B, truth y: said x 0, said y ½ + 1 = 1.5       → (1, 2.5)/3.5 = (2/7, 5/7)
 * E-step, P(x) = π_x Π θ(x) / Σ_k π_k Π θ(k):
 *   i1: x 7/12·7/9·4/7 = 7/27, y 5/12·3/7·2/7 = 5/98   → 686/821 ≈ 0.835566
 *   i2: x 7/12·7/9·3/7 = 7/36, y 5/12·3/7·5/7 = 25/196 → 343/568 ≈ 0.603873
 *   i3: x 7/12·2/9·3/7 = 1/18, y 5/12·4/7·5/7 = 25/147 → 49/199  ≈ 0.246231
 *   i4: x 7/12·7/9 = 49/108,   y 5/12·3/7 = 5/28       → 343/478 ≈ 0.717573
 */
const TINY: DsLabel[] = [
  { item: 'i1', annotator: 'A', value: 'x' },
  { item: 'i1', annotator: 'B', value: 'x' },
  { item: 'i2', annotator: 'A', value: 'x' },
  { item: 'i2', annotator: 'B', value: 'y' },
  { item: 'i3', annotator: 'A', value: 'y' },
  { item: 'i3', annotator: 'B', value: 'y' },
  { item: 'i4', annotator: 'A', value: 'x' },
];
const TINY_OPTIONS = { classes: ['x', 'y'], classPrior: 1, confusionPrior: { agree: 1, disagree: 1 } };

describe('fitDawidSkene: one EM iteration against the hand computation', () => {
  const fit = fitDawidSkene(TINY, { ...TINY_OPTIONS, maxIterations: 1 });

  it('gives the hand-computed class priors and confusion matrices', () => {
    expect(fit.iterations).toBe(1);
    expect(Array.from(fit.classPriors)).toEqual([7 / 12, 5 / 12].map((v) => expect.closeTo(v, 12)));
    expect(fit.annotators).toEqual(['A', 'B']);
    expect(Array.from(fit.confusion[0])).toEqual([7 / 9, 2 / 9, 3 / 7, 4 / 7].map((v) => expect.closeTo(v, 12)));
    expect(Array.from(fit.confusion[1])).toEqual([4 / 7, 3 / 7, 2 / 7, 5 / 7].map((v) => expect.closeTo(v, 12)));
  });

  it('gives the hand-computed posteriors', () => {
    const expected: Record<string, number> = { i1: 686 / 821, i2: 343 / 568, i3: 49 / 199, i4: 343 / 478 };
    for (const [item, px] of Object.entries(expected)) {
      const posterior = posteriorOf(fit, item) as Float64Array;
      expect(posterior[0]).toBeCloseTo(px, 12);
      expect(posterior[1]).toBeCloseTo(1 - px, 12);
    }
    expect(posteriorOf(fit, 'nope')).toBeNull();
  });

  it('reports expected accuracy as Σ P(k)·P(says k | k)', () => {
    expect(fit.reliability[0]).toEqual({
      annotator: 'A',
      labels: 4,
      expectedAccuracy: expect.closeTo((7 / 12) * (7 / 9) + (5 / 12) * (4 / 7), 12),
    });
    expect(fit.reliability[1].labels).toBe(3);
  });

  it("itemPosterior of the fitted model gives the same numbers for an item's labels", () => {
    const posterior = itemPosterior(fit, [
      { annotator: 'A', value: 'x' },
      { annotator: 'B', value: 'y' },
    ]);
    expect(posterior[0]).toBeCloseTo(343 / 568, 12);
    expect(posteriorMode(fit.classes, posterior)).toEqual({ value: 'x', probability: expect.closeTo(343 / 568, 12) });
  });
});

describe('fitDawidSkene: gold, convergence, input errors', () => {
  it('clamps a gold item to its class and starts the other items from it', () => {
    const fit = fitDawidSkene(TINY, { ...TINY_OPTIONS, gold: new Map([['i2', 'y']]), maxIterations: 1 });
    expect(Array.from(posteriorOf(fit, 'i2') as Float64Array)).toEqual([0, 1]);
    // Class priors start from i2 = y: x 1 + 0 + 0 + 1 = 2, y 2; plus 1 each → ½, ½.
    expect(Array.from(fit.classPriors)).toEqual([0.5, 0.5]);
  });

  it('converges, is deterministic and does not depend on label order', () => {
    const first = fitDawidSkene(TINY, TINY_OPTIONS);
    const second = fitDawidSkene([...TINY].reverse(), TINY_OPTIONS);
    expect(first.converged).toBe(true);
    expect(Array.from(second.posteriors)).toEqual(Array.from(first.posteriors));
  });

  it("counts an unseen annotator with the prior's confusion", () => {
    const fit = fitDawidSkene(TINY, { classes: ['x', 'y'], confusionPrior: { agree: 3, disagree: 1 } });
    expect(Array.from(fit.defaultConfusion)).toEqual([0.75, 0.25, 0.25, 0.75]);
    const posterior = itemPosterior(fit, [{ annotator: 'newcomer', value: 'y' }]);
    const px = fit.classPriors[0] * 0.25;
    const py = fit.classPriors[1] * 0.75;
    expect(posterior[0]).toBeCloseTo(px / (px + py), 12);
  });

  it('refuses a value outside the classes, naming the label', () => {
    expect(() => fitDawidSkene([{ item: 'i', annotator: 'A', value: 'z' }], { classes: ['x', 'y'] })).toThrow(
      /labels\[0\]\.value: "z" is not one of x, y/,
    );
    expect(() => fitDawidSkene([], { classes: ['x'] })).toThrow(/classes/);
    expect(() => fitDawidSkene(TINY, { classes: ['x', 'y'], gold: new Map([['i1', 'q']]) })).toThrow(/gold\[i1\]/);
    expect(() => fitDawidSkene(TINY, { classes: ['x', 'y'], confusionPrior: { agree: 0 } })).toThrow(
      /confusionPrior\.agree/,
    );
  });
});

describe('fitDawidSkene: the pairwise swap', () => {
  it('pools counts with their swapped selves before normalising (hand computation on the tiny example)', () => {
    // Class counts x 2.5, y 1.5 pool to 2, 2 → (2 + 1)/6 each. A's counts with pseudo-counts: row x (3.5, 1), row y
    // (1.5, 2); pooled [x][x] = [y][y] = (3.5 + 2)/2 = 2.75 and [x][y] = [y][x] = (1 + 1.5)/2 = 1.25 → rows of 4.
    const fit = fitDawidSkene(TINY, { ...TINY_OPTIONS, swap: ['x', 'y'], maxIterations: 1 });
    expect(Array.from(fit.classPriors)).toEqual([0.5, 0.5]);
    expect(Array.from(fit.confusion[0])).toEqual([0.6875, 0.3125, 0.3125, 0.6875]);
  });

  it('keeps sparse labels of equally unreliable annotators from collapsing onto one class', () => {
    // 240 pairs, two labels each from five annotators who are right 70 % of the time. Without the swap, EM may explain
    // such data as "everything is A, annotators answer at random" and be sure of every item.
    const rng = createRng(3);
    const labels: DsLabel[] = [];
    const disagreeing = new Set<string>();
    for (let i = 0; i < 240; i++) {
      const item = `p${String(i).padStart(3, '0')}`;
      const truth = rng() < 0.5 ? 'a' : 'b';
      const first = Math.floor(rng() * 5);
      const second = (first + 1 + Math.floor(rng() * 4)) % 5;
      const values = [first, second].map(() => (rng() < 0.7 ? truth : truth === 'a' ? 'b' : 'a'));
      if (values[0] !== values[1]) disagreeing.add(item);
      labels.push(
        { item, annotator: `s${first}`, value: values[0] },
        { item, annotator: `s${second}`, value: values[1] },
      );
    }
    const fit = fitDawidSkene(labels, { classes: ['a', 'b', 'tie', 'both_bad'], swap: PAIRWISE_SWAP });
    expect(fit.classPriors[0]).toBe(fit.classPriors[1]);
    for (const item of disagreeing) expect(Math.max(...(posteriorOf(fit, item) as Float64Array))).toBeLessThan(0.95);
    for (const { expectedAccuracy } of fit.reliability) expect(expectedAccuracy).toBeGreaterThan(0.4);
    expect(() => fitDawidSkene(labels, { classes: ['a', 'b'], swap: ['a', 'c'] as never })).toThrow(
      /swap: must name two different classes/,
    );
  });
});

describe('fitDawidSkene: recovers known confusion matrices from a seeded synthetic set', () => {
  // Three classes with priors 0.5/0.3/0.2; five annotators from expert to near-random, each labelling every item.
  const CLASSES = ['good', 'fair', 'poor'];
  const PRIORS = [0.5, 0.3, 0.2];
  const TRUE_CONFUSION: Record<string, number[][]> = {
    expert: [
      [0.95, 0.04, 0.01],
      [0.05, 0.9, 0.05],
      [0.02, 0.08, 0.9],
    ],
    senior: [
      [0.85, 0.1, 0.05],
      [0.1, 0.8, 0.1],
      [0.05, 0.15, 0.8],
    ],
    lenient: [
      [0.9, 0.1, 0.0],
      [0.4, 0.55, 0.05],
      [0.1, 0.4, 0.5],
    ],
    harsh: [
      [0.6, 0.3, 0.1],
      [0.05, 0.6, 0.35],
      [0.0, 0.05, 0.95],
    ],
    noisy: [
      [0.4, 0.3, 0.3],
      [0.3, 0.4, 0.3],
      [0.3, 0.3, 0.4],
    ],
  };
  const ITEMS = 40_000;

  function draw(rng: () => number, probabilities: readonly number[]): number {
    let u = rng();
    for (let k = 0; k < probabilities.length - 1; k++) {
      u -= probabilities[k];
      if (u < 0) return k;
    }
    return probabilities.length - 1;
  }

  const rng = createRng(17);
  const truth: number[] = [];
  const labels: DsLabel[] = [];
  for (let i = 0; i < ITEMS; i++) {
    const k = draw(rng, PRIORS);
    truth.push(k);
    for (const [annotator, matrix] of Object.entries(TRUE_CONFUSION))
      labels.push({ item: `q${String(i).padStart(5, '0')}`, annotator, value: CLASSES[draw(rng, matrix[k])] });
  }
  const fit = fitDawidSkene(labels, { classes: CLASSES });

  it('converges to every confusion cell within 0.02 and the class priors within 0.02', () => {
    expect(fit.converged).toBe(true);
    let worst = 0;
    fit.annotators.forEach((annotator, a) => {
      const expected = TRUE_CONFUSION[annotator];
      for (let k = 0; k < 3; k++)
        for (let l = 0; l < 3; l++) worst = Math.max(worst, Math.abs(fit.confusion[a][k * 3 + l] - expected[k][l]));
    });
    expect(worst).toBeLessThan(0.02);
    PRIORS.forEach((prior, k) => expect(Math.abs(fit.classPriors[k] - prior)).toBeLessThan(0.02));
  });

  it('ranks annotators by expected accuracy and beats the majority vote on the true classes', () => {
    const byAccuracy = [...fit.reliability]
      .sort((x, y) => y.expectedAccuracy - x.expectedAccuracy)
      .map((r) => r.annotator);
    expect(byAccuracy[0]).toBe('expert');
    expect(byAccuracy[4]).toBe('noisy');
    let dsCorrect = 0;
    let majorityCorrect = 0;
    for (let i = 0; i < ITEMS; i++) {
      if (posteriorMode(CLASSES, fit.posteriors.subarray(i * 3, i * 3 + 3)).value === CLASSES[truth[i]]) dsCorrect++;
      const votes = [0, 0, 0];
      for (let a = 0; a < 5; a++) votes[CLASSES.indexOf(labels[i * 5 + a].value)]++;
      if (votes.indexOf(Math.max(...votes)) === truth[i]) majorityCorrect++;
    }
    expect(dsCorrect).toBeGreaterThan(majorityCorrect);
  });
});
