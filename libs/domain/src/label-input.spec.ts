import { describe, expect, it } from '@jest/globals';
import { DomainError, ErrorCode } from './errors.js';
import { checkLabelSubmission, checkNextTaskRequest, MAX_TIME_SPENT_MS } from './label-input.js';
import { TEXT_LIMITS } from './text-limits.js';

const good = {
  taskId: '00000000-0000-4000-8000-000000000001',
  submissionId: '00000000-0000-4000-8000-000000000002',
  content: { choice: 'a' },
  flags: ['unsafe'],
  rationale: null,
  rewrite: undefined,
  timeSpentMs: 1,
  uiDirection: 'rtl',
};

function refusal(run: () => void): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('checkLabelSubmission', () => {
  it('accepts a well-formed submission', () => {
    expect(() => checkLabelSubmission(good)).not.toThrow();
    expect(() => checkLabelSubmission({ ...good, timeSpentMs: MAX_TIME_SPENT_MS, uiDirection: null })).not.toThrow();
  });

  it.each([
    ['taskId', { taskId: 'not-a-uuid' }],
    ['submissionId', { submissionId: 42 }],
    ['content', { content: undefined }],
    ['flags', { flags: Array.from({ length: 11 }, () => 'x') }],
    ['flags', { flags: [1] }],
    ['rationale', { rationale: 'x'.repeat(TEXT_LIMITS.rationale + 1) }],
    ['rewrite', { rewrite: 'x'.repeat(TEXT_LIMITS.rewrite + 1) }],
    ['timeSpentMs', { timeSpentMs: -1 }],
    ['timeSpentMs', { timeSpentMs: 1.5 }],
    ['timeSpentMs', { timeSpentMs: MAX_TIME_SPENT_MS + 1 }],
    ['uiDirection', { uiDirection: 'up' }],
  ])('refuses a bad %s with BAD_USER_INPUT naming it', (field, change) => {
    const error = refusal(() => checkLabelSubmission({ ...good, ...change }));
    expect(error.code).toBe(ErrorCode.BadUserInput);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(new RegExp(`^Invalid input: .*${field}`));
  });
});

describe('checkNextTaskRequest', () => {
  it('accepts absent, null and string fields', () => {
    expect(() => checkNextTaskRequest({})).not.toThrow();
    expect(() => checkNextTaskRequest({ projectId: null, exclude: null })).not.toThrow();
    expect(() => checkNextTaskRequest({ projectId: 'slug', exclude: ['a'] })).not.toThrow();
  });

  it('refuses non-strings', () => {
    expect(refusal(() => checkNextTaskRequest({ projectId: 1 })).field).toBe('next.projectId');
    expect(refusal(() => checkNextTaskRequest({ exclude: [1] })).field).toBe('next.exclude');
    expect(refusal(() => checkNextTaskRequest({ exclude: 'a' })).field).toBe('next.exclude');
  });
});
