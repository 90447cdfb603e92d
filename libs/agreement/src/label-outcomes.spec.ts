import { describe, expect, it } from '@jest/globals';
import type { PairwiseContent } from '@clinrank/domain';
import { fitDawidSkene, PAIRWISE_SWAP } from './dawid-skene.js';
import {
  decideItemOverlap,
  fitLabelOutcomes,
  labelOutcome,
  targetOverlap,
  type OutcomeLabel,
} from './label-outcomes.js';

function pairwise(item: string, annotator: string, a: string, b: string, choice: 'a' | 'b' | 'tie'): OutcomeLabel {
  const content: PairwiseContent = { kind: 'pairwise', a, b, judgements: { overall: { choice, strength: null } } };
  return { item, annotator, content };
}

describe('labelOutcome', () => {
  it('maps screen sides to response identity: a means the response whose id sorts first', () => {
    expect(labelOutcome(pairwise('i1', 'x', 'r1', 'r2', 'a'))).toMatchObject({
      item: 'i1|r1|r2',
      itemId: 'i1',
      value: 'a',
    });
    expect(labelOutcome(pairwise('i1', 'y', 'r2', 'r1', 'b'))).toMatchObject({
      item: 'i1|r1|r2',
      itemId: 'i1',
      value: 'a',
    });
    expect(labelOutcome(pairwise('i1', 'y', 'r2', 'r1', 'tie'))).toMatchObject({ value: 'tie' });
    expect(labelOutcome(pairwise('i1', 'y', 'r2', 'r1', 'a'), 'safety')).toBeNull();
  });

  it('reads a validation verdict under overall only', () => {
    const label: OutcomeLabel = {
      item: 'i2',
      annotator: 'x',
      content: { kind: 'validation', response: 'r9', verdict: 'reject' },
    };
    expect(labelOutcome(label)).toMatchObject({ item: 'i2|r9', itemId: 'i2', value: 'reject' });
    expect(labelOutcome(label, 'accuracy')).toBeNull();
  });
});

describe('fitLabelOutcomes', () => {
  it('is Dawid–Skene on the identity-mapped outcomes, with gold clamping the unit', () => {
    const labels = [
      pairwise('i1', 'x', 'r1', 'r2', 'a'),
      pairwise('i1', 'y', 'r2', 'r1', 'a'),
      pairwise('i2', 'x', 's1', 's2', 'b'),
    ];
    const fit = fitLabelOutcomes('pairwise', labels, new Map([['i1', 'r2']]));
    const direct = fitDawidSkene(
      [
        { item: 'i1|r1|r2', annotator: 'x', value: 'a' },
        { item: 'i1|r1|r2', annotator: 'y', value: 'b' },
        { item: 'i2|s1|s2', annotator: 'x', value: 'b' },
      ],
      { classes: ['a', 'b', 'tie', 'both_bad'], swap: PAIRWISE_SWAP, gold: new Map([['i1|r1|r2', 'b']]) },
    );
    expect(Array.from(fit.posteriors)).toEqual(Array.from(direct.posteriors));
    expect(fit.reliability).toEqual(direct.reliability);
  });
});

describe('decideItemOverlap', () => {
  const overlap = { min: 2, max: 4, confidence: 0.75 };
  // Six items on which x and y always agree: the model learns they are reliable.
  const history = Array.from({ length: 6 }, (_, n) => [
    pairwise(`h${n}`, 'x', 'r1', 'r2', n % 2 ? 'a' : 'b'),
    pairwise(`h${n}`, 'y', 'r2', 'r1', n % 2 ? 'b' : 'a'),
  ]).flat();

  it('closes at min when two reliable annotators agree, and asks for one more when they split', () => {
    const agree = [pairwise('n', 'x', 'r1', 'r2', 'a'), pairwise('n', 'y', 'r1', 'r2', 'a')];
    const split = [pairwise('m', 'x', 'r1', 'r2', 'a'), pairwise('m', 'y', 'r1', 'r2', 'b')];
    const model = fitLabelOutcomes('pairwise', [...history, ...agree, ...split]);
    const closed = decideItemOverlap({ labels: agree, model, overlap });
    expect(closed.status).toBe('closed');
    expect(targetOverlap(closed, overlap)).toBe(2);
    const open = decideItemOverlap({ labels: split, model, overlap });
    expect(open.status).toBe('needs-more');
    expect(targetOverlap(open, overlap)).toBe(3);
  });

  it('never asks below min or beyond max', () => {
    const model = fitLabelOutcomes('pairwise', history);
    const one = decideItemOverlap({ labels: [pairwise('n', 'x', 'r1', 'r2', 'a')], model, overlap });
    expect(one.status).toBe('needs-more');
    expect(targetOverlap(one, overlap)).toBe(2);
    const four = ['p', 'q', 'r', 's'].map((who, k) => pairwise('m', who, 'r1', 'r2', k % 2 ? 'a' : 'b'));
    const atMax = decideItemOverlap({ labels: four, model, overlap });
    expect(atMax.status).toBe('at-max');
    expect(targetOverlap(atMax, overlap)).toBe(4);
  });
});
