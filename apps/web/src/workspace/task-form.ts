import type { Draft } from './drafts.js';
import type { Task } from './task-api.js';

/** What every task form (pairwise, ranking, rating, validation) gets from the workspace or the adjudication editor. */
export interface TaskFormProps {
  task: Task;
  draft: Draft;
  /** The keyboard row in focus. */
  focused: number;
  onFocusRow: (index: number) => void;
  update: (change: (draft: Draft) => Draft) => void;
  /** Rows still unanswered after a refused submit: drawn in the error colour until answered. */
  missing?: ReadonlySet<number>;
}

/** sx for a keyboard row: outlined when focused, in the error colour while it is missing an answer. */
export function rowSx(active: boolean, missing: boolean) {
  return {
    borderRadius: 1,
    outline: active || missing ? '2px solid' : 'none',
    outlineColor: missing ? 'error.main' : 'primary.main',
    bgcolor: missing ? 'rgba(211, 47, 47, 0.06)' : active ? 'action.hover' : undefined,
  } as const;
}
