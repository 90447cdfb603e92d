import { describe, expect, it } from '@jest/globals';
import { createRng } from '@clinrank/statistics';
import { eloRatings } from './elo.js';
import type { ModelJudgement } from './judgements.js';
import { leaderboard } from './leaderboard.js';

const TRUTH = new Map([
  ['m-a', -1],
  ['m-b', -0.5],
  ['m-c', 0],
  ['m-d', 0.5],
  ['m-e', 1],
]); // log-strengths, mean 0

/** Every item compares every pair once; A wins with the Bradley–Terry probability; sides alternate. */
function tournament(seed: number, items: number): ModelJudgement[] {
  const rng = createRng(seed);
  const models = [...TRUTH.keys()];
  const judgements: ModelJudgement[] = [];
  for (let item = 0; item < items; item++) {
    for (let i = 0; i < models.length; i++) {
      for (let j = i + 1; j < models.length; j++) {
        const [a, b] = (item + i + j) % 2 === 0 ? [models[i], models[j]] : [models[j], models[i]];
        const pA = 1 / (1 + Math.exp((TRUTH.get(b) as number) - (TRUTH.get(a) as number)));
        judgements.push({ item: `q${item}`, modelA: a, modelB: b, choice: rng() < pA ? 'a' : 'b', annotator: 'sim' });
      }
    }
  }
  return judgements;
}

describe('leaderboard', () => {
  it('recovers the ranking and strengths of a synthetic tournament', () => {
    const board = leaderboard(tournament(1, 300), { seed: 1, resamples: 100 });
    expect(board.rows.map((r) => r.model)).toEqual(['m-e', 'm-d', 'm-c', 'm-b', 'm-a']);
    expect(board.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    for (const row of board.rows) {
      expect(Math.abs(row.strength - (TRUTH.get(row.model) as number))).toBeLessThan(0.15);
      expect(row.low as number).toBeLessThan(row.strength);
      expect(row.high as number).toBeGreaterThan(row.strength);
      expect(row.games).toBe(1200); // 300 items × 4 opponents
    }
    expect(board).toMatchObject({
      items: 300,
      judgements: 3000,
      resamples: 100,
      converged: true,
      criterion: 'overall',
    });
    const eloOrder = [...board.rows].sort((x, y) => y.elo - x.elo).map((r) => r.model);
    expect(eloOrder).toEqual(['m-e', 'm-d', 'm-c', 'm-b', 'm-a']);
  });

  it('gives 95% item-bootstrap intervals that cover the truth at about the nominal rate', () => {
    // 40 tournaments × 5 models = 200 intervals; at 95% we expect ~190 covered, require ≥ 85% (170).
    let covered = 0;
    let total = 0;
    for (let seed = 100; seed < 140; seed++) {
      const board = leaderboard(tournament(seed, 60), { seed, resamples: 150, elo: { permutations: 1 } });
      for (const row of board.rows) {
        total++;
        const truth = TRUTH.get(row.model) as number;
        if ((row.low as number) <= truth && truth <= (row.high as number)) covered++;
      }
    }
    expect(total).toBe(200);
    expect(covered / total).toBeGreaterThanOrEqual(0.85);
  });

  it('counts ties as half a win and is deterministic for a seed', () => {
    // x vs y: 2 wins for x, 2 ties → x has 3 of 4 points; y has 1. With a tiny prior, strength gap ≈ ln 3.
    const ties: ModelJudgement[] = [
      { item: 'i1', modelA: 'x', modelB: 'y', choice: 'a', annotator: 'd' },
      { item: 'i2', modelA: 'y', modelB: 'x', choice: 'b', annotator: 'd' },
      { item: 'i3', modelA: 'x', modelB: 'y', choice: 'tie', annotator: 'd' },
      { item: 'i4', modelA: 'x', modelB: 'y', choice: 'both_bad', annotator: 'd' },
    ];
    const board = leaderboard(ties, { seed: 3, resamples: 50, prior: 1e-6 });
    const gap = board.rows[0].strength - board.rows[1].strength;
    expect(gap).toBeCloseTo(Math.log(3), 3);
    expect(board.rows[0]).toMatchObject({ model: 'x', wins: 2, ties: 2, losses: 0 });
    expect(leaderboard(ties, { seed: 3, resamples: 50, prior: 1e-6 })).toEqual(board);
    // Excluding both-bad: x has 2.5 of 3 points → ratio 5.
    const excluded = leaderboard(ties, { seed: 3, resamples: 50, prior: 1e-6, bothBad: 'exclude' });
    expect(excluded.rows[0].strength - excluded.rows[1].strength).toBeCloseTo(Math.log(5), 3);
  });
});

describe('eloRatings', () => {
  it('applies K = 4 updates in the given order', () => {
    // Game 1: a beats b from 1000/1000: expected ½ → a 1002, b 998.
    // Game 2: b beats a: E_b = 1/(1 + 10^((1002 − 998)/400)) = 1/(1 + 1.0232930) = 0.4942438 → b += 4·0.5057562 = 2.0230248
    const ratings = eloRatings(
      [
        { a: 'a', b: 'b', scoreA: 1 },
        { a: 'b', b: 'a', scoreA: 1 },
      ],
      { permutations: 0 },
    );
    expect(ratings.get('b')).toBeCloseTo(998 + 2.0230248, 6);
    expect(ratings.get('a')).toBeCloseTo(1002 - 2.0230248, 6);
  });

  it('averages over seeded shuffles, conserving the total rating', () => {
    const games = [
      { a: 'a', b: 'b', scoreA: 1 },
      { a: 'a', b: 'c', scoreA: 0.5 },
      { a: 'b', b: 'c', scoreA: 0 },
    ];
    const one = eloRatings(games, { seed: 9 });
    expect(eloRatings(games, { seed: 9 })).toEqual(one);
    const total = [...one.values()].reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(3000, 9);
    expect(one.get('c') as number).toBeGreaterThan(one.get('b') as number);
    expect(() => eloRatings(games, { k: 0 })).toThrow(/k:/);
  });
});
