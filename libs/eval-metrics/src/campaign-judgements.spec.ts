import { describe, expect, it } from '@jest/globals';
import { judgementsFromLabels, questionTypeOf, type CampaignLabel } from './campaign-judgements.js';

const models = new Map<string, string | null>([
  ['r-x', 'model-x'],
  ['r-y', 'model-y'],
  ['r-z', 'model-z'],
  ['r-anon', null],
  ['r-x2', 'model-x'],
]);

function label(content: CampaignLabel['content'], extra: Partial<CampaignLabel> = {}): CampaignLabel {
  return {
    itemId: 'item-1',
    annotator: 'dr-a',
    annotatorKind: 'human',
    content,
    language: 'en',
    specialty: 'cardiology',
    metadata: { type: 'TREATMENT' },
    ...extra,
  };
}

describe('judgementsFromLabels', () => {
  it('maps pairwise A/B to the models of the shown responses, one judgement per criterion', () => {
    const { judgements, skipped } = judgementsFromLabels(
      [
        label({
          kind: 'pairwise',
          a: 'r-y',
          b: 'r-x',
          judgements: { accuracy: { choice: 'b' }, overall: { choice: 'tie' } },
        }),
      ],
      models,
    );
    expect(skipped).toEqual([]);
    expect(judgements).toEqual([
      {
        item: 'item-1',
        annotator: 'dr-a',
        isJudge: false,
        language: 'en',
        specialty: 'cardiology',
        questionType: 'TREATMENT',
        modelA: 'model-y',
        modelB: 'model-x',
        criterion: 'accuracy',
        choice: 'b',
      },
      {
        item: 'item-1',
        annotator: 'dr-a',
        isJudge: false,
        language: 'en',
        specialty: 'cardiology',
        questionType: 'TREATMENT',
        modelA: 'model-y',
        modelB: 'model-x',
        criterion: 'overall',
        choice: 'tie',
      },
    ]);
  });

  it('marks judge labels and counts comparisons it cannot map, by reason', () => {
    const { judgements, skipped } = judgementsFromLabels(
      [
        label({ kind: 'pairwise', a: 'r-x', b: 'r-anon', judgements: { overall: { choice: 'a' } } }),
        label({
          kind: 'pairwise',
          a: 'r-x',
          b: 'r-x2',
          judgements: { overall: { choice: 'a' }, safety: { choice: 'b' } },
        }),
        label(
          { kind: 'pairwise', a: 'r-x', b: 'r-y', judgements: { overall: { choice: 'a' } } },
          { annotator: 'gpt-judge', annotatorKind: 'judge' },
        ),
        label({ kind: 'validation', response: 'r-x', verdict: 'accept' }),
      ],
      models,
    );
    expect(judgements).toHaveLength(1);
    expect(judgements[0]).toMatchObject({
      annotator: 'gpt-judge',
      isJudge: true,
      modelA: 'model-x',
      modelB: 'model-y',
      choice: 'a',
    });
    expect(skipped).toEqual([
      { reason: 'a response has no model', count: 1 },
      { reason: 'both responses come from the same model', count: 2 },
      { reason: 'validation labels compare no models', count: 1 },
    ]);
  });

  it('derives overall pairs from a ranking: better group wins, one group ties', () => {
    // Ranking [[y], [x, z]]: y beats x, y beats z, x ties z → 3 judgements on "overall".
    const { judgements } = judgementsFromLabels(
      [label({ kind: 'ranking', ranking: [['r-y'], ['r-x', 'r-z']] })],
      models,
    );
    expect(judgements.map((j) => [j.modelA, j.modelB, j.criterion, j.choice])).toEqual([
      ['model-y', 'model-x', 'overall', 'a'],
      ['model-y', 'model-z', 'overall', 'a'],
      ['model-x', 'model-z', 'overall', 'tie'],
    ]);
  });

  it('derives per-criterion pairs from ratings and overall from the mean of shared criteria', () => {
    // accuracy x=4, y=2 → x wins; safety x=3, y=5 → y wins; overall means x=3.5, y=3.5 → tie.
    const { judgements } = judgementsFromLabels(
      [label({ kind: 'rating', scores: { accuracy: { 'r-x': 4, 'r-y': 2 }, safety: { 'r-x': 3, 'r-y': 5 } } })],
      models,
    );
    expect(judgements.map((j) => [j.criterion, j.choice])).toEqual([
      ['accuracy', 'a'],
      ['safety', 'b'],
      ['overall', 'tie'],
    ]);
  });

  it('uses an overall score when the rating has one instead of deriving it', () => {
    const { judgements } = judgementsFromLabels(
      [label({ kind: 'rating', scores: { accuracy: { 'r-x': 5, 'r-y': 1 }, overall: { 'r-x': 1, 'r-y': 2 } } })],
      models,
    );
    expect(judgements.filter((j) => j.criterion === 'overall').map((j) => j.choice)).toEqual(['b']);
  });
});

describe('questionTypeOf', () => {
  it('reads type or questionType, joining a list of types', () => {
    expect(questionTypeOf({ type: 'DOSAGE' })).toBe('DOSAGE');
    expect(questionTypeOf({ questionType: 'CAUSE' })).toBe('CAUSE');
    expect(questionTypeOf({ type: ['TREATMENT', 'CAUSE', 'CAUSE'] })).toBe('CAUSE+TREATMENT');
    expect(questionTypeOf({ type: [] })).toBeUndefined();
    expect(questionTypeOf({})).toBeUndefined();
  });
});
