import { Alert, Badge, Box, Button, CircularProgress, Collapse, Paper, useMediaQuery, useTheme } from '@mui/material';
import TuneIcon from '@mui/icons-material/Tune';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import type { Draft } from './drafts.js';
import { KeySuffix } from './key-hint.js';
import { LabelExtras } from './label-extras.js';
import type { Task } from './task-api.js';

export interface DecisionBarProps {
  task: Task;
  draft: Draft;
  update: (change: (draft: Draft) => Draft) => void;
  /** The task kind's own rows (criteria, verdict…) or actions (confirm the order). */
  rows: ReactNode;
  /** Why the last Enter was refused (a translation key), shown next to the submit button. */
  incomplete: string | null;
  rationaleMissing: boolean;
  canUndo: boolean;
  onUndo: () => void;
  onSkip: () => void;
  onSubmit: () => void;
}

/**
 * Everything needed to decide, always in view below the answers: the kind's rows, flags and rationale, and the buttons
 * with the reason a submit was refused right beside them. On phones flags and rationale fold away behind one button.
 */
export function DecisionBar(props: DecisionBarProps) {
  const translate = useTranslate();
  const phone = useMediaQuery(useTheme().breakpoints.down('sm'), { noSsr: true });
  const { task, draft } = props;
  const [extrasOpen, setExtrasOpen] = useState(false);
  useEffect(() => {
    if (props.rationaleMissing) setExtrasOpen(true);
  }, [props.rationaleMissing]);
  const extras = (
    <LabelExtras
      draft={draft}
      update={props.update}
      requireRationale={task.project.requireRationale}
      allowRewrite={task.project.kind !== 'rating' && task.project.kind !== 'validation'}
      rationaleMissing={props.rationaleMissing}
    />
  );
  const marked = draft.flags.length + (draft.rationale.trim() ? 1 : 0);
  return (
    <Paper
      component="section"
      elevation={phone ? 8 : 2}
      square={phone}
      aria-label={translate('clinrank.ws.decision')}
      data-testid="decision-bar"
      sx={{
        flex: 'none',
        p: phone ? 0.75 : 1.25,
        borderTop: 1,
        borderColor: 'divider',
        maxHeight: phone ? '62dvh' : '55dvh',
        overflowY: 'auto',
      }}
    >
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: phone ? 0.5 : 2, alignItems: 'flex-start' }}>
        <Box sx={{ flex: '1 1 640px', minWidth: 0 }}>{props.rows}</Box>
        {!phone && <Box sx={{ flex: '1 1 280px', minWidth: 0, maxWidth: 560 }}>{extras}</Box>}
      </Box>
      {phone && (
        <Collapse in={extrasOpen} unmountOnExit>
          <Box sx={{ pt: 1 }}>{extras}</Box>
        </Collapse>
      )}
      <Box
        sx={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          justifyContent: 'flex-end',
          gap: 1,
          mt: phone ? 0.5 : 1,
        }}
      >
        {props.incomplete && (
          <Alert
            severity="warning"
            role="alert"
            data-testid="incomplete"
            sx={{ py: 0, flex: phone ? '1 1 100%' : '0 1 auto', marginInlineEnd: 'auto' }}
          >
            {translate(props.incomplete)}
          </Alert>
        )}
        {phone && (
          <Button
            size="small"
            onClick={() => setExtrasOpen((open) => !open)}
            aria-expanded={extrasOpen}
            data-testid="extras-toggle"
            startIcon={
              <Badge badgeContent={marked} color="warning">
                <TuneIcon fontSize="small" />
              </Badge>
            }
            sx={{ marginInlineEnd: 'auto' }}
          >
            {translate('clinrank.ws.flags_and_rationale')}
          </Button>
        )}
        {props.canUndo && (
          <Button size={phone ? 'small' : 'medium'} onClick={props.onUndo} aria-keyshortcuts="U">
            {translate('clinrank.ws.undo')}
            <KeySuffix keys="U" />
          </Button>
        )}
        <Button size={phone ? 'small' : 'medium'} variant="outlined" onClick={props.onSkip} aria-keyshortcuts="S">
          {translate('clinrank.ws.skip')}
          <KeySuffix keys="S" />
        </Button>
        <Button
          size={phone ? 'small' : 'medium'}
          variant="contained"
          onClick={props.onSubmit}
          disabled={draft.sending}
          aria-keyshortcuts="Enter"
          data-testid="submit"
        >
          {draft.sending ? <CircularProgress size={18} sx={{ mx: 1 }} color="inherit" /> : null}
          {translate('clinrank.ws.submit')}
          <KeySuffix keys="Enter" />
        </Button>
      </Box>
    </Paper>
  );
}
