import { describe, expect, it } from '@jest/globals';
import { createRng } from '@clinrank/statistics';
import { drawPairs, simulateLabelling } from './labelling-simulation.js';
import { readRatedItems, type RatedItem } from './rated-items.js';

/** 60 items of four responses rated 1, 2, 2, 4: five pairs with different ratings each (r2–r3 tie). */
const ITEMS: RatedItem[] = Array.from({ length: 60 }, (_, i) => ({
  id: `q${i}`,
  responses: [
    { id: 'r1', rating: 1 },
    { id: 'r2', rating: 2 },
    { id: 'r3', rating: 2 },
    { id: 'r4', rating: 4 },
  ],
}));
const FIVE = [0.9, 0.85, 0.8, 0.75, 0.6];

describe('drawPairs', () => {
  it('draws up to K pairs per item, never two responses with the same rating, and marks the better one', () => {
    const pairs = drawPairs(ITEMS, 3, createRng(1));
    expect(pairs).toHaveLength(180);
    const rating = (id: string) => ITEMS[0].responses.find((r) => r.id === id)!.rating;
    for (const pair of pairs) {
      expect(rating(pair.a)).not.toBe(rating(pair.b));
      expect(pair.better).toBe(rating(pair.a) > rating(pair.b) ? 'a' : 'b');
    }
    expect(new Set(pairs.filter((p) => p.item === 'q0').map((p) => [p.a, p.b].sort().join()))).toHaveProperty(
      'size',
      3,
    );
    // Only five pairs differ: asking for ten gives five.
    expect(drawPairs(ITEMS.slice(0, 1), 10, createRng(1))).toHaveLength(5);
    // Sides are random: the better response is shown first about half the time.
    const first = pairs.filter((p) => p.better === 'a').length;
    expect(first).toBeGreaterThan(60);
    expect(first).toBeLessThan(120);
  });
});

