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
}
