import { Box, Button, Chip, Fade, Stack, Tooltip, Typography } from '@mui/material';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutline';
import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import KeyboardIcon from '@mui/icons-material/Keyboard';
import TimerOutlinedIcon from '@mui/icons-material/TimerOutlined';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { ProjectPicker } from './project-picker.js';
import { KeySuffix } from './key-hint.js';
import type { MyProject, Progress } from './task-api.js';

function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A once-a-second timer of the time spent on the current task. */
function Timer({ elapsedMs, taskKey }: { elapsedMs: () => number; taskKey: string }) {
  const translate = useTranslate();
  const [, tick] = useState(0);
  useEffect(() => {
    const interval = setInterval(() => tick((value) => value + 1), 1000);
    return () => clearInterval(interval);
  }, [taskKey]);
  return (
    <Typography
      variant="body2"
      role="timer"
      aria-label={translate('clinrank.ws.timer')}
      title={translate('clinrank.ws.timer')}
      data-testid="timer"
      sx={{ display: 'flex', alignItems: 'center', gap: 0.5, fontVariantNumeric: 'tabular-nums' }}
    >
      <TimerOutlinedIcon fontSize="small" aria-hidden /> {formatDuration(elapsedMs())}
    </Typography>
  );
}

/** A notice that is not an error: "saved", "undone", "draft restored". */
export interface StatusNotice {
  kind: 'success' | 'info';
  text: string;
}

/**
 * Says "saved" (and the like) just below the "done today" count it changed, never over the counts as a toast did. It
 * floats (the row keeps its layout, so the task below never moves) and lets clicks through; errors keep their toast.
 */
function NoticePill({ notice }: { notice: StatusNotice | null }) {
  return (
    <Box
      role="status"
      aria-live="polite"
      sx={{ position: 'absolute', top: 'calc(100% + 6px)', insetInlineStart: 0, zIndex: 2, pointerEvents: 'none' }}
    >
      {notice && (
        <Fade in appear>
          <Typography
            variant="body2"
            data-testid="toast"
            data-kind={notice.kind}
            noWrap
            sx={{
              display: 'flex',
              alignItems: 'center',
              gap: 0.5,
              px: 1,
              py: 0.25,
              borderRadius: 4,
              border: 1,
              boxShadow: 2,
              bgcolor: 'background.paper',
              borderColor: notice.kind === 'success' ? 'success.main' : 'divider',
              color: notice.kind === 'success' ? 'success.dark' : 'text.primary',
            }}
          >
            {notice.kind === 'success' ? (
              <CheckCircleOutlineIcon fontSize="small" aria-hidden />
            ) : (
              <InfoOutlinedIcon fontSize="small" aria-hidden />
            )}
            {notice.text}
          </Typography>
        </Fade>
      )}
    </Box>
  );
}

/** Project picker, progress (done today; left for this clinician, the project's total in a tooltip), the timer, guidelines and help. */
export function TaskStatusBar(props: {
  projectId?: string;
  projects: MyProject[] | null;
  projectName?: string;
  guidelineVersion?: number;
  progress: Progress | null;
  notice: StatusNotice | null;
  elapsedMs: () => number;
  taskKey: string;
  onGuidelines: () => void;
  onHelp: () => void;
}) {
  const translate = useTranslate();
  const { progress } = props;
  return (
    <Stack
      direction="row"
      spacing={{ xs: 1, sm: 2 }}
      useFlexGap
      sx={{ alignItems: 'center', flexWrap: 'wrap', py: 1, flex: 'none' }}
    >
      {/* The picker shows the project's name; the heading is there for screen readers. */}
      <Typography
        variant="h6"
        component="h1"
        sx={{
          position: 'absolute',
          width: '1px',
          height: '1px',
          overflow: 'hidden',
          clip: 'rect(0 0 0 0)',
          whiteSpace: 'nowrap',
        }}
      >
        {props.projectName ?? translate('clinrank.ws.title')}
      </Typography>
      <ProjectPicker projectId={props.projectId} projects={props.projects} />
      <Box sx={{ position: 'relative' }}>
        <Chip
          data-testid="done-today"
          label={`${translate('clinrank.ws.done_today')}: ${progress?.doneToday ?? '–'}`}
        />
        <NoticePill notice={props.notice} />
      </Box>
      <Tooltip title={progress ? translate('clinrank.ws.remaining_total', { total: progress.projectRemaining }) : ''}>
        <Chip
          data-testid="remaining"
          data-project-remaining={progress?.projectRemaining ?? ''}
          variant="outlined"
          label={`${translate('clinrank.ws.remaining')}: ${progress?.remaining ?? '–'}`}
        />
      </Tooltip>
      {props.taskKey && <Timer elapsedMs={props.elapsedMs} taskKey={props.taskKey} />}
      <Box sx={{ marginInlineStart: 'auto' }}>
        {props.guidelineVersion !== undefined && (
          <Button size="small" startIcon={<MenuBookIcon />} onClick={props.onGuidelines} aria-keyshortcuts="G">
            {translate('clinrank.ws.guidelines_version', { version: props.guidelineVersion })}
            <KeySuffix keys="G" />
          </Button>
        )}
        {/* No keyboard on a phone: no shortcuts to list. */}
        <Button
          size="small"
          startIcon={<KeyboardIcon />}
          onClick={props.onHelp}
          aria-keyshortcuts="?"
          sx={{ display: { xs: 'none', sm: 'inline-flex' } }}
        >
          {translate('clinrank.ws.help')}
          <KeySuffix keys="?" />
        </Button>
      </Box>
    </Stack>
  );
}
