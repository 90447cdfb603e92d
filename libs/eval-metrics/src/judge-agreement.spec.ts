import { describe, expect, it } from '@jest/globals';
import { judgeAgreement } from './judge-agreement.js';
import type { ModelJudgement } from './judgements.js';

const j = (
  item: string,
  annotator: string,
  modelA: string,
  modelB: string,
  choice: ModelJudgement['choice'],
): ModelJudgement => ({ item, annotator, modelA, modelB, choice });

const JUDGEMENTS: ModelJudgement[] = [
  // i1: both clinicians prefer m1 (c2 saw it on side B); the judge, with sides swapped, too → agrees.
  j('i1', 'c1', 'm1', 'm2', 'a'),
  j('i1', 'c2', 'm2', 'm1', 'b'),
  j('i1', 'llm', 'm2', 'm1', 'b'),
  // i2: clinicians split 1–1 (tie vs m1) → no majority, the judge's judgement is left out.
  j('i2', 'c1', 'm1', 'm2', 'tie'),
  j('i2', 'c2', 'm1', 'm2', 'a'),
  j('i2', 'llm', 'm1', 'm2', 'a'),
  // i3: m2, m2, tie → majority m2; the judge picks m1 → disagrees.
  j('i3', 'c1', 'm1', 'm2', 'b'),
  j('i3', 'c2', 'm1', 'm2', 'b'),
  j('i3', 'c3', 'm1', 'm2', 'tie'),
  j('i3', 'llm', 'm1', 'm2', 'a'),
  // i4: both-bad + tie → "tie" twice by default; judge says both-bad (= tie) → agrees.
  j('i4', 'c1', 'm1', 'm2', 'both_bad'),
  j('i4', 'c2', 'm1', 'm2', 'tie'),
  j('i4', 'llm', 'm1', 'm2', 'both_bad'),
];

describe('judgeAgreement', () => {
  it('compares the judge with the clinicians’ majority, A/B sides normalised', () => {
    // Counted units: i1 (agree), i3 (disagree), i4 (agree) → 2/3; i2 has no majority.
    const result = judgeAgreement(JUDGEMENTS, 'llm');
    expect(result).toMatchObject({ judge: 'llm', n: 3, agreeing: 2, withoutMajority: 1 });
    expect(result.share).toBeCloseTo(2 / 3, 12);
  });

  it('drops both-bad judgements when asked to', () => {
    // i4: the judge's both-bad is dropped → n = 2 (i1 agree, i3 disagree).
    expect(judgeAgreement(JUDGEMENTS, 'llm', { bothBad: 'exclude' })).toMatchObject({ n: 2, agreeing: 1, share: 0.5 });
  });

  it('returns null share for a judge with no comparable judgements', () => {
    expect(judgeAgreement(JUDGEMENTS, 'nobody')).toMatchObject({ n: 0, share: null, interval: null });
    expect(() => judgeAgreement(JUDGEMENTS, '')).toThrow(/judge/);
  });
});
