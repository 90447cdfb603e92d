import { describe, expect, it } from '@jest/globals';
import {
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
    expect(readCampaignPlan({ campaign: { strategy: 'all-pairs' } })).toEqual({
      strategy: 'all-pairs',
      baseline: null,
    });
    expect(readCampaignPlan({ campaign: { strategy: 'baseline', baseline: 'alpha' } })).toEqual({
      strategy: 'baseline',
      baseline: 'alpha',
    });
    expect(readCampaignPlan({ campaign: { strategy: 'baseline' } })).toBeNull();
    expect(readCampaignPlan({ campaign: { strategy: 'round-robin' } })).toBeNull();
    expect(readCampaignPlan({})).toBeNull();
    expect(readCampaignPlan(null)).toBeNull();
  });

  it('validates a requested plan against the project models, naming the bad field', () => {
    expect(validateCampaignPlan('baseline', 'alpha', ['alpha', 'beta'])).toEqual({
      strategy: 'baseline',
      baseline: 'alpha',
    });
    expect(() => validateCampaignPlan('baseline', null, ['alpha'])).toThrow(/baseline: is required/);
    expect(() => validateCampaignPlan('baseline', 'omega', ['alpha'])).toThrow(/baseline: "omega" answers no item/);
    expect(() => validateCampaignPlan('all-pairs', 'alpha', ['alpha'])).toThrow(/baseline: is only used/);
    expect(() => validateCampaignPlan('random', null, [])).toThrow(/strategy: must be one of all-pairs, baseline/);
  });

  it('plans every two models (names in order), or each model with the baseline second; never a response without a model', () => {
    const all = plannedPairs(responses, { strategy: 'all-pairs', baseline: null }).map(
      ([x, y]) => `${x.model}-${y.model}`,
    );
    expect(all).toEqual(['alpha-gamma', 'beta-gamma', 'alpha-beta']);
    const baseline = plannedPairs(responses, { strategy: 'baseline', baseline: 'beta' }).map(
      ([x, y]) => `${x.model}-${y.model}`,
    );
    expect(baseline).toEqual(['gamma-beta', 'alpha-beta']);
  });

  it('keeps the pairs shown least on the item', () => {
    const pairs = plannedPairs(responses, { strategy: 'all-pairs', baseline: null });
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
    const [pair] = plannedPairs(responses, { strategy: 'baseline', baseline: 'beta' }); // gamma (r1) vs beta (r3)
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
});