describe('simulateLabelling', () => {
  it('spends pairs × overlap labels with fixed overlap, and perfect annotators get every pair right', () => {
    const result = simulateLabelling(ITEMS, { annotatorAccuracy: [1, 1, 1], strategy: 'fixed', overlap: 3, seed: 1 });
    expect(result).toEqual({ strategy: 'fixed', labels: 540, pairs: 180, accuracy: 1 });
    expect(
      simulateLabelling(ITEMS, { annotatorAccuracy: [0, 0, 0], strategy: 'fixed', overlap: 3, seed: 1 }).accuracy,
    ).toBe(0);
  });

  it('closes every pair at min when the annotators agree and are reliable', () => {
    const result = simulateLabelling(ITEMS, {
      annotatorAccuracy: [1, 1, 1, 1, 1],
      strategy: 'adaptive',
      adaptive: { min: 2, max: 5, confidence: 0.9 },
      seed: 2,
    });
    expect(result).toEqual({ strategy: 'adaptive', labels: 360, pairs: 180, accuracy: 1 });
  });

  it('asks more of unreliable annotators, never beyond max, and weighs them by reliability', () => {
    const options = { strategy: 'adaptive' as const, adaptive: { min: 2, max: 4, confidence: 0.95 }, seed: 3 };
    const reliable = simulateLabelling(ITEMS, { ...options, annotatorAccuracy: [0.95, 0.95, 0.95, 0.95, 0.95] });
    const unreliable = simulateLabelling(ITEMS, { ...options, annotatorAccuracy: [0.7, 0.7, 0.7, 0.7, 0.7] });
    expect(unreliable.labels).toBeGreaterThan(reliable.labels);
    for (const run of [reliable, unreliable]) {
      expect(run.labels).toBeGreaterThanOrEqual(180 * 2);
      expect(run.labels).toBeLessThanOrEqual(180 * 4);
    }
  });

  it('matches fixed overlap 3 in accuracy with fewer labels on a mixed panel', () => {
    const fixed = simulateLabelling(ITEMS, { annotatorAccuracy: FIVE, strategy: 'fixed', overlap: 3, seed: 4 });
    const adaptive = simulateLabelling(ITEMS, { annotatorAccuracy: FIVE, strategy: 'adaptive', seed: 4 });
    expect(adaptive.labels).toBeLessThan(fixed.labels);
    expect(adaptive.accuracy).toBeGreaterThanOrEqual(fixed.accuracy - 0.03);
  });

  it('is reproducible for a seed and differs between seeds', () => {
    const options = { annotatorAccuracy: FIVE, strategy: 'adaptive' as const, seed: 5 };
    expect(simulateLabelling(ITEMS, options)).toEqual(simulateLabelling(ITEMS, options));
    expect(simulateLabelling(ITEMS, options)).not.toEqual(simulateLabelling(ITEMS, { ...options, seed: 6 }));
  });

  it('refuses bad options with coded errors naming them', () => {
    const base = { annotatorAccuracy: FIVE, strategy: 'fixed' as const, seed: 1 };
    expect(() => simulateLabelling(ITEMS, { ...base, annotatorAccuracy: [0.9, 1.2] })).toThrow(
      /annotatorAccuracy\[1\]: must be a probability from 0 to 1, got 1.2/,
    );
    expect(() => simulateLabelling(ITEMS, { ...base, annotatorAccuracy: [] })).toThrow(/annotatorAccuracy/);
    expect(() => simulateLabelling(ITEMS, { ...base, strategy: 'greedy' as never })).toThrow(
      /strategy: must be one of fixed, adaptive/,
    );
    expect(() => simulateLabelling(ITEMS, { ...base, overlap: 6 })).toThrow(
      /overlap: 6 needs as many simulated annotators/,
    );
    expect(() =>
      simulateLabelling(ITEMS, { ...base, strategy: 'adaptive', adaptive: { min: 2, max: 6, confidence: 0.9 } }),
    ).toThrow(/overlap\.max/);
    expect(() =>
      simulateLabelling(ITEMS, { ...base, strategy: 'adaptive', adaptive: { min: 2, max: 5, confidence: 1.5 } }),
    ).toThrow(/overlap\.confidence/);
    expect(() => simulateLabelling(ITEMS, { ...base, pairsPerItem: 0 })).toThrow(/pairsPerItem/);
    const flat = [
      {
        id: 'q',
        responses: [
          { id: 'a', rating: 2 },
          { id: 'b', rating: 2 },
        ],
      },
    ];
    expect(() => simulateLabelling(flat, base)).toThrow(/no two responses with different ratings/);
  });
});

describe('readRatedItems', () => {
  const encode = (lines: unknown[]) => new TextEncoder().encode(lines.map((line) => JSON.stringify(line)).join('\n'));
  const rating = (response: string, score: number, annotator = 'nist') => ({
    annotator,
    kind: 'rating',
    response,
    criterion: 'overall',
    score,
  });

  it("takes the mean of each response's ratings on overall", () => {
    const items = readRatedItems(
      encode([
        {
          id: 'q1',
          language: 'en',
          prompt: 'p',
          responses: [
            { id: 'a', text: 'x' },
            { id: 'b', text: 'y' },
          ],
          annotations: [rating('a', 3), rating('a', 4, 'other'), rating('b', -2)],
        },
      ]),
    );
    expect(items).toEqual([
      {
        id: 'q1',
        responses: [
          { id: 'a', rating: 3.5 },
          { id: 'b', rating: -2 },
        ],
      },
    ]);
  });

  it('refuses a response without a rating and a bad line, naming the line', () => {
    const good = {
      id: 'q1',
      language: 'en',
      prompt: 'p',
      responses: [
        { id: 'a', text: 'x' },
        { id: 'b', text: 'y' },
      ],
      annotations: [rating('a', 3), rating('b', 1)],
    };
    expect(() => readRatedItems(encode([good, { ...good, id: 'q2', annotations: [rating('a', 3)] }]))).toThrow(
      /line 2: responses: response "b" has no rating annotation on "overall"/,
    );
    expect(() => readRatedItems(new TextEncoder().encode('{"id": "q1"'))).toThrow(/line 1: \(line\): invalid JSON/);
    expect(() => readRatedItems(new TextEncoder().encode('\n'))).toThrow(/input: holds no items/);
  });
});
