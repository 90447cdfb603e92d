import { describe, expect, it } from '@jest/globals';
import type { LabelContent } from '@clinrank/domain';
import { goldAccuracyWeights, NO_GOLD_WEIGHT } from './gold-weights.js';

const gold = { criterion: 'overall', preferred: 'r1' };
const picks = (choice: 'a' | 'b'): LabelContent => ({
  kind: 'pairwise',
  a: 'r1',
  b: 'r2',
  judgements: { overall: { choice } },
});

describe('goldAccuracyWeights', () => {
  it('gives Laplace-smoothed accuracy (correct + 1) / (n + 2) per pseudonym', () => {
    const weights = goldAccuracyWeights([
      { pseudonym: 'p1', content: picks('a'), gold },
      { pseudonym: 'p1', content: picks('a'), gold },
      { pseudonym: 'p1', content: picks('b'), gold },
      { pseudonym: 'p2', content: picks('b'), gold },
    ]);
    expect(weights).toEqual({ p1: 3 / 5, p2: 1 / 3 });
  });

  it('does not give one lucky gold answer full weight, and the no-gold weight is the prior mean', () => {
    expect(goldAccuracyWeights([{ pseudonym: 'p1', content: picks('a'), gold }])).toEqual({ p1: 2 / 3 });
    expect(goldAccuracyWeights([])).toEqual({});
    expect(NO_GOLD_WEIGHT).toBe((0 + 1) / (0 + 2));
  });
});
