import { describe, expect, it } from '@jest/globals';
import { emptyDraft } from './drafts.js';
import { isComplete, labelContent, pairwiseCriteria } from './label-content.js';
import type { Task } from './task-api.js';

const project = { id: 'p', slug: 'p', name: 'P', criteria: ['accuracy', 'safety'], scaleMin: 1, scaleMax: 5, allowTies: true, requireRationale: false, guidelineVersion: 1 };
const task = (kind: Task['project']['kind']): Task => ({
  assignmentId: 'x',
  project: { ...project, kind },
  language: 'en',
  specialty: 's',
  prompt: 'q',
  messages: null,
  responses: [{ id: 'r1', label: 'A', text: '' }, { id: 'r2', label: 'B', text: '' }],
  expiresAt: '',
});

describe('label content', () => {
  it('asks every project criterion plus overall, once', () => {
    expect(pairwiseCriteria(task('pairwise'))).toEqual(['accuracy', 'safety', 'overall']);
  });

  it('builds pairwise judgements; strength only on a/b choices', () => {
    const draft = { ...emptyDraft('x', ['r1', 'r2']), pairwise: { accuracy: { choice: 'a' as const, strength: 'much' as const }, safety: { choice: 'tie' as const }, overall: { choice: 'b' as const } } };
    expect(isComplete(task('pairwise'), draft)).toBe(true);
    expect(labelContent(task('pairwise'), draft)).toEqual({
      judgements: { accuracy: { choice: 'a', strength: 'much' }, safety: { choice: 'tie', strength: null }, overall: { choice: 'b', strength: null } },
    });
  });

  it('is incomplete until every criterion has a choice, and until a required rationale is written', () => {
    const draft = { ...emptyDraft('x', ['r1', 'r2']), pairwise: { accuracy: { choice: 'a' as const } } };
    expect(isComplete(task('pairwise'), draft)).toBe(false);
    const strict = { ...task('ranking'), project: { ...project, kind: 'ranking' as const, requireRationale: true } };
    expect(isComplete(strict, emptyDraft('x', ['r1', 'r2']))).toBe(false);
  });

  it('sends a ranking best first, single answers unwrapped and ties as lists', () => {
    const draft = { ...emptyDraft('x', ['r1', 'r2']), ranking: [['r2'], ['r1', 'r3']] };
    expect(labelContent(task('ranking'), draft)).toEqual({ ranking: ['r2', ['r1', 'r3']] });
  });
});
