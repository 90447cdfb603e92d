import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Snackbar,
  Stack,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { useNavigate, useParams } from 'react-router-dom';
import { DecisionBar } from './decision-bar.js';
import type { Draft } from './drafts.js';
import { hideKeyHintsOnPhones, KeySuffix } from './key-hint.js';
import { FIXED_TEXT_ROW, missingAnswer, missingRows, pairwiseCriteria, RATIONALE_ROW } from './label-content.js';
import { NoTaskPanel } from './no-task-panel.js';
import { PairwiseAnswers, PairwiseCriteria } from './pairwise-form.js';
import { RankingForm } from './ranking-form.js';
import { ratingCells, RatingForm } from './rating-form.js';
import type { Task } from './task-api.js';
import type { TaskFormProps } from './task-form.js';
import { TaskQuestion } from './task-header.js';
import { TaskStatusBar } from './task-status-bar.js';
import { useHotkeys } from './use-hotkeys.js';
import { useMyProjects, nextProjectWithWork } from './use-my-projects.js';
import { useTaskKeys } from './use-task-keys.js';
import { useViewportFill } from './use-viewport-fill.js';
import { useWorkspace } from './use-workspace.js';
import { focusFixedText, ValidationContent, ValidationDecision, validationRows } from './validation-form.js';
import { GuidelinesDrawer, HelpDialog, SkipDialog } from './workspace-dialogs.js';

/** The workspace asks that a ranking be moved or confirmed before it is sent; the adjudication editor does not. */
const WORKSPACE_RULES = { requireTouchedRanking: true };

/** How long "saved", "undone" and "draft restored" stay in the status bar. */
const INLINE_NOTICE_MS = 2500;

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

/** The kind's part of the decision bar: criteria, verdict, or confirming a ranking's order. */
function DecisionRows({ formProps, onConfirmOrder }: { formProps: TaskFormProps; onConfirmOrder: () => void }) {
  const translate = useTranslate();
  switch (formProps.task.project.kind) {
    case 'pairwise':
      return <PairwiseCriteria {...formProps} />;
    case 'validation':
      return <ValidationDecision {...formProps} />;
    case 'ranking':
      return (
        <Button
          variant={formProps.draft.rankingTouched ? 'text' : 'outlined'}
          onClick={onConfirmOrder}
          disabled={formProps.draft.rankingTouched !== false}
          aria-keyshortcuts="C"
          data-testid="confirm-order"
        >
          {translate(formProps.draft.rankingTouched ? 'clinrank.ws.order_confirmed' : 'clinrank.ws.confirm_order')}
          <KeySuffix keys="C" />
        </Button>
      );
    default:
      return null;
  }
}

/**
 * The workspace of the project in the route (or of any project), started afresh on a project switch: nothing of the
 * project before (its task, draft, or a key typed while the next one loads) carries over into the one chosen.
 */
export function WorkspaceRoute() {
  const { projectId } = useParams();
  return <WorkspacePage key={projectId ?? ''} />;
}

/**
 * The annotator's labelling workspace: one task at a time, operable from the keyboard alone. It fills the viewport: the
 * answers scroll on their own and the decision bar (criteria, flags, submit) stays in view below them.
 */
