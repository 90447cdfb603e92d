import { describe, expect, it } from '@jest/globals';
import { labelContent } from '../workspace/label-content.js';
import type { TaskProject } from '../workspace/task-api.js';
import { adjudicationPair, adjudicationTask, draftFromContent, type ReviewItem } from './adjudication-draft.js';

const item: ReviewItem = {
  itemId: 'i1',
  language: 'en',
  specialty: 'cardiology',
  prompt: 'Chest pain?',
  messages: null,
  responses: [
    { id: 'r1', externalId: 'a', text: 'Call 911.' },
    { id: 'r2', externalId: 'b', text: 'Rest.' },
    { id: 'r3', externalId: 'c', text: 'See your GP.' },
  ],
};
const project = (kind: TaskProject['kind']): TaskProject => ({
  id: 'p',
  slug: 'p',
  name: 'P',
  kind,
  criteria: ['safety'],
  scaleMin: 1,
  scaleMax: 5,
  allowTies: true,
  requireRationale: false,
  guidelineVersion: 1,
});

describe('adjudication drafts', () => {
  it("compares the pair of the stored content, else the first two responses, always in the item's order", () => {
    expect(adjudicationPair(item, { a: 'r3', b: 'r1' })).toEqual(['r1', 'r3']);
    expect(adjudicationPair(item, { a: 'r2', b: 'r3' })).toEqual(['r2', 'r3']);
    expect(adjudicationPair(item, { a: 'gone', b: 'r1' })).toEqual(['r1', 'r2']);
    expect(adjudicationPair(item, null)).toEqual(['r1', 'r2']);
  });

  it('starts from a pairwise label and gives back the same content', () => {
    const task = adjudicationTask(item, project('pairwise'), ['r2', 'r1']);
    const stored = {
      a: 'r2',
      b: 'r1',
      judgements: { safety: { choice: 'b', strength: 'much' }, overall: { choice: 'tie', strength: null } },
    };
    expect(labelContent(task, draftFromContent(task, stored))).toEqual({ judgements: stored.judgements });
  });

  it('letters the answers by item order whichever way round the starting label showed them, keeping its choices', () => {
    // The label showed r2 as A and chose it: the editor shows r1 as A (as the review table does) and B chosen.
    const started = { a: 'r2', b: 'r1', judgements: { overall: { choice: 'a', strength: 'much' } } };
    const task = adjudicationTask(item, project('pairwise'), adjudicationPair(item, started));
    expect(task.responses.map((response) => [response.label, response.id])).toEqual([
      ['A', 'r1'],
      ['B', 'r2'],
    ]);
    expect(draftFromContent(task, started).pairwise).toEqual({ overall: { choice: 'b', strength: 'much' } });
  });

  it('flips the choices of a label that showed the pair the other way round', () => {
    const task = adjudicationTask(item, project('pairwise'), ['r1', 'r2']);
    const draft = draftFromContent(task, {
      a: 'r2',
      b: 'r1',
      judgements: { safety: { choice: 'a' }, overall: { choice: 'b', strength: 'slightly' } },
    });
    expect(draft.pairwise).toEqual({
      safety: { choice: 'b', strength: undefined },
      overall: { choice: 'a', strength: 'slightly' },
    });
  });

  it('ignores a pairwise label about another pair', () => {
    const task = adjudicationTask(item, project('pairwise'), ['r1', 'r3']);
    expect(draftFromContent(task, { a: 'r1', b: 'r2', judgements: { overall: { choice: 'a' } } }).pairwise).toEqual({});
  });

  it('starts from a ranking with ties, a rating, and a validation verdict', () => {
    const ranking = adjudicationTask(item, project('ranking'), ['r1', 'r2']);
    expect(labelContent(ranking, draftFromContent(ranking, { ranking: [['r3'], ['r1', 'r2']] }))).toEqual({
      ranking: ['r3', ['r1', 'r2']],
    });
    const rating = adjudicationTask(item, project('rating'), ['r1', 'r2']);
    expect(labelContent(rating, draftFromContent(rating, { scores: { safety: { r1: 5, r2: 1, r3: 3 } } }))).toEqual({
      scores: { safety: { r1: 5, r2: 1, r3: 3 } },
    });
    const validation = adjudicationTask(item, project('validation'), ['r1', 'r2']);
    expect(validation.responses.map((response) => response.id)).toEqual(['r1']);
    expect(
      labelContent(
        validation,
        draftFromContent(validation, { verdict: 'fix', fixedText: 'Call 112.', reasons: ['outdated'] }),
      ),
    ).toEqual({ verdict: 'fix', fixedText: 'Call 112.', reasons: ['outdated'] });
  });

  it('ignores a ranking that does not hold every response', () => {
    const ranking = adjudicationTask(item, project('ranking'), ['r1', 'r2']);
    expect(draftFromContent(ranking, { ranking: ['r1', 'r2'] }).ranking).toEqual([['r1'], ['r2'], ['r3']]);
  });
});
