import { useEffect, useState } from 'react';
import type { Draft } from './drafts.js';
import { pairwiseCriteria } from './label-content.js';
import { CHOICES, STRENGTH_KEYS, choose, chooseStrength } from './pairwise-form.js';
import { cursorAfterChoice, cursorAfterStrength, type CriteriaCursor } from './pairwise-keys.js';
import { flatOrder, moveStep, toggleTie } from './ranking-model.js';
import { setScore, ratingCells } from './rating-form.js';
import type { Task } from './task-api.js';
import { chooseVerdict, focusFixedText, toggleReason, VALIDATION_REASONS, VERDICTS } from './validation-form.js';

interface WorkspaceState {
  task: Task | null;
  draft: Draft | null;
  update: (change: (draft: Draft) => Draft) => void;
}

/** Starts on the first unanswered criterion, so a restored draft picks up where the clinician left off. */
function startCursor(task: Task | null, draft: Draft | null): CriteriaCursor {
  const firstOpen =
    task && draft && task.project.kind === 'pairwise'
      ? pairwiseCriteria(task).findIndex((criterion) => !draft.pairwise[criterion]?.choice)
      : 0;
  return { row: Math.max(0, firstOpen), awaitingStrength: false };
}

/**
 * The keyboard cursor of a task and the keys that answer it: digits, Q/W, verdicts and reasons, Alt+arrows, T, C and the
 * arrows. Enter, S, U, G and ? stay with the page.
 */
export function useTaskKeys({ task, draft, update }: WorkspaceState, rows: number) {
  const taskId = task?.taskId;
  const [state, setState] = useState<{ taskId?: string; cursor: CriteriaCursor }>(() => ({
    taskId,
    cursor: startCursor(task, draft),
  }));
  // A new task resets the cursor during this render, not in an effect: keys typed as soon as the task is painted
  // would otherwise land on the previous task's last row.
  let cursor = state.cursor;
  if (state.taskId !== taskId) {
    cursor = startCursor(task, draft);
    setState({ taskId, cursor });
  }
  const setCursor = (next: CriteriaCursor) => setState({ taskId, cursor: next });
  const focused = cursor.row;
  const focusRow = (row: number) => setCursor({ row, awaitingStrength: false });

  useEffect(() => {
    // A row can disappear (e.g. the reasons row when a rejection becomes an acceptance): keep the focus on the form.
    if (rows > 0 && focused >= rows)
      setState((current) => ({ ...current, cursor: { row: rows - 1, awaitingStrength: false } }));
  }, [rows, focused]);

  const touchRanking = (change: (groups: string[][]) => string[][]) =>
    update((current) => ({ ...current, ranking: change(current.ranking), rankingTouched: true }));
  const confirmOrder = () => update((current) => ({ ...current, rankingTouched: true }));

  const pairwiseKey = (event: KeyboardEvent, digit: number | null): boolean => {
    if (!task) return false;
    const criteria = pairwiseCriteria(task);
    if (digit !== null && digit >= 1 && digit <= CHOICES.length) {
      const { answered, next } = cursorAfterChoice(cursor, rows, digit - 1);
      update((current) => choose(current, criteria[answered], CHOICES[digit - 1]));
      setCursor(next);
      return true;
    }
    const strength =
      event.code === `Key${STRENGTH_KEYS.slightly}`
        ? 'slightly'
        : event.code === `Key${STRENGTH_KEYS.much}`
          ? 'much'
          : null;
    if (!strength) return false;
    const { answered, next } = cursorAfterStrength(cursor, rows);
    update((current) => chooseStrength(current, criteria[answered], strength));
    setCursor(next);
    return true;
  };

  /** 1–3 pick the verdict on the first row; on the reasons row 1–8 toggle a reason. "Fix" puts the cursor in the editor. */
  const validationKey = (event: KeyboardEvent, digit: number | null): boolean => {
    if (!task) return false;
    // Back into the editor after Esc; right after 3 the editor already has the keyboard, so no key is needed.
    if (event.code === 'KeyE' && draft?.validation.verdict === 'fix') return (focusFixedText(), true);
    if (digit === null) return false;
    if (focused === 0 && digit >= 1 && digit <= VERDICTS.length) {
      const verdict = VERDICTS[digit - 1];
      update((current) => chooseVerdict(current, verdict, task.responses[0].text));
      if (verdict === 'reject') focusRow(1);
      if (verdict === 'fix') focusFixedText();
      return true;
    }
    if (focused === 1 && digit >= 1 && digit <= VALIDATION_REASONS.length)
      return (update((current) => toggleReason(current, VALIDATION_REASONS[digit - 1])), true);
    return false;
  };

  const rankingKey = (event: KeyboardEvent): boolean => {
    if (!draft || !task) return false;
    const id = flatOrder(draft.ranking)[focused];
    if (event.altKey && (event.code === 'ArrowUp' || event.code === 'ArrowDown')) {
      const direction = event.code === 'ArrowUp' ? -1 : 1;
      touchRanking((groups) => moveStep(groups, id, direction));
      focusRow(Math.max(0, Math.min(rows - 1, focused + direction)));
      return true;
    }
    if (event.code === 'KeyT' && task.project.allowTies) return (touchRanking((groups) => toggleTie(groups, id)), true);
    if (event.code === 'KeyC') return (confirmOrder(), true);
    return false;
  };

  /** The kind's own keys, then the arrows; false when the key is not the form's. */
  const handleFormKey = (event: KeyboardEvent): boolean => {
    if (!task || !draft) return false;
    const match = /^(?:Digit|Numpad)([0-9])$/.exec(event.code);
    const digit = match ? Number(match[1]) : null;
    const kind = task.project.kind;
    if (kind === 'pairwise' && pairwiseKey(event, digit)) return true;
    if (kind === 'rating' && digit !== null && digit >= task.project.scaleMin && digit <= task.project.scaleMax) {
      const cell = ratingCells(task)[focused];
      update((current) => setScore(current, cell.criterion, cell.responseId, digit));
      focusRow(Math.min(rows - 1, focused + 1));
      return true;
    }
    if (kind === 'validation' && validationKey(event, digit)) return true;
    if (kind === 'ranking' && rankingKey(event)) return true;
    switch (event.code) {
      case 'ArrowUp':
      case 'ArrowLeft':
        focusRow(Math.max(0, focused - 1));
        return true;
      case 'ArrowDown':
      case 'ArrowRight':
        focusRow(Math.min(rows - 1, focused + 1));
        return true;
      default:
        return false;
    }
  };

  return { focused, focusRow, confirmOrder, handleFormKey };
}