export function WorkspacePage() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const { projectId } = useParams();
  const phone = useMediaQuery(useTheme().breakpoints.down('sm'), { noSsr: true });
  const ws = useWorkspace(projectId);
  const { task, draft } = ws;
  const projects = useMyProjects(projectId, `${ws.progress?.doneTotal ?? 0}:${ws.status}`);
  const [fillRef, height] = useViewportFill();
  const [dialog, setDialog] = useState<'help' | 'skip' | 'guidelines' | null>(null);
  const [incomplete, setIncomplete] = useState<string | null>(null);
  const [missing, setMissing] = useState<ReadonlySet<number>>(new Set());
  const rows = !task || !draft ? 0 : formRows(task, draft);
  const keys = useTaskKeys(ws, rows);

  useEffect(() => {
    setIncomplete(null);
    setMissing(new Set());
  }, [task?.taskId]);

  const scrollsRows = task?.project.kind === 'rating' || task?.project.kind === 'ranking';
  useEffect(() => {
    // Keep the focused row on screen: rating rows and ranked answers sit in the scrolling area (the others in the bar).
    if (scrollsRows)
      document.querySelector('[data-testid="task"] [aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [keys.focused, scrollsRows]);

  // Once everything is answered the warning has done its job.
  useEffect(() => {
    if (incomplete && task && draft && !missingAnswer(task, draft, WORKSPACE_RULES)) setIncomplete(null);
  }, [incomplete, task, draft]);

  const trySubmit = () => {
    if (!task || !draft) return;
    const problem = missingAnswer(task, draft, WORKSPACE_RULES);
    setIncomplete(problem);
    if (!problem) return void ws.submit();
    const rowsToAnswer = missingRows(task, draft, WORKSPACE_RULES);
    setMissing(new Set(rowsToAnswer));
    const first = rowsToAnswer[0];
    if (first === RATIONALE_ROW)
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="rationale"]')?.focus());
    else if (task.project.kind === 'validation' && first === FIXED_TEXT_ROW) focusFixedText();
    else if (first !== undefined) keys.focusRow(first);
  };

  const next = ws.status === 'empty' ? nextProjectWithWork(projects, projectId) : undefined;
  const goTo = (id: string) => navigate(`/work/${id}`);

  useHotkeys((event) => {
    if (event.key === '?' || (event.code === 'Slash' && event.shiftKey)) return (setDialog('help'), true);
    if (ws.status !== 'ready' || !task || !draft) {
      if (event.code === 'KeyU' && ws.canUndo) return (void ws.undo(), true);
      if ((event.code === 'Enter' || event.code === 'NumpadEnter') && projectId && next)
        return (goTo(next.project.id), true);
      return false;
    }
    if (draft.sending) return false;
    if (keys.handleFormKey(event)) return true;
    switch (event.code) {
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

  const formProps: TaskFormProps | null =
    task && draft
      ? { task, draft, focused: keys.focused, onFocusRow: keys.focusRow, update: ws.update, missing }
      : null;
  const { notice, setNotice } = ws;
  const noticeText = notice ? (notice.message ?? translate(notice.key)) : '';
  const inlineNotice = notice && notice.kind !== 'error' ? { kind: notice.kind, text: noticeText } : null;
  useEffect(() => {
    if (!notice || notice.kind === 'error') return;
    const timer = setTimeout(() => setNotice(null), INLINE_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, setNotice]);
  const kind = task?.project.kind;
  // Pairwise answers scroll inside their own panes on a desktop; everything else scrolls in one area above the bar.
  const ownPanes = kind === 'pairwise' && !phone;

  return (
    <Box
      ref={fillRef}
      sx={{
        height,
        display: 'flex',
        flexDirection: 'column',
        maxWidth: 1600,
        mx: 'auto',
        px: { xs: 0.5, sm: 2 },
        overflow: 'hidden',
        ...hideKeyHintsOnPhones,
      }}
      data-testid="workspace"
      data-project={projectId ?? ''}
      data-task={task?.taskId ?? ''}
      data-status={ws.status}
    >
      {/* Phones get the menu's one-word name, which fits beside the app bar's buttons. */}
      <Title title={translate(phone ? 'clinrank.menu.work' : 'clinrank.ws.title')} />
      <TaskStatusBar
        projectId={projectId}
        projects={projects}
        projectName={task?.project.name}
        guidelineVersion={task?.project.guidelineVersion}
        progress={ws.progress}
        notice={inlineNotice}
        elapsedMs={ws.elapsedMs}
        taskKey={task?.taskId ?? ''}
        onGuidelines={() => setDialog('guidelines')}
        onHelp={() => setDialog('help')}
      />
      {ws.retrying && (
        <Alert severity="warning" role="status" sx={{ mb: 1, flex: 'none' }} data-testid="retrying">
          {translate('clinrank.ws.retrying')}
        </Alert>
      )}
      {ws.status === 'loading' && (
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', p: 4 }}>
          <CircularProgress size={24} />
          <Typography>{translate('clinrank.ws.loading')}</Typography>
        </Stack>
      )}
      {ws.status === 'empty' && (
        <NoTaskPanel
          projectId={projectId}
          projects={projects}
          canUndo={ws.canUndo}
          onUndo={() => void ws.undo()}
          onGo={goTo}
        />
      )}
      {ws.status === 'error' && <Alert severity="error">{noticeText}</Alert>}
      {ws.status === 'ready' && formProps && task && draft && (
        // Keyed by task: a fresh subtree per task measured faster on Enter → next task than updating a kept decision bar.
        <Box
          key={task.taskId}
          sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
          data-testid="task"
          data-kind={task.project.kind}
          data-language={task.language}
        >
          <Box
            sx={{
              flex: 1,
              minHeight: 0,
              display: 'flex',
              flexDirection: 'column',
              gap: 1.5,
              pb: 1.5,
              overflowY: ownPanes ? 'hidden' : 'auto',
              overscrollBehavior: 'contain',
            }}
            data-testid="task-content"
          >
            <TaskQuestion
              task={task}
              sx={ownPanes ? { flex: 'none', maxHeight: '22dvh', overflowY: 'auto' } : { flex: 'none' }}
            />
            {kind === 'pairwise' && <PairwiseAnswers task={task} fill={ownPanes} />}
            {kind === 'ranking' && <RankingForm {...formProps} />}
            {kind === 'rating' && <RatingForm {...formProps} />}
            {kind === 'validation' && <ValidationContent {...formProps} />}
          </Box>
          <DecisionBar
            task={task}
            draft={draft}
            update={ws.update}
            rows={<DecisionRows formProps={formProps} onConfirmOrder={keys.confirmOrder} />}
            incomplete={incomplete}
            rationaleMissing={missing.has(RATIONALE_ROW) && !draft.rationale.trim()}
            canUndo={ws.canUndo}
            onUndo={() => void ws.undo()}
            onSkip={() => setDialog('skip')}
            onSubmit={trySubmit}
          />
        </Box>
      )}
      <HelpDialog open={dialog === 'help'} onClose={() => setDialog(null)} kind={kind} />
      <SkipDialog
        open={dialog === 'skip'}
        onClose={() => setDialog(null)}
        onSkip={(reason) => (setDialog(null), void ws.skip(reason))}
      />
      {task && (
        <GuidelinesDrawer
          open={dialog === 'guidelines'}
          onClose={() => setDialog(null)}
          projectId={task.project.id}
          version={task.project.guidelineVersion}
        />
      )}
      {/* Errors only (saved, undone and restored are said in the status bar). Below the app bar (56 px on phones, 64 px
          from sm up), not under it. */}
      <Snackbar
        anchorOrigin={{ vertical: 'top', horizontal: 'center' }}
        sx={{ top: { xs: '64px !important', sm: '72px !important' } }}
        open={notice?.kind === 'error' && ws.status !== 'error'}
        autoHideDuration={8000}
        onClose={() => setNotice(null)}
        message={noticeText}
        ContentProps={{ 'data-testid': 'error-toast' } as object}
      />
    </Box>
  );
}
