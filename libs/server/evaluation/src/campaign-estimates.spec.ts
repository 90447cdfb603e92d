import { describe, expect, it, jest } from '@jest/globals';
import type { ModelEstimate } from '@clinrank/eval-metrics';
import { CampaignEstimatesMemo } from './campaign-estimates.js';

const fit = (strength: number): ModelEstimate[] => [{ model: 'm', strength, low: null, high: null }];

describe('CampaignEstimatesMemo', () => {
  it('loads once for concurrent first requests, then serves from memory until the refresh interval', async () => {
    const load = jest.fn(async (_projectId: string) => fit(1));
    const memo = new CampaignEstimatesMemo(load, 60_000);
    const [x, y] = await Promise.all([memo.get('p'), memo.get('p')]);
    expect(x).toEqual(fit(1));
    expect(y).toEqual(fit(1));
    await memo.get('p');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('after the interval answers at once with the old estimates and reloads in the background', async () => {
    let strength = 1;
    const load = jest.fn(async (_projectId: string) => fit(strength));
    const memo = new CampaignEstimatesMemo(load, 0);
    await memo.get('p');
    strength = 2;
    expect(await memo.get('p')).toEqual(fit(1));
    await new Promise((resolve) => setImmediate(resolve));
    expect(await memo.get('p')).toEqual(fit(2));
  });

  it('keeps the old estimates when a background reload fails, and reloads afresh after forget', async () => {
    const errors: unknown[] = [];
    const load = jest.fn(async (_projectId: string) => fit(1));
    const memo = new CampaignEstimatesMemo(load, 0, (error) => errors.push(error));
    await memo.get('p');
    load.mockRejectedValueOnce(new Error('database gone'));
    expect(await memo.get('p')).toEqual(fit(1));
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toHaveLength(1);
    memo.forget('p');
    load.mockResolvedValueOnce(fit(3));
    expect(await memo.get('p')).toEqual(fit(3));
  });
});
