import { describe, expect, it } from '@jest/globals';
import { kendallTauB, kendallW, kendallWByItem, rankingTauB } from './kendall.js';
import { rankingAlpha, rankingReliabilityData } from './ranking-alpha.js';
import { midRanks } from './rankings.js';

describe('midRanks', () => {
  it('gives 1-based positions and mid-ranks to tied groups', () => {
    expect(Object.fromEntries(midRanks(['r1', ['r2', 'r3'], 'r4']))).toEqual({ r1: 1, r2: 2.5, r3: 2.5, r4: 4 });
    expect(() => midRanks(['r1', 'r1'])).toThrow(/twice/);
    expect(() => midRanks([])).toThrow(/non-empty/);
  });
});

describe('kendallW', () => {
  it('is 1 when every coder gives the same ranking', () => {
    expect(
      kendallW([
        ['a', 'b', 'c'],
        ['a', 'b', 'c'],
        ['a', 'b', 'c'],
      ]).w,
    ).toBe(1);
  });

  it('matches a hand computation without ties', () => {
    // Ranks of (a,b,c,d): [1,2,3,4], [2,1,3,4], [1,3,2,4] → R = 4, 6, 8, 12; R̄ = 3·5/2 = 7.5;
    // S = 3.5² + 1.5² + 0.5² + 4.5² = 35; W = 12·35 / (3²·(4³ − 4)) = 420/540.
    const result = kendallW([
      ['a', 'b', 'c', 'd'],
      ['b', 'a', 'c', 'd'],
      ['a', 'c', 'b', 'd'],
    ]);
    expect(result.w).toBeCloseTo(420 / 540, 12);
    expect(result).toMatchObject({ coders: 3, responses: 4 });
  });

  it('applies the tie correction', () => {
    // Ranks: [1,2,3,4], [1.5,1.5,3,4], [1,2,3.5,3.5] → R = 3.5, 5.5, 9.5, 11.5; S = 16 + 4 + 4 + 16 = 40;
    // T = (2³−2) + (2³−2) = 12; W = 12·40 / (9·60 − 3·12) = 480/504 (without the correction: 480/540).
    const result = kendallW([
      ['a', 'b', 'c', 'd'],
      [['a', 'b'], 'c', 'd'],
      ['a', 'b', ['c', 'd']],
    ]);
    expect(result.w).toBeCloseTo(480 / 504, 12);
  });

  it('returns null with a reason when undefined', () => {
    expect(kendallW([['a', 'b']]).reason).toMatch(/fewer than two coders/);
    expect(
      kendallW([
        ['a', 'b'],
        ['a', 'c'],
      ]).reason,
    ).toMatch(/different sets/);
    expect(kendallW([[['a', 'b']], [['a', 'b']]]).reason).toMatch(/no variation/);
  });

  it('averages defined per-item W over items', () => {
    const result = kendallWByItem([
      { item: 'q1', coder: 'x', ranking: ['a', 'b'] },
      { item: 'q1', coder: 'y', ranking: ['a', 'b'] },
      { item: 'q2', coder: 'x', ranking: ['a', 'b'] },
      { item: 'q2', coder: 'y', ranking: ['b', 'a'] },
      { item: 'q3', coder: 'x', ranking: ['a', 'b'] },
    ]);
    // q1: W = 1; q2: R = 3, 3 → S = 0 → W = 0; q3 has one coder and is left out: mean = 0.5.
    expect(result.items.q2.w).toBe(0);
    expect(result.items.q3.w).toBeNull();
    expect(result).toMatchObject({ meanW: 0.5, itemsUsed: 2 });
    expect(() =>
      kendallWByItem([
        { item: 1, coder: 'x', ranking: ['a'] },
        { item: 1, coder: 'x', ranking: ['a'] },
      ]),
    ).toThrow(/more than once/);
  });
});

describe('kendallTauB', () => {
  it('matches hand computations with and without ties', () => {
    // One discordant pair (2,3) of 6: (5 − 1)/6.
    expect(kendallTauB([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(4 / 6, 12);
    // y ties the first pair: 5 concordant, 0 discordant, n0 = 6, ties in y = 1: 5/√(6·5).
    expect(kendallTauB([1, 2, 3, 4], [1, 1, 2, 3])).toBeCloseTo(5 / Math.sqrt(30), 12);
    expect(kendallTauB([1, 2, 3], [3, 2, 1])).toBe(-1);
    expect(kendallTauB([1, 1], [1, 2])).toBeNull();
  });

  it('compares two rankings on their shared responses', () => {
    expect(rankingTauB(['a', 'b', 'c', 'z'], ['c', 'b', 'a'])).toEqual({ tau: -1, n: 3 });
  });
});

describe('rankingAlpha', () => {
  it('turns rankings into (item, response) units valued by position', () => {
    const data = rankingReliabilityData([
      { item: 'q1', coder: 'x', ranking: ['a', ['b', 'c']] },
      { item: 'q1', coder: 'y', ranking: ['a', 'b', 'c'] },
    ]);
    expect(data.unitCount).toBe(3);
    expect(data.labelCount).toBe(6);
    expect([...data.values].sort()).toEqual([1, 2, 2.5, 3]);
  });

  it('is 1 for identical rankings and negative for reversed ones', () => {
    const same = rankingAlpha([
      { item: 'q1', coder: 'x', ranking: ['a', 'b', 'c'] },
      { item: 'q1', coder: 'y', ranking: ['a', 'b', 'c'] },
    ]);
    expect(same.alphaOrdinal.alpha).toBe(1);
    expect(same.alphaInterval.alpha).toBe(1);
    // Reversed: units a:(1,3), b:(2,2), c:(3,1); n = 6, n_1 = n_2 = n_3 = 2.
    // Interval: Σ o δ² = 2·(2·4) = 16 (o_13 = o_31 = 2); Σ n_c n_k δ² = 2·(4·1 + 4·4 + 4·1) = 48; α = 1 − 5·16/48 = −2/3.
    const reversed = rankingAlpha([
      { item: 'q1', coder: 'x', ranking: ['a', 'b', 'c'] },
      { item: 'q1', coder: 'y', ranking: ['c', 'b', 'a'] },
    ]);
    expect(reversed.alphaInterval.alpha).toBeCloseTo(-2 / 3, 12);
    // Ordinal mid-ranks with marginals 2,2,2: M = 1, 3, 5, the interval metric scaled by 4: the same α.
    expect(reversed.alphaOrdinal.alpha).toBeCloseTo(-2 / 3, 12);
  });
});
