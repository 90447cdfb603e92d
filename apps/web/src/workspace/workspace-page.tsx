import { Alert, Box, Button, CircularProgress, Snackbar, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { missingAnswer, pairwiseCriteria } from './label-content.js';
import { CHOICES, PairwiseForm, STRENGTH_KEYS, choose, chooseStrength } from './pairwise-form.js';
import { RankingForm } from './ranking-form.js';
import { flatOrder, moveStep, toggleTie } from './ranking-model.js';
import { RatingForm, ratingCells, setScore } from './rating-form.js';
import type { Draft } from './drafts.js';
import { LabelExtras } from './label-extras.js';
import type { Task } from './task-api.js';
import { TaskQuestion } from './task-header.js';
import { TaskStatusBar } from './task-status-bar.js';
import { useHotkeys } from './use-hotkeys.js';
import { useWorkspace } from './use-workspace.js';
import { chooseVerdict, focusFixedText, toggleReason, VALIDATION_REASONS, ValidationForm, validationRows, VERDICTS } from './validation-form.js';
import { GuidelinesDrawer, HelpDialog, SkipDialog } from './workspace-dialogs.js';

/** How many rows the arrow keys move between on this task's form. */
function formRows(task: Task, draft: Draft): number {
  switch (task.project.kind) {
    case 'pairwise':
      return pairwiseCriteria(task).length;
    case 'rating':
      return ratingCells(task).length;
    case 'validation':
      return validationRows(draft);
    default:
      return task.responses.length;
  }
}

/** The annotator's labelling workspace: one task at a time, operable from the keyboard alone. */
export function WorkspacePage() {
  const translate = useTranslate();
  const { projectId } = useParams();
  const ws = useWorkspace(projectId);
  const { task, draft } = ws;
  const [focused, setFocused] = useState(0);
  const [dialog, setDialog] = useState<'help' | 'skip' | 'guidelines' | null>(null);
  const [incomplete, setIncomplete] = useState<string | null>(null);

  useEffect(() => {
    // Start on the first unanswered criterion, so a restored draft picks up where the clinician left off.
    const firstOpen = task && draft && task.project.kind === 'pairwise' ? pairwiseCriteria(task).findIndex((criterion) => !draft.pairwise[criterion]?.choice) : 0;
    setFocused(Math.max(0, firstOpen ?? 0));
    setIncomplete(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [task?.assignmentId]);

  const rows = !task || !draft ? 0 : formRows(task, draft);
  useEffect(() => {
    // A row can disappear (e.g. the reasons row when a rejection becomes an acceptance): keep the focus on the form.
    if (rows > 0 && focused >= rows) setFocused(rows - 1);
  }, [rows, focused]);

  const trySubmit = () => {
    if (!task || !draft) return;
    const missing = missingAnswer(task, draft);
    setIncomplete(missing);
    if (missing) return;
    void ws.submit();
  };

  /** 1–3 pick the verdict on the first row; on the reasons row 1–8 toggle a reason; E edits the corrected text. */
  const handleValidationKey = (event: KeyboardEvent, digit: number | null): boolean => {
    if (!task) return false;
    if (event.code === 'KeyE' && draft?.validation.verdict === 'fix') return focusFixedText(), true;
    if (digit === null) return false;
    if (focused === 0 && digit >= 1 && digit <= VERDICTS.length) {
      const verdict = VERDICTS[digit - 1];
      ws.update((current) => chooseVerdict(current, verdict, task.responses[0].text));
      if (verdict === 'reject') setFocused(1);
      if (verdict === 'fix') focusFixedText();
      return true;
    }
    if (focused === 1 && digit >= 1 && digit <= VALIDATION_REASONS.length) return ws.update((current) => toggleReason(current, VALIDATION_REASONS[digit - 1])), true;
    return false;
  };

  const handleFormKey = (event: KeyboardEvent): boolean => {
    if (!task || !draft) return false;
    const digit = /^(?:Digit|Numpad)([0-9])$/.exec(event.code);
    if (task.project.kind === 'pairwise') {
      const criterion = pairwiseCriteria(task)[focused];
      if (digit && Number(digit[1]) >= 1 && Number(digit[1]) <= 4) {
        ws.update((current) => choose(current, criterion, CHOICES[Number(digit[1]) - 1]));
        // Move on to the next unanswered criterion, so 1-4 four times answers the whole task.
        setFocused((index) => Math.min(rows - 1, index + 1));
        return true;
      }
      if (event.code === `Key${STRENGTH_KEYS.slightly}`) return ws.update((current) => chooseStrength(current, criterion, 'slightly')), true;
      if (event.code === `Key${STRENGTH_KEYS.much}`) return ws.update((current) => chooseStrength(current, criterion, 'much')), true;
    }
    if (task.project.kind === 'rating' && digit) {
      const cell = ratingCells(task)[focused];
      const score = Number(digit[1]);
      if (score >= task.project.scaleMin && score <= task.project.scaleMax) {
        ws.update((current) => setScore(current, cell.criterion, cell.responseId, score));
        setFocused((index) => Math.min(rows - 1, index + 1));
        return true;
      }
    }
    if (task.project.kind === 'validation') return handleValidationKey(event, digit ? Number(digit[1]) : null);
    if (task.project.kind === 'ranking') {
      const id = flatOrder(draft.ranking)[focused];
      if (event.altKey && (event.code === 'ArrowUp' || event.code === 'ArrowDown')) {
        const direction = event.code === 'ArrowUp' ? -1 : 1;
        ws.update((current) => ({ ...current, ranking: moveStep(current.ranking, id, direction) }));
        setFocused((index) => Math.max(0, Math.min(rows - 1, index + direction)));
        return true;
      }
      if (event.code === 'KeyT' && task.project.allowTies) return ws.update((current) => ({ ...current, ranking: toggleTie(current.ranking, id) })), true;
    }
    return false;
  };

  useHotkeys((event) => {
    if (event.key === '?' || (event.code === 'Slash' && event.shiftKey)) return setDialog('help'), true;
    if (ws.status !== 'ready' || !task || !draft) {
      if (event.code === 'KeyU' && ws.canUndo) return void ws.undo(), true;
      return false;
    }
    if (draft.sending) return false;
    if (handleFormKey(event)) return true;
    switch (event.code) {
      case 'ArrowUp':
      case 'ArrowLeft':
        setFocused((index) => Math.max(0, index - 1));
        return true;
      case 'ArrowDown':
      case 'ArrowRight':
        setFocused((index) => Math.min(rows - 1, index + 1));
        return true;
      case 'Enter':
      case 'NumpadEnter':
        trySubmit();
        return true;
      case 'KeyS':
        setDialog('skip');
        return true;
      case 'KeyU':
        if (ws.canUndo) void ws.undo();
        return true;
      case 'KeyG':
        setDialog('guidelines');
        return true;
      default:
        return false;
    }
  }, dialog === null);

  const formProps = task && draft ? { task, draft, focused, onFocusRow: setFocused, update: ws.update } : null;
  const noticeText = ws.notice ? (ws.notice.message ?? translate(ws.notice.key)) : '';

  return (
    <Box sx={{ maxWidth: 1400, mx: 'auto', px: { xs: 1, sm: 2 }, pb: 4 }} data-testid="workspace" data-assignment={task?.assignmentId ?? ''} data-status={ws.status}>
      <Title title={translate('clinrank.ws.title')} />
      <TaskStatusBar projectId={projectId} projectName={task?.project.name} guidelineVersion={task?.project.guidelineVersion} progress={ws.progress} elapsedMs={ws.elapsedMs} taskKey={task?.assignmentId ?? ''} onGuidelines={() => setDialog('guidelines')} onHelp={() => setDialog('help')} />
      {ws.retrying && <Alert severity="warning" role="status" sx={{ mb: 1 }} data-testid="retrying">{translate('clinrank.ws.retrying')}</Alert>}
      {ws.status === 'loading' && (
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', p: 4 }}><CircularProgress size={24} /><Typography>{translate('clinrank.ws.loading')}</Typography></Stack>
      )}
      {ws.status === 'empty' && (
        <Alert severity="success" data-testid="no-task" action={ws.canUndo ? <Button onClick={() => void ws.undo()}>{translate('clinrank.ws.undo')} (U)</Button> : undefined}>{translate('clinrank.ws.empty')}</Alert>
      )}
      {ws.status === 'error' && <Alert severity="error">{noticeText}</Alert>}
      {ws.status === 'ready' && formProps && task && draft && (
        <Stack spacing={2} key={task.assignmentId} data-testid="task" data-kind={task.project.kind} data-language={task.language}>
          <TaskQuestion task={task} />
          {task.project.kind === 'pairwise' && <PairwiseForm {...formProps} />}
          {task.project.kind === 'ranking' && <RankingForm {...formProps} />}
          {task.project.kind === 'rating' && <RatingForm {...formProps} />}
          {task.project.kind === 'validation' && <ValidationForm {...formProps} />}
          <LabelExtras draft={draft} update={ws.update} requireRationale={task.project.requireRationale} allowRewrite={task.project.kind !== 'rating' && task.project.kind !== 'validation'} />
          {incomplete && <Alert severity="warning" role="alert" data-testid="incomplete">{translate(incomplete)}</Alert>}
          <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
            <Button onClick={() => void ws.undo()} disabled={!ws.canUndo} aria-keyshortcuts="U">{translate('clinrank.ws.undo')} (U)</Button>
            <Button variant="outlined" onClick={() => setDialog('skip')} aria-keyshortcuts="S">{translate('clinrank.ws.skip')} (S)</Button>
            <Button variant="contained" onClick={trySubmit} disabled={draft.sending} aria-keyshortcuts="Enter" data-testid="submit">
              {draft.sending ? <CircularProgress size={18} sx={{ mx: 1 }} color="inherit" /> : null}
              {translate('clinrank.ws.submit')} (Enter)
            </Button>
          </Stack>
        </Stack>
      )}
      <HelpDialog open={dialog === 'help'} onClose={() => setDialog(null)} />
      <SkipDialog open={dialog === 'skip'} onClose={() => setDialog(null)} onSkip={(reason) => (setDialog(null), void ws.skip(reason))} />
      {task && <GuidelinesDrawer open={dialog === 'guidelines'} onClose={() => setDialog(null)} projectId={task.project.id} version={task.project.guidelineVersion} />}
      <Snackbar anchorOrigin={{ vertical: 'top', horizontal: 'center' }} open={ws.notice !== null && ws.status !== 'error'} autoHideDuration={ws.notice?.kind === 'error' ? 8000 : 2500} onClose={() => ws.setNotice(null)} message={noticeText} />
    </Box>
  );
}
