import { describe, expect, it } from '@jest/globals';
import { createRng } from '@clinrank/statistics';
import { activePairWeights, campaignEstimates, chooseActivePair, type ModelEstimate } from './active-pairs.js';
import type { CampaignJudgement } from './campaign-judgements.js';

// Two close models at the top, one well below, one far below; 95 % intervals ±0.2 (σ ≈ 0.102 each).
const ESTIMATES: ModelEstimate[] = [
  { model: 'bottom', strength: -2, low: -2.2, high: -1.8 },
  { model: 'second', strength: 0.9, low: 0.7, high: 1.1 },
  { model: 'top', strength: 1, low: 0.8, high: 1.2 },
  { model: 'middle', strength: 0.1, low: -0.1, high: 0.3 },
];

function weightOf(weights: ReturnType<typeof activePairWeights>, a: string, b: string): number {
  const pair = weights.find((w) => (w.first === a && w.second === b) || (w.first === b && w.second === a));
  if (!pair) throw new Error(`no pair ${a}–${b}`);
  return pair.weight;
}

describe('activePairWeights', () => {
  it('puts most weight on the overlapping pair at the top, and lists the better-ranked model first', () => {
    const weights = activePairWeights(ESTIMATES);
    expect(weights).toHaveLength(6);
    expect(weights.reduce((sum, w) => sum + w.weight, 0)).toBeCloseTo(1, 12);
    const top = weights.find((w) => w.first === 'top' && w.second === 'second');
    expect(top).toBeDefined();
    expect(top!.weight).toBeGreaterThan(0.85);
    // Non-overlapping pairs keep only the exploration share: 0.1 / 6 each, plus a vanishing active part.
    expect(weightOf(weights, 'top', 'bottom')).toBeCloseTo(0.1 / 6, 6);
    expect(weightOf(weights, 'middle', 'bottom')).toBeCloseTo(0.1 / 6, 6);
  });

  it('weights the same overlap lower further down the leaderboard', () => {
    const estimates: ModelEstimate[] = [
      { model: 'a', strength: 3, low: 2.8, high: 3.2 },
      { model: 'b', strength: 2.95, low: 2.75, high: 3.15 },
      { model: 'c', strength: 0.05, low: -0.15, high: 0.25 },
      { model: 'd', strength: 0, low: -0.2, high: 0.2 },
    ];
    const weights = activePairWeights(estimates, { exploration: 0 });
    // Same uncertainty, better model ranked 1 vs 3: (1/3)^−2 = 9 times the weight with topFocus 2.
    expect(weightOf(weights, 'a', 'b') / weightOf(weights, 'c', 'd')).toBeCloseTo(9, 6);
    expect(
      weightOf(activePairWeights(estimates, { exploration: 0, topFocus: 0 }), 'a', 'b') /
        weightOf(activePairWeights(estimates, { exploration: 0, topFocus: 0 }), 'c', 'd'),
    ).toBeCloseTo(1, 6);
  });

  it('treats models without intervals as fully uncertain, and exploration 1 as uniform', () => {
    const fresh = ESTIMATES.map((e) => ({ ...e, low: null, high: null }));
    const weights = activePairWeights(fresh, { exploration: 0, topFocus: 0 });
    for (const w of weights) expect(w.weight).toBeCloseTo(1 / 6, 12);
    for (const w of activePairWeights(ESTIMATES, { exploration: 1 })) expect(w.weight).toBeCloseTo(1 / 6, 12);
  });

  it('refuses bad estimates and options with coded errors', () => {
    expect(() => activePairWeights(ESTIMATES.slice(0, 1))).toThrow(/estimates: needs at least two models/);
    expect(() => activePairWeights([...ESTIMATES, ESTIMATES[0]])).toThrow(/"bottom" appears twice/);
    expect(() => activePairWeights([{ model: 'x', strength: 0, low: 1, high: 0 }, ESTIMATES[0]])).toThrow(/low ≤ high/);
    expect(() => activePairWeights(ESTIMATES, { exploration: 2 })).toThrow(/exploration/);
  });
});

describe('chooseActivePair', () => {
  it('draws pairs in proportion to their weights, reproducibly for a seed', () => {
    const rng = createRng(3);
    const counts = new Map<string, number>();
    for (let n = 0; n < 20_000; n++) {
      const { first, second } = chooseActivePair(ESTIMATES, rng);
      counts.set(`${first}|${second}`, (counts.get(`${first}|${second}`) ?? 0) + 1);
    }
    for (const w of activePairWeights(ESTIMATES))
      expect(Math.abs((counts.get(`${w.first}|${w.second}`) ?? 0) / 20_000 - w.weight)).toBeLessThan(0.01);
    const again = createRng(3);
    const first = createRng(3);
    expect(chooseActivePair(ESTIMATES, again)).toEqual(chooseActivePair(ESTIMATES, first));
  });
});

describe('campaignEstimates', () => {
  const judgement = (item: string, modelA: string, modelB: string, extra: Partial<CampaignJudgement> = {}) =>
    ({ item, modelA, modelB, choice: 'a', annotator: 'u', criterion: 'overall', isJudge: false, ...extra }) as const;

  it("fits the clinicians' overall judgements only, with intervals", () => {
    const judgements: CampaignJudgement[] = [
      judgement('i1', 'x', 'y'),
      judgement('i2', 'y', 'x', { choice: 'b' }),
      judgement('i3', 'x', 'y', { choice: 'tie' }),
      judgement('i4', 'y', 'x', { isJudge: true }),
      judgement('i5', 'y', 'x', { criterion: 'safety' }),
      judgement('i6', 'z', 'x', { isJudge: true }),
    ];
    const estimates = campaignEstimates(judgements, { resamples: 20 });
    expect(estimates.map((e) => e.model)).toEqual(['x', 'y']);
    expect(estimates[0].strength).toBeGreaterThan(estimates[1].strength);
    expect(estimates[0].low).not.toBeNull();
    expect(campaignEstimates([judgement('i1', 'x', 'y', { isJudge: true })])).toEqual([]);
  });
});
