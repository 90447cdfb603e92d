import { describe, expect, it } from '@jest/globals';
import type { PairwiseContent, RankingContent, RatingContent } from '@clinrank/domain';
import { fitDawidSkene, PAIRWISE_SWAP } from './dawid-skene.js';
import {
  decideItemOverlap,
  fitLabelOutcomes,
  labelOutcome,
  labelOutcomesOf,
  overlapCriteria,
  supportsAdaptiveOverlap,
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

function ranked(item: string, annotator: string, ranking: string[][]): OutcomeLabel {
  const content: RankingContent = { kind: 'ranking', ranking };
  return { item, annotator, content };
}

function rated(item: string, annotator: string, scores: Record<string, Record<string, number>>): OutcomeLabel {
  const content: RatingContent = { kind: 'rating', scores };
  return { item, annotator, content };
}

describe('adaptive overlap on ranking and rating labels', () => {
  const overlap = { min: 2, max: 4, confidence: 0.75 };
  const scale = { min: 1, max: 5 };

  it('turns a ranking into the pairwise outcomes of every two responses, and a rating into one per response', () => {
    const outcomes = labelOutcomesOf(ranked('i', 'x', [['r3'], ['r1', 'r2']]));
    expect(outcomes.map((o) => [o.item, o.value])).toEqual([
      ['i|r1|r2', 'tie'],
      ['i|r1|r3', 'b'],
      ['i|r2|r3', 'b'],
    ]);
    const scores = { accuracy: { r2: 4, r1: 2 }, safety: { r1: 5, r2: 5 } };
    expect(labelOutcomesOf(rated('i', 'x', scores)).map((o) => [o.item, o.value])).toEqual([
      ['i|r1', '2'],
      ['i|r2', '4'],
    ]);
    expect(labelOutcomesOf(rated('i', 'x', scores), 'safety').map((o) => o.value)).toEqual(['5', '5']);
    expect(labelOutcomesOf(rated('i', 'x', scores), 'style')).toEqual([]);
  });

  it('names the criteria each kind must be confident on', () => {
    expect(overlapCriteria('pairwise', 'overall', ['safety'])).toEqual(['overall']);
    expect(overlapCriteria('pairwise', 'every', ['safety'])).toEqual(['overall', 'safety']);
    expect(overlapCriteria('ranking', 'every', ['safety'])).toEqual(['overall']);
    expect(overlapCriteria('validation', 'every', [])).toEqual(['overall']);
    expect(overlapCriteria('rating', 'every', ['accuracy', 'safety'])).toEqual(['accuracy', 'safety']);
    expect(overlapCriteria('rating', 'overall', ['accuracy', 'safety'])).toEqual(['accuracy']);
    expect(overlapCriteria('rating', 'overall', ['safety', 'overall'])).toEqual(['overall']);
    expect(() => overlapCriteria('rating', 'all' as never, [])).toThrow(/criteria/);
    expect(['pairwise', 'validation', 'ranking', 'rating'].every(supportsAdaptiveOverlap)).toBe(true);
  });

  it('ranking: closes at min when two reliable annotators give the same order, asks for more when they differ', () => {
    const history = Array.from({ length: 6 }, (_, n) => [
      ranked(`h${n}`, 'x', n % 2 ? [['r1'], ['r2'], ['r3']] : [['r3'], ['r2'], ['r1']]),
      ranked(`h${n}`, 'y', n % 2 ? [['r1'], ['r2'], ['r3']] : [['r3'], ['r2'], ['r1']]),
    ]).flat();
    const agree = [ranked('n', 'x', [['r2'], ['r1'], ['r3']]), ranked('n', 'y', [['r2'], ['r1'], ['r3']])];
    const split = [ranked('m', 'x', [['r2'], ['r1'], ['r3']]), ranked('m', 'y', [['r3'], ['r1'], ['r2']])];
    const model = fitLabelOutcomes('ranking', [...history, ...agree, ...split]);
    const closed = decideItemOverlap({ labels: agree, model, overlap });
    expect(closed.status).toBe('closed');
    expect(targetOverlap(closed, overlap)).toBe(2);
    const open = decideItemOverlap({ labels: split, model, overlap });
    expect(open.status).toBe('needs-more');
    expect(targetOverlap(open, overlap)).toBe(3);
    const four = ['p', 'q', 'r', 's'].map((who, k) => ranked('k', who, k % 2 ? [['r1'], ['r2']] : [['r2'], ['r1']]));
    const atMax = decideItemOverlap({ labels: four, model, overlap });
    expect(atMax.status).toBe('at-max');
    expect(targetOverlap(atMax, overlap)).toBe(4);
  });

  // Exact agreement on a five-point scale takes more history to trust than a pairwise choice: 20 items here, 8 give 0.68.
  it('rating: closes at min on two agreeing reliable scores, asks for more when they differ, never past max', () => {
    const history = Array.from({ length: 20 }, (_, n) => {
      const score = (n % 5) + 1;
      return [rated(`h${n}`, 'x', { overall: { r1: score } }), rated(`h${n}`, 'y', { overall: { r1: score } })];
    }).flat();
    const agree = [rated('n', 'x', { overall: { r1: 4 } }), rated('n', 'y', { overall: { r1: 4 } })];
    const split = [rated('m', 'x', { overall: { r1: 1 } }), rated('m', 'y', { overall: { r1: 5 } })];
    const model = fitLabelOutcomes('rating', [...history, ...agree, ...split], new Map(), 'overall', scale);
    expect(model.classes).toEqual(['1', '2', '3', '4', '5']);
    const closed = decideItemOverlap({ labels: agree, model, overlap });
    expect(closed.status).toBe('closed');
    expect(targetOverlap(closed, overlap)).toBe(2);
    expect(decideItemOverlap({ labels: split, model, overlap }).status).toBe('needs-more');
    const four = ['p', 'q', 'r', 's'].map((who, k) => rated('k', who, { overall: { r1: k % 2 ? 1 : 5 } }));
    const atMax = decideItemOverlap({ labels: four, model, overlap });
    expect(atMax.status).toBe('at-max');
    expect(targetOverlap(atMax, overlap)).toBe(4);
    expect(() => fitLabelOutcomes('rating', history)).toThrow(/scale/);
  });

  it("with every criterion, an item stays open while one criterion is uncertain though 'overall' is not", () => {
    const both = (item: string, who: string, overall: 'a' | 'b', safety: 'a' | 'b'): OutcomeLabel => ({
      item,
      annotator: who,
      content: {
        kind: 'pairwise',
        a: 'r1',
        b: 'r2',
        judgements: { overall: { choice: overall, strength: null }, safety: { choice: safety, strength: null } },
      },
    });
    const history = Array.from({ length: 6 }, (_, n) => [
      both(`h${n}`, 'x', n % 2 ? 'a' : 'b', n % 2 ? 'a' : 'b'),
      both(`h${n}`, 'y', n % 2 ? 'a' : 'b', n % 2 ? 'a' : 'b'),
    ]).flat();
    const item = [both('n', 'x', 'a', 'a'), both('n', 'y', 'a', 'b')];
    const all = [...history, ...item];
    const overallModel = fitLabelOutcomes('pairwise', all);
    const safetyModel = fitLabelOutcomes('pairwise', all, new Map(), 'safety');
    expect(decideItemOverlap({ labels: item, model: overallModel, overlap }).status).toBe('closed');
    const every = new Map([
      ['overall', overallModel],
      ['safety', safetyModel],
    ]);
    expect(decideItemOverlap({ labels: item, models: every, overlap }).status).toBe('needs-more');
  });
});
