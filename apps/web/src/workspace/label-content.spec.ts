import { describe, expect, it } from '@jest/globals';
import { emptyDraft, type Draft } from './drafts.js';
import {
  FIXED_TEXT_ROW,
  isComplete,
  labelContent,
  missingAnswer,
  missingRows,
  pairwiseCriteria,
  RATIONALE_ROW,
} from './label-content.js';
import type { Task } from './task-api.js';

const project = {
  id: 'p',
  slug: 'p',
  name: 'P',
  criteria: ['accuracy', 'safety'],
  scaleMin: 1,
  scaleMax: 5,
  allowTies: true,
  requireRationale: false,
  guidelineVersion: 1,
};
const task = (kind: Task['project']['kind']): Task => ({
  taskId: 'x',
  project: { ...project, kind },
  language: 'en',
  specialty: 's',
  prompt: 'q',
  messages: null,
  responses: [
    { id: 'r1', label: 'A', text: '' },
    { id: 'r2', label: 'B', text: '' },
  ],
  expiresAt: '',
});

describe('label content', () => {
  it('asks every project criterion plus overall, once', () => {
    expect(pairwiseCriteria(task('pairwise'))).toEqual(['accuracy', 'safety', 'overall']);
  });

  it('builds pairwise judgements; strength only on a/b choices', () => {
    const draft = {
      ...emptyDraft('x', ['r1', 'r2']),
      pairwise: {
        accuracy: { choice: 'a' as const, strength: 'much' as const },
        safety: { choice: 'tie' as const },
        overall: { choice: 'b' as const },
      },
    };
    expect(isComplete(task('pairwise'), draft)).toBe(true);
    expect(labelContent(task('pairwise'), draft)).toEqual({
      judgements: {
        accuracy: { choice: 'a', strength: 'much' },
        safety: { choice: 'tie', strength: null },
        overall: { choice: 'b', strength: null },
      },
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

describe('validation label content', () => {
  const validationTask: Task = {
    ...task('validation'),
    responses: [{ id: 'r1', label: 'A', text: 'Take 500 mg paracetamol.' }],
  };
  const withVerdict = (validation: Draft['validation']) => ({ ...emptyDraft('x', ['r1']), validation });

  it('needs a verdict first', () => {
    expect(missingAnswer(validationTask, emptyDraft('x', ['r1']))).toBe('clinrank.ws.validation.incomplete');
    expect(labelContent(validationTask, withVerdict({ verdict: 'accept', reasons: ['unsafe'] }))).toEqual({
      verdict: 'accept',
      fixedText: undefined,
      reasons: [],
    });
  });

  it('needs a reason to reject', () => {
    expect(missingAnswer(validationTask, withVerdict({ verdict: 'reject', reasons: [] }))).toBe(
      'clinrank.ws.validation.reason_required',
    );
    const rejected = withVerdict({ verdict: 'reject', reasons: ['unsafe', 'outdated'] });
    expect(missingAnswer(validationTask, rejected)).toBeNull();
    expect(labelContent(validationTask, rejected)).toEqual({
      verdict: 'reject',
      fixedText: undefined,
      reasons: ['unsafe', 'outdated'],
    });
  });

  it('needs a corrected text that differs from the candidate to fix', () => {
    expect(missingAnswer(validationTask, withVerdict({ verdict: 'fix', fixedText: '  ', reasons: [] }))).toBe(
      'clinrank.ws.validation.fix_required',
    );
    expect(
      missingAnswer(
        validationTask,
        withVerdict({ verdict: 'fix', fixedText: ' Take 500 mg paracetamol. ', reasons: [] }),
      ),
    ).toBe('clinrank.ws.validation.fix_unchanged');
    const fixed = withVerdict({
      verdict: 'fix',
      fixedText: ' Take 500 mg paracetamol, at most 4 g a day. ',
      reasons: ['incomplete'],
    });
    expect(labelContent(validationTask, fixed)).toEqual({
      verdict: 'fix',
      fixedText: 'Take 500 mg paracetamol, at most 4 g a day.',
      reasons: ['incomplete'],
    });
  });

  it('asks for a required rationale only once the verdict is complete', () => {
    const strict = { ...validationTask, project: { ...validationTask.project, requireRationale: true } };
    expect(missingAnswer(strict, emptyDraft('x', ['r1']))).toBe('clinrank.ws.validation.incomplete');
    expect(missingAnswer(strict, withVerdict({ verdict: 'accept', reasons: [] }))).toBe(
      'clinrank.ws.rationale_required',
    );
  });

  it('lists the unanswered rows in screen order, the rationale last', () => {
    const draft = { ...emptyDraft('x', ['r1', 'r2']), pairwise: { safety: { choice: 'tie' as const } } };
    expect(missingRows(task('pairwise'), draft)).toEqual([0, 2]);
    const strict = { ...task('pairwise'), project: { ...project, kind: 'pairwise' as const, requireRationale: true } };
    expect(missingRows(strict, draft)).toEqual([0, 2, RATIONALE_ROW]);
    expect(
      missingRows(task('rating'), {
        ...emptyDraft('x', ['r1', 'r2']),
        scores: { accuracy: { r1: 3 }, safety: { r2: 4 } },
      }),
    ).toEqual([1, 2]);
    const validation = emptyDraft('x', ['r1']);
    expect(missingRows(task('validation'), validation)).toEqual([0]);
    expect(missingRows(task('validation'), { ...validation, validation: { verdict: 'reject', reasons: [] } })).toEqual([
      1,
    ]);
    expect(
      missingRows(task('validation'), { ...validation, validation: { verdict: 'fix', fixedText: ' ', reasons: [] } }),
    ).toEqual([FIXED_TEXT_ROW]);
  });

  it('refuses an untouched ranking in the workspace only, until it is moved or confirmed', () => {
    const fresh = emptyDraft('x', ['r1', 'r2']);
    const workspace = { requireTouchedRanking: true };
    expect(missingAnswer(task('ranking'), fresh, workspace)).toBe('clinrank.ws.ranking_untouched');
    expect(missingRows(task('ranking'), fresh, workspace)).toEqual([0, 1]);
    expect(missingAnswer(task('ranking'), fresh)).toBeNull();
    expect(missingAnswer(task('ranking'), { ...fresh, rankingTouched: true }, workspace)).toBeNull();
    expect(missingRows(task('ranking'), { ...fresh, rankingTouched: true }, workspace)).toEqual([]);
  });
});
