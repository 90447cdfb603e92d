import { describe, expect, it } from '@jest/globals';
import type { PairwiseContent } from '@clinrank/domain';
import {
  normalisePairwise,
  pairwiseAgreementByCriterion,
  pairwiseLabelsFromContent,
  pairwiseNominalLabels,
  pairwiseOrdinalLabels,
  type PairwiseJudgementLabel,
} from './pairwise-units.js';

const base = { item: 'q1', criterion: 'accuracy' } as const;

describe('normalisePairwise', () => {
  it('gives the same unit and value to coders who saw the pair in opposite orders', () => {
    // Coder x sees r1 first and prefers it much; coder y sees r2 first and prefers the second pane (r1) much.
    const x = normalisePairwise({ ...base, coder: 'x', a: 'r1', b: 'r2', choice: 'a', strength: 'much' });
    const y = normalisePairwise({ ...base, coder: 'y', a: 'r2', b: 'r1', choice: 'b', strength: 'much' });
    expect(x.unit).toBe(y.unit);
    expect(x.unit).toBe(JSON.stringify(['q1', 'accuracy', 'r1', 'r2']));
    expect([x.choice, x.signed]).toEqual(['first', -2]);
    expect([y.choice, y.signed]).toEqual(['first', -2]);
  });

  it('maps the strengths and keeps tie and both_bad as their own categories', () => {
    const judge = (choice: PairwiseJudgementLabel['choice'], strength?: 'slightly' | 'much') =>
      normalisePairwise({ ...base, coder: 'x', a: 'r9', b: 'r1', choice, strength });
    // Shown r9 first, so "a" (r9, the lexicographically second id) winning is "second".
    expect(judge('a', 'slightly')).toMatchObject({ choice: 'second', signed: 1 });
    expect(judge('b', 'much')).toMatchObject({ choice: 'first', signed: -2 });
    expect(judge('tie')).toMatchObject({ choice: 'tie', signed: 0 });
    expect(judge('both_bad')).toMatchObject({ choice: 'both_bad', signed: null });
  });

  it('refuses unknown choices and identical responses', () => {
    expect(() => normalisePairwise({ ...base, coder: 'x', a: 'r1', b: 'r1', choice: 'a' })).toThrow(/must differ/);
    expect(() => normalisePairwise({ ...base, coder: 'x', a: 'r1', b: 'r2', choice: 'left' as never })).toThrow(
      /choice/,
    );
    expect(() =>
      normalisePairwise({ ...base, coder: 'x', a: 'r1', b: 'r2', choice: 'a', strength: 'very' as never }),
    ).toThrow(/strength/);
  });
});

describe('pairwise reliability labels', () => {
  const labels: PairwiseJudgementLabel[] = [
    { ...base, coder: 'x', a: 'r1', b: 'r2', choice: 'a', strength: 'much' },
    { ...base, coder: 'y', a: 'r2', b: 'r1', choice: 'b', strength: 'slightly' },
    { ...base, coder: 'z', a: 'r1', b: 'r2', choice: 'both_bad' },
  ];

  it('produces nominal categories and ordinal signed strengths with both_bad missing', () => {
    expect(pairwiseNominalLabels(labels).map((label) => label.value)).toEqual(['first', 'first', 'both_bad']);
    expect(pairwiseOrdinalLabels(labels).map((label) => label.value)).toEqual([-2, -1, null]);
  });

  it('expands PairwiseContent per criterion', () => {
    const content: PairwiseContent = {
      kind: 'pairwise',
      a: 'r2',
      b: 'r1',
      judgements: { accuracy: { choice: 'a' }, overall: { choice: 'tie' } },
    };
    const expanded = pairwiseLabelsFromContent('q1', 'x', content);
    expect(expanded.map((label) => [label.criterion, normalisePairwise(label).choice])).toEqual([
      ['accuracy', 'second'],
      ['overall', 'tie'],
    ]);
  });

  it('analyses agreement per criterion', () => {
    const twoCriteria: PairwiseJudgementLabel[] = [
      // accuracy: the two coders agree on both pairs (seen in opposite orders on q1): nominal alpha = 1.
      { item: 'q1', criterion: 'accuracy', coder: 'x', a: 'r1', b: 'r2', choice: 'a' },
      { item: 'q1', criterion: 'accuracy', coder: 'y', a: 'r2', b: 'r1', choice: 'b' },
      { item: 'q2', criterion: 'accuracy', coder: 'x', a: 'r1', b: 'r2', choice: 'b' },
      { item: 'q2', criterion: 'accuracy', coder: 'y', a: 'r1', b: 'r2', choice: 'b' },
      // safety: they disagree on the only pair.
      { item: 'q1', criterion: 'safety', coder: 'x', a: 'r1', b: 'r2', choice: 'a' },
      { item: 'q1', criterion: 'safety', coder: 'y', a: 'r1', b: 'r2', choice: 'tie' },
    ];
    const result = pairwiseAgreementByCriterion(twoCriteria);
    expect(Object.keys(result)).toEqual(['accuracy', 'safety']);
    expect(result.accuracy.nominal.alpha).toBe(1);
    expect(result.accuracy.percentAgreement).toBe(1);
    expect(result.safety.percentAgreement).toBe(0);
    // One unit (first, tie): o_{first,tie} = o_{tie,first} = 1, n = 2: D_o = 1, D_e = 2/(2·1) = 1, α = 0.
    expect(result.safety.nominal.alpha).toBe(0);
  });
});
