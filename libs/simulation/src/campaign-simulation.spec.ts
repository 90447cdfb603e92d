import { describe, expect, it } from '@jest/globals';
import { estimateStrengths, LEADERBOARD_LOG_STRENGTHS, simulateCampaign } from './campaign-simulation.js';

describe('simulateCampaign', () => {
  it("prints the issue's fields with sane values", () => {
    const result = simulateCampaign({ votes: 400, strategy: 'uniform', seed: 1, resamples: 200 });
    expect(Object.keys(result)).toEqual([
      'strategy',
      'votes',
      'kendallTau',
      'meanIntervalWidth',
      'topGapIntervalWidth',
      'topModelCorrect',
    ]);
    expect(result.strategy).toBe('uniform');
    expect(result.votes).toBe(400);
    expect(result.kendallTau).toBeGreaterThan(0.5);
    expect(result.kendallTau).toBeLessThanOrEqual(1);
    expect(result.meanIntervalWidth).toBeGreaterThan(0);
    expect(result.topGapIntervalWidth).toBeGreaterThan(0);
    expect(typeof result.topModelCorrect).toBe('boolean');
  });

  it('narrows the top gap more than uniform with the same votes, and the intervals shrink with more votes', () => {
    const options = { votes: 500, seed: 1, resamples: 100 };
    const uniform = simulateCampaign({ ...options, strategy: 'uniform' });
    const active = simulateCampaign({ ...options, strategy: 'active' });
    // Seed 1 gives 0.49 against 0.89; over 20 seeds at 2,000 votes the ratio is about 0.5 (BENCHMARKS.md).
    expect(active.topGapIntervalWidth).toBeLessThan(uniform.topGapIntervalWidth * 0.75);
    const fewer = simulateCampaign({ ...options, votes: 150, strategy: 'uniform' });
    expect(fewer.meanIntervalWidth).toBeGreaterThan(uniform.meanIntervalWidth);
  });

  it('is reproducible for a seed', () => {
    const options = { votes: 80, strategy: 'active' as const, seed: 9, resamples: 20, selectionResamples: 20 };
    expect(simulateCampaign(options)).toEqual(simulateCampaign(options));
  });

  it('uses the strongest models when asked for fewer than eight', () => {
    // Two models (the top two); an odd number of votes cannot tie them, so Kendall τ is ±1.
    const result = simulateCampaign({ models: 2, votes: 51, strategy: 'uniform', seed: 3, resamples: 100 });
    expect(Math.abs(result.kendallTau)).toBe(1);
    expect(LEADERBOARD_LOG_STRENGTHS.slice(-3)).toEqual([1.5, 1.65, 1.8]);
  });

  it('refuses bad options with coded errors', () => {
    expect(() => simulateCampaign({ models: 9, votes: 10, strategy: 'uniform', seed: 1 })).toThrow(
      /models: must be a whole number from 2 to 8/,
    );
    expect(() => simulateCampaign({ votes: 0, strategy: 'uniform', seed: 1 })).toThrow(/votes/);
    expect(() => simulateCampaign({ votes: 10, strategy: 'greedy' as never, seed: 1 })).toThrow(
      /strategy: must be one of uniform, active/,
    );
  });
});

describe('estimateStrengths', () => {
  it('fits Bradley–Terry on the votes and bootstraps the gap between two models', () => {
    // a beats b 30 times of 40, b beats c 30 of 40: strengths ordered a > b > c, gap a − b positive.
    const winners: number[] = [];
    const losers: number[] = [];
    for (let k = 0; k < 40; k++) {
      winners.push(k < 30 ? 0 : 1, k < 30 ? 1 : 2);
      losers.push(k < 30 ? 1 : 0, k < 30 ? 2 : 1);
    }
    const result = estimateStrengths(
      { winners: Int32Array.from(winners), losers: Int32Array.from(losers) },
      ['a', 'b', 'c'],
      { seed: 1, resamples: 300, gap: [0, 1] },
    );
    const [a, b, c] = result.estimates;
    expect(a.strength).toBeGreaterThan(b.strength);
    expect(b.strength).toBeGreaterThan(c.strength);
    // log(30/10) = 1.0986 for each step, by symmetry of the two comparisons (tiny prior aside).
    expect(a.strength - b.strength).toBeCloseTo(Math.log(3), 1);
    expect(result.gap!.low).toBeGreaterThan(0);
    expect(result.gap!.low).toBeLessThan(Math.log(3));
    expect(result.gap!.high).toBeGreaterThan(Math.log(3));
  });
});
