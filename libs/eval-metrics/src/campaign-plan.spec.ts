import { describe, expect, it } from '@jest/globals';
import { createRng } from '@clinrank/statistics';
import { activePairWeights, type ModelEstimate } from './active-pairs.js';
import {
  activePlannedPair,
  balancedSides,
  leastUsedPairs,
  plannedPairs,
  readCampaignPlan,
  validateCampaignPlan,
  type ModelResponse,
} from './campaign-plan.js';

const responses: ModelResponse[] = [
  { id: 'r1', model: 'gamma' },
  { id: 'r2', model: 'alpha' },
  { id: 'r3', model: 'beta' },
  { id: 'r4', model: null },
];

describe('campaign plans', () => {
  it('reads only valid plans from settings', () => {
    // Plans stored before the selection setting read as uniform, the default.
    expect(readCampaignPlan({ campaign: { strategy: 'all-pairs' } })).toEqual({
      strategy: 'all-pairs',
      baseline: null,
      selection: 'uniform',
    });
    expect(readCampaignPlan({ campaign: { strategy: 'baseline', baseline: 'alpha', selection: 'active' } })).toEqual({
      strategy: 'baseline',
      baseline: 'alpha',
      selection: 'active',
    });
    expect(readCampaignPlan({ campaign: { strategy: 'all-pairs', selection: 'greedy' } })?.selection).toBe('uniform');
    expect(readCampaignPlan({ campaign: { strategy: 'baseline' } })).toBeNull();
    expect(readCampaignPlan({ campaign: { strategy: 'round-robin' } })).toBeNull();
    expect(readCampaignPlan({})).toBeNull();
    expect(readCampaignPlan(null)).toBeNull();
  });

  it('validates a requested plan against the project models, naming the bad field', () => {
    expect(validateCampaignPlan('baseline', 'alpha', ['alpha', 'beta'])).toEqual({
      strategy: 'baseline',
      baseline: 'alpha',
      selection: 'uniform',
    });
    expect(validateCampaignPlan('all-pairs', null, ['alpha'], 'active').selection).toBe('active');
    expect(() => validateCampaignPlan('all-pairs', null, [], 'greedy')).toThrow(
      /selection: must be one of uniform, active/,
    );
    expect(() => validateCampaignPlan('baseline', null, ['alpha'])).toThrow(/baseline: is required/);
    expect(() => validateCampaignPlan('baseline', 'omega', ['alpha'])).toThrow(/baseline: "omega" answers no item/);
    expect(() => validateCampaignPlan('all-pairs', 'alpha', ['alpha'])).toThrow(/baseline: is only used/);
    expect(() => validateCampaignPlan('random', null, [])).toThrow(/strategy: must be one of all-pairs, baseline/);
  });

  it('plans every two models (names in order), or each model with the baseline second; never a response without a model', () => {
    const all = plannedPairs(responses, { strategy: 'all-pairs', baseline: null, selection: 'uniform' }).map(
      ([x, y]) => `${x.model}-${y.model}`,
    );
    expect(all).toEqual(['alpha-gamma', 'beta-gamma', 'alpha-beta']);
    const baseline = plannedPairs(responses, { strategy: 'baseline', baseline: 'beta', selection: 'uniform' }).map(
      ([x, y]) => `${x.model}-${y.model}`,
    );
    expect(baseline).toEqual(['gamma-beta', 'alpha-beta']);
  });

  it('keeps the pairs shown least on the item', () => {
    const pairs = plannedPairs(responses, { strategy: 'all-pairs', baseline: null, selection: 'uniform' });
    // Keys are the sorted response ids: r1|r2 = alpha-gamma (2 uses), r1|r3 = beta-gamma (1), r2|r3 = alpha-beta (1).
    const least = leastUsedPairs(
      pairs,
      new Map([
        ['r1|r2', 2],
        ['r1|r3', 1],
        ['r2|r3', 1],
      ]),
    );
    expect(least.map(([x, y]) => `${x.model}-${y.model}`)).toEqual(['beta-gamma', 'alpha-beta']);
  });

  it('puts on side A the model that sat there less often, the canonical first on a tie', () => {
    const [pair] = plannedPairs(responses, { strategy: 'baseline', baseline: 'beta', selection: 'uniform' }); // gamma (r1) vs beta (r3)
    expect(balancedSides(pair, new Map())).toEqual(['r1', 'r3']);
    expect(balancedSides(pair, new Map([['gamma', 1]]))).toEqual(['r3', 'r1']);
    expect(
      balancedSides(
        pair,
        new Map([
          ['gamma', 3],
          ['beta', 3],
        ]),
      ),
    ).toEqual(['r1', 'r3']);
  });

  describe('active selection on an item', () => {
    const four: ModelResponse[] = ['a', 'b', 'c', 'd'].map((model) => ({ id: `r-${model}`, model }));
    // c and d lead and overlap; a and b trail far behind, apart from each other.
    const estimates: ModelEstimate[] = [
      { model: 'a', strength: -2, low: -2.2, high: -1.8 },
      { model: 'b', strength: -1, low: -1.2, high: -0.8 },
      { model: 'c', strength: 1.5, low: 1.2, high: 1.8 },
      { model: 'd', strength: 1.5, low: 1.2, high: 1.8 },
    ];
    const plan = { strategy: 'all-pairs', baseline: null, selection: 'active' } as const;

    function shares(pairs: ReturnType<typeof plannedPairs>, draws: number): Map<string, number> {
      const rng = createRng(7);
      const counts = new Map<string, number>();
      for (let n = 0; n < draws; n++) {
        const [x, y] = activePlannedPair(pairs, estimates, rng);
        const key = [x.model, y.model].sort().join('-');
        counts.set(key, (counts.get(key) ?? 0) + 1 / draws);
      }
      return counts;
    }

    it('draws the pairs with the probabilities activePairWeights gives them', () => {
      const observed = shares(plannedPairs(four, plan), 2000);
      for (const weight of activePairWeights(estimates)) {
        const key = [weight.first, weight.second].sort().join('-');
        expect(observed.get(key) ?? 0).toBeCloseTo(weight.weight, 1);
      }
      expect(observed.get('c-d')).toBeGreaterThan(0.8);
    });

    it('renormalises over the pairs the item offers', () => {
      const withoutD = plannedPairs(four.slice(0, 3), plan);
      const observed = shares(withoutD, 1000);
      expect([...observed.keys()].sort()).toEqual(['a-b', 'a-c', 'b-c']);
      expect([...observed.values()].reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 6);
    });

    it('warms up: while a model has no estimate, draws uniformly among the pairs with such a model', () => {
      const withNew = [...four, { id: 'r-e', model: 'e' }];
      const observed = shares(plannedPairs(withNew, plan), 1000);
      expect([...observed.keys()].sort()).toEqual(['a-e', 'b-e', 'c-e', 'd-e']);
      for (const share of observed.values()) expect(share).toBeCloseTo(0.25, 1);
    });
  });
});
