import { describe, expect, it } from '@jest/globals';
import {
  fitBradleyTerry,
  fitBradleyTerryTallies,
  sumBtTallies,
  tallyComparisons,
  type BtComparison,
} from './bradley-terry.js';
import { createRng } from './rng.js';

const repeat = (comparison: BtComparison, times: number): BtComparison[] =>
  Array.from({ length: times }, () => comparison);

describe('fitBradleyTerry', () => {
  it('recovers the win-ratio odds without a prior', () => {
    // A beats B 3 times, B beats A once: the MLE has γA/γB = 3, so log-strengths ±ln(3)/2 = ±0.549306.
    const fit = fitBradleyTerry([...repeat({ winner: 'A', loser: 'B' }, 3), { winner: 'B', loser: 'A' }], { prior: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.strengths.get('A')).toBeCloseTo(Math.log(3) / 2, 8);
    expect(fit.strengths.get('B')).toBeCloseTo(-Math.log(3) / 2, 8);
  });

  it('solves the prior-regularised equations by hand', () => {
    // A beats B once, prior 1 (one pseudo-win and one pseudo-loss each against a virtual player of strength 1).
    // By symmetry γB = 1/γA = 1/g, and A's score equation is 1 + 1 = g²/(g² + 1) + 2g/(g + 1),
    // solved by g = 1.695621 (check: 2.875135/3.875135 + 3.391242/2.695621 = 0.741951 + 1.258049 = 2).
    // So log-strengths are ±ln g = ±0.528049.
    const fit = fitBradleyTerry([{ winner: 'A', loser: 'B' }], { prior: 1 });
    expect(fit.strengths.get('A')).toBeCloseTo(0.528049, 5);
    expect(fit.strengths.get('B')).toBeCloseTo(-0.528049, 5);
  });

  it('counts a tie as half a win each and a weight as repeated games', () => {
    const ties = fitBradleyTerry(repeat({ winner: 'A', loser: 'B', tie: true }, 4));
    expect(ties.strengths.get('A')).toBeCloseTo(0, 10);
    const weighted = fitBradleyTerry([
      { winner: 'A', loser: 'B', weight: 3 },
      { winner: 'B', loser: 'A' },
      { winner: 'C', loser: 'A' },
    ]);
    const repeated = fitBradleyTerry([
      ...repeat({ winner: 'A', loser: 'B' }, 3),
      { winner: 'B', loser: 'A' },
      { winner: 'C', loser: 'A' },
    ]);
    for (const player of ['A', 'B', 'C'])
      expect(weighted.strengths.get(player)).toBeCloseTo(repeated.strengths.get(player) as number, 8);
  });

  it('keeps undefeated and disconnected players finite, centred and ordered by name', () => {
    const fit = fitBradleyTerry([
      { winner: 'zeta', loser: 'alpha' },
      { winner: 'zeta', loser: 'alpha' },
      { winner: 'mid', loser: 'low' },
    ]);
    expect(fit.converged).toBe(true);
    expect([...fit.strengths.keys()]).toEqual(['alpha', 'low', 'mid', 'zeta']);
    const values = [...fit.strengths.values()];
    expect(values.every(Number.isFinite)).toBe(true);
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 10);
    expect(fit.strengths.get('zeta')).toBeGreaterThan(fit.strengths.get('mid') as number);
  });

  it('recovers known strengths from a large synthetic tournament', () => {
    const truth = new Map([
      ['p1', -1.5],
      ['p2', -1],
      ['p3', -0.5],
      ['p4', 0],
      ['p5', 0.25],
      ['p6', 0.5],
      ['p7', 1],
      ['p8', 1.25],
    ]);
    const centre = [...truth.values()].reduce((s, v) => s + v, 0) / truth.size;
    const rng = createRng(31337);
    const comparisons: BtComparison[] = [];
    const players = [...truth.keys()];
    for (const a of players) {
      for (const b of players) {
        if (a >= b) continue;
        const pA = 1 / (1 + Math.exp((truth.get(b) as number) - (truth.get(a) as number)));
        for (let game = 0; game < 400; game++)
          comparisons.push(rng() < pA ? { winner: a, loser: b } : { winner: b, loser: a });
      }
    }
    const fit = fitBradleyTerry(comparisons);
    expect(fit.converged).toBe(true);
    for (const [player, strength] of truth)
      expect(Math.abs((fit.strengths.get(player) as number) - (strength - centre))).toBeLessThan(0.12);
    const ranked = [...fit.strengths.entries()].sort((x, y) => x[1] - y[1]).map(([player]) => player);
    expect(ranked).toEqual(players);
  });

  it('reports non-convergence when stopped early', () => {
    // A near-separated chain (A > B > C > D, and A > D) needs thousands of MM steps; 5 is not enough.
    const chain = [
      { winner: 'A', loser: 'B' },
      { winner: 'B', loser: 'C' },
      { winner: 'C', loser: 'D' },
      { winner: 'A', loser: 'D' },
    ];
    const early = fitBradleyTerry(chain, { maxIterations: 5 });
    expect(early).toMatchObject({ iterations: 5, converged: false });
    const full = fitBradleyTerry(chain);
    expect(full.converged).toBe(true);
    expect([...full.strengths.entries()].sort((x, y) => y[1] - x[1]).map(([p]) => p)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('handles no comparisons and rejects bad input', () => {
    expect(fitBradleyTerry([])).toEqual({ strengths: new Map(), iterations: 0, converged: true });
    expect(() => fitBradleyTerry([{ winner: 'A', loser: 'A' }])).toThrow(/itself/);
    expect(() => fitBradleyTerry([{ winner: 'A', loser: 'B', weight: -1 }])).toThrow(/weight/);
    expect(() => fitBradleyTerry([{ winner: 'A', loser: 'B' }], { prior: 0 })).toThrow(/prior/);
    expect(() => fitBradleyTerry([{ winner: 'A', loser: 'B' }], { tolerance: 0 })).toThrow(/tolerance/);
  });
});

describe('Bradley–Terry on added-up totals (what the item bootstrap does)', () => {
  const players = ['a', 'b', 'c'];
  const items: BtComparison[][] = [
    [
      { winner: 'a', loser: 'b' },
      { winner: 'b', loser: 'c', tie: true },
    ],
    [
      { winner: 'c', loser: 'a' },
      { winner: 'a', loser: 'c', weight: 2 },
    ],
    [{ winner: 'b', loser: 'a' }],
  ];

  it('gives the same fit as the comparisons themselves', () => {
    const summed = fitBradleyTerryTallies(
      sumBtTallies(
        items.map((item) => tallyComparisons(item, players)),
        players,
      ),
    );
    const direct = fitBradleyTerry(items.flat());
    for (const player of players) expect(summed.strengths.get(player)).toBeCloseTo(direct.strengths.get(player)!, 12);
  });

  it('leaves out players that no drawn comparison names, as fitting the drawn comparisons would', () => {
    const drawn = [items[2], items[2]];
    const summed = fitBradleyTerryTallies(
      sumBtTallies(
        drawn.map((item) => tallyComparisons(item, players)),
        players,
      ),
    );
    expect([...summed.strengths.keys()]).toEqual(['a', 'b']);
    expect(summed.strengths.get('b')).toBeCloseTo(fitBradleyTerry(drawn.flat()).strengths.get('b')!, 12);
  });

  it('refuses a player list that misses a compared player', () => {
    expect(() => tallyComparisons(items[0], ['a', 'b'])).toThrow(/"c" is missing/);
  });
});
