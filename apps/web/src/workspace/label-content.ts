import type { Draft } from './drafts.js';
import type { Task } from './task-api.js';

/** The rationale box's place in the list of missing rows (it is not a keyboard row). */
export const RATIONALE_ROW = -1;
/** The corrected-text editor's place in the list of missing rows (it is not a keyboard row either). */
export const FIXED_TEXT_ROW = 2;

export interface MissingOptions {
  /** The workspace refuses a ranking left in the order it was shown; the adjudication editor does not. */
  requireTouchedRanking?: boolean;
}

/** The criteria a pairwise task asks about: the project's own plus `overall`, once. */
export function pairwiseCriteria(task: Task): string[] {
  return [...task.project.criteria.filter((criterion) => criterion !== 'overall'), 'overall'];
}

/** Why a validation draft cannot be sent yet (a translation key), or null. */
function missingValidationAnswer(task: Task, draft: Draft): string | null {
  const { verdict, fixedText, reasons } = draft.validation;
  if (!verdict) return 'clinrank.ws.validation.incomplete';
  if (verdict === 'reject' && reasons.length === 0) return 'clinrank.ws.validation.reason_required';
  if (verdict === 'fix') {
    const text = fixedText?.trim() ?? '';
    if (!text) return 'clinrank.ws.validation.fix_required';
    if (text === task.responses[0]?.text.trim()) return 'clinrank.ws.validation.fix_unchanged';
  }
  return null;
}

/** What the clinician still has to answer before the task can be sent (a translation key), or null when complete. */
export function missingAnswer(task: Task, draft: Draft, options: MissingOptions = {}): string | null {
  if (options.requireTouchedRanking && task.project.kind === 'ranking' && draft.rankingTouched === false)
    return 'clinrank.ws.ranking_untouched';
  const missing = missingChoice(task, draft);
  if (missing) return missing;
  return task.project.requireRationale && !draft.rationale.trim() ? 'clinrank.ws.rationale_required' : null;
}

function missingChoice(task: Task, draft: Draft): string | null {
  switch (task.project.kind) {
    case 'pairwise':
      return pairwiseCriteria(task).every((criterion) => draft.pairwise[criterion]?.choice)
        ? null
        : 'clinrank.ws.incomplete';
    case 'rating':
      return task.project.criteria.every((criterion) =>
        task.responses.every((response) => typeof draft.scores[criterion]?.[response.id] === 'number'),
      )
        ? null
        : 'clinrank.ws.incomplete';
    case 'validation':
      return missingValidationAnswer(task, draft);
    default:
      return draft.ranking.flat().length === task.responses.length ? null : 'clinrank.ws.incomplete';
  }
}

/** The rows still to answer, in screen order: keyboard row indices, then RATIONALE_ROW when a rationale is required. */
export function missingRows(task: Task, draft: Draft, options: MissingOptions = {}): number[] {
  const rows: number[] = [];
  switch (task.project.kind) {
    case 'pairwise':
      pairwiseCriteria(task).forEach((criterion, index) => !draft.pairwise[criterion]?.choice && rows.push(index));
      break;
    case 'rating':
      task.responses
        .flatMap((response) =>
          task.project.criteria.map((criterion) => typeof draft.scores[criterion]?.[response.id] === 'number'),
        )
        .forEach((answered, index) => !answered && rows.push(index));
      break;
    case 'validation': {
      const problem = missingValidationAnswer(task, draft);
      if (problem === 'clinrank.ws.validation.incomplete') rows.push(0);
      else if (problem === 'clinrank.ws.validation.reason_required') rows.push(1);
      else if (problem) rows.push(FIXED_TEXT_ROW);
      break;
    }
    default:
      if (options.requireTouchedRanking && draft.rankingTouched === false)
        rows.push(...draft.ranking.flat().map((_id, index) => index));
  }
  if (task.project.requireRationale && !draft.rationale.trim()) rows.push(RATIONALE_ROW);
  return rows;
}

/** True when every question of the task has an answer in the draft. */
export function isComplete(task: Task, draft: Draft): boolean {
  return missingAnswer(task, draft) === null;
}

/** The label `content` the API expects for this task kind. */
export function labelContent(task: Task, draft: Draft): unknown {
  switch (task.project.kind) {
    case 'pairwise':
      return {
        judgements: Object.fromEntries(
          pairwiseCriteria(task).map((criterion) => {
            const { choice, strength } = draft.pairwise[criterion] ?? {};
            return [criterion, { choice, strength: choice === 'a' || choice === 'b' ? (strength ?? null) : null }];
          }),
        ),
      };
    case 'rating':
      return { scores: draft.scores };
    case 'validation': {
      const { verdict, fixedText, reasons } = draft.validation;
      return {
        verdict,
        fixedText: verdict === 'fix' ? fixedText?.trim() : undefined,
        reasons: verdict === 'accept' ? [] : reasons,
      };
    }
    default:
      return { ranking: draft.ranking.map((group) => (group.length === 1 ? group[0] : group)) };
  }
}
