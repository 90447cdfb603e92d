import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@clinrank/domain';
import type { LoadedLabel, ProjectLabels } from './project-labels.js';
import { criteriaOf, criterionUnits, defaultCriterion, requireCriterion, unitsOf } from './agreement-units.js';

function label(coder: string, content: LoadedLabel['content'], positions: [number, number] | null = null): LoadedLabel {
  return {
    item: 'item-1',
    itemKey: '0',
    coder,
    content,
    shownFirst: null,
    timeSpentMs: 0,
    timed: false,
    at: 0,
    positions,
  };
}

function project(kind: ProjectLabels['kind'], labels: LoadedLabel[]): ProjectLabels {
  return {
    projectId: 'p',
    kind,
    criteria: ['accuracy'],
    scale: { min: 1, max: 3 },
    labels,
    annotatorIds: new Map(),
    gold: new Map(),
  };
}

describe('unitsOf', () => {
  it('puts two coders who saw a pair in opposite orders on the same unit and category', () => {
    // Response "z…" sits at position 0, "a…" at 1: by position "first" is z, whatever the ids' text order.
    const left = unitsOf(
      label(
        'c1',
        { kind: 'pairwise', a: 'z-resp', b: 'a-resp', judgements: { overall: { choice: 'a', strength: 'much' } } },
        [0, 1],
      ),
      'overall',
    );
    const right = unitsOf(
      label(
        'c2',
        { kind: 'pairwise', a: 'a-resp', b: 'z-resp', judgements: { overall: { choice: 'b', strength: 'much' } } },
        [1, 0],
      ),
      'overall',
    );
    expect(left).toHaveLength(1);
    expect(right[0].unit).toBe(left[0].unit);
    expect(left[0].value).toBe('first');
    expect(right[0].value).toBe('first');
    // much for the first response is −2 on the signed scale, for both.
    expect([left[0].scaled, right[0].scaled]).toEqual([-2, -2]);
  });

  it('turns a ranking into mid-rank positions per response, ties sharing theirs', () => {
    const units = unitsOf(label('c1', { kind: 'ranking', ranking: [['r1'], ['r2', 'r3']] }), 'overall');
    expect(units.map((unit) => [JSON.parse(unit.unit as string)[1], unit.value])).toEqual([
      ['r1', 1],
      ['r2', 2.5],
      ['r3', 2.5],
    ]);
  });

  it('gives one unit per rated response on the criterion, none for another criterion', () => {
    const rated = label('c1', { kind: 'rating', scores: { accuracy: { r1: 3, r2: 1 } } });
    expect(unitsOf(rated, 'accuracy').map((unit) => unit.value)).toEqual([3, 1]);
    expect(unitsOf(rated, 'safety')).toEqual([]);
  });
});

describe('criteria', () => {
  const pairwise = project('pairwise', [
    label('c1', {
      kind: 'pairwise',
      a: 'x',
      b: 'y',
      judgements: { safety: { choice: 'tie' }, overall: { choice: 'a' } },
    }),
  ]);

  it('lists the labelled criteria with overall first and defaults to it', () => {
    expect(criteriaOf(pairwise)).toEqual(['overall', 'safety']);
    expect(defaultCriterion(pairwise)).toBe('overall');
  });

  it('refuses a criterion nobody labelled, naming it', () => {
    expect(() => requireCriterion(pairwise, 'kindness')).toThrow(DomainError);
    expect(() => requireCriterion(pairwise, 'kindness')).toThrow(/kindness/);
  });

  it('lists the rating scale as the confusion-matrix categories', () => {
    const rating = project('rating', [label('c1', { kind: 'rating', scores: { accuracy: { r1: 2 } } })]);
    expect(criterionUnits(rating, 'accuracy').categories).toEqual([1, 2, 3]);
  });
});
