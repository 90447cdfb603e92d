import { DomainError, ErrorCode } from './errors.js';
import { isUuid } from './identifiers.js';
import { TEXT_LIMITS } from './text-limits.js';

/** At most this many flags per label (the known flags are fewer; normaliseFlags names unknown ones). */
export const MAX_LABEL_FLAGS = 10;
/** A day: longer than anyone looks at one task; more is a broken client clock. */
export const MAX_TIME_SPENT_MS = 86_400_000;

/** What a client sends to submit a label, as the API receives it. */
export interface LabelSubmissionInput {
  taskId: unknown;
  submissionId: unknown;
  content: unknown;
  flags: unknown;
  rationale?: unknown;
  rewrite?: unknown;
  timeSpentMs: unknown;
  uiDirection?: unknown;
}

function invalid(message: string, field: string): never {
  throw new DomainError(ErrorCode.BadUserInput, `Invalid input: ${message}`, field);
}

function optionalText(value: unknown, field: 'rationale' | 'rewrite'): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string') invalid(`${field} must be a string`, field);
  if (value.length > TEXT_LIMITS[field])
    invalid(`${field} must be shorter than or equal to ${TEXT_LIMITS[field]} characters`, field);
}

/**
 * Checks the shape of a label submission before any database work (the content itself is checked against the
 * project's rules later, by validateLabelContent): ids are UUIDs, at most MAX_LABEL_FLAGS string flags, texts within
 * their limits, a whole number of milliseconds within a day, and a UI direction of ltr or rtl. Throws BAD_USER_INPUT
 * naming the field.
 */
export function checkLabelSubmission(input: LabelSubmissionInput): void {
  if (typeof input.taskId !== 'string' || !isUuid(input.taskId)) invalid('taskId must be a UUID', 'taskId');
  if (typeof input.submissionId !== 'string' || !isUuid(input.submissionId))
    invalid('submissionId must be a UUID', 'submissionId');
  if (input.content === undefined) invalid('content should not be null or undefined', 'content');
  if (!Array.isArray(input.flags)) invalid('flags must be an array', 'flags');
  if (input.flags.length > MAX_LABEL_FLAGS)
    invalid(`flags must contain no more than ${MAX_LABEL_FLAGS} elements`, 'flags');
  if (input.flags.some((flag) => typeof flag !== 'string')) invalid('each value in flags must be a string', 'flags');
  optionalText(input.rationale, 'rationale');
  optionalText(input.rewrite, 'rewrite');
  const time = input.timeSpentMs;
  if (typeof time !== 'number' || !Number.isInteger(time))
    invalid('timeSpentMs must be an integer number', 'timeSpentMs');
  if (time < 0) invalid('timeSpentMs must not be less than 0', 'timeSpentMs');
  if (time > MAX_TIME_SPENT_MS) invalid(`timeSpentMs must not be greater than ${MAX_TIME_SPENT_MS}`, 'timeSpentMs');
  const direction = input.uiDirection;
  if (direction !== undefined && direction !== null && direction !== 'ltr' && direction !== 'rtl')
    invalid('uiDirection must be one of the following values: ltr, rtl', 'uiDirection');
}

/** Checks `submitLabel(next:)`: an optional project id or slug and optional task ids on screen, all strings. */
export function checkNextTaskRequest(next: { projectId?: unknown; exclude?: unknown }): void {
  if (next.projectId !== undefined && next.projectId !== null && typeof next.projectId !== 'string')
    invalid('projectId must be a string', 'next.projectId');
  const exclude = next.exclude;
  if (exclude === undefined || exclude === null) return;
  if (!Array.isArray(exclude)) invalid('exclude must be an array', 'next.exclude');
  if (exclude.some((id) => typeof id !== 'string')) invalid('each value in exclude must be a string', 'next.exclude');
}
