import type { Draft } from './drafts.js';
import type { Task } from './task-api.js';

/** The criteria a pairwise task asks about: the project's own plus `overall`, once. */
export function pairwiseCriteria(task: Task): string[] {
  return [...task.project.criteria.filter((criterion) => criterion !== 'overall'), 'overall'];
}

/** True when every question of the task has an answer in the draft. */
export function isComplete(task: Task, draft: Draft): boolean {
  if (task.project.requireRationale && !draft.rationale.trim()) return false;
  switch (task.project.kind) {
    case 'pairwise':
      return pairwiseCriteria(task).every((criterion) => draft.pairwise[criterion]?.choice);
    case 'rating':
      return task.project.criteria.every((criterion) => task.responses.every((response) => typeof draft.scores[criterion]?.[response.id] === 'number'));
    default:
      return draft.ranking.flat().length === task.responses.length;
  }
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
    default:
      return { ranking: draft.ranking.map((group) => (group.length === 1 ? group[0] : group)) };
  }
}
