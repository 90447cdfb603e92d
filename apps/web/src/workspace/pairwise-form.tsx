import {
  Box,
  Chip,
  Paper,
  Stack,
  Tab,
  Tabs,
  ToggleButton,
  ToggleButtonGroup,
  Tooltip,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import { useRef, useState } from 'react';
import { useTranslate } from 'react-admin';
import type { Draft } from './drafts.js';
import { KeyHint } from './key-hint.js';
import { pairwiseCriteria } from './label-content.js';
import { MarkdownView } from './markdown-view.js';
import type { Task } from './task-api.js';
import { rowSx, type TaskFormProps } from './task-form.js';

export const CHOICES = ['a', 'b', 'tie', 'both_bad'] as const;
export const STRENGTH_KEYS = { slightly: 'Q', much: 'W' } as const;
/** Short labels for the phone's narrow criterion rows; the full wording stays in the accessible name. */
const SHORT_CHOICE: Record<(typeof CHOICES)[number], string> = { a: 'A', b: 'B', tie: '=', both_bad: '✕' };
const SHORT_STRENGTH = { slightly: '+', much: '++' } as const;

/** One answer pane, labelled A or B explicitly so the meaning never depends on screen side. */
function AnswerPane({ task, index, scroll }: { task: Task; index: number; scroll: boolean }) {
  const translate = useTranslate();
  const response = task.responses[index];
  return (
    <Paper
      variant="outlined"
      component="section"
      tabIndex={scroll ? 0 : undefined}
      aria-label={translate('clinrank.ws.answer', { label: response.label })}
      data-testid={`answer-${response.label}`}
      data-response-id={response.id}
      sx={{
        p: 2,
        borderTop: 4,
        borderTopColor: index === 0 ? 'primary.main' : 'secondary.main',
        ...(scroll ? { flex: 1, minWidth: 0, minHeight: 0, overflowY: 'auto', overscrollBehavior: 'contain' } : {}),
      }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <Chip
          color={index === 0 ? 'primary' : 'secondary'}
          label={translate('clinrank.ws.answer', { label: response.label })}
          sx={{ fontWeight: 700 }}
        />
        <Typography variant="caption" color="text.secondary">
          {translate(index === 0 ? 'clinrank.ws.shown_first' : 'clinrank.ws.shown_second')}
        </Typography>
      </Stack>
      <MarkdownView text={response.text} lang={task.language} testId="answer-text" />
    </Paper>
  );
}

/** On phones: one answer at a time, as tabs that also follow a horizontal swipe. */
function AnswerTabs({ task }: { task: Task }) {
  const translate = useTranslate();
  const [shown, setShown] = useState(0);
  const touchStart = useRef<{ x: number; y: number } | null>(null);
  return (
    <Box
      onTouchStart={(event) => (touchStart.current = { x: event.touches[0].clientX, y: event.touches[0].clientY })}
      onTouchEnd={(event) => {
        const start = touchStart.current;
        touchStart.current = null;
        if (!start) return;
        const dx = event.changedTouches[0].clientX - start.x;
        const dy = event.changedTouches[0].clientY - start.y;
        if (Math.abs(dx) < 60 || Math.abs(dx) < 2 * Math.abs(dy)) return;
        // A swipe towards the start edge shows the next answer; in right-to-left layouts the start edge is on the right.
        const forward = document.documentElement.dir === 'rtl' ? dx > 0 : dx < 0;
        setShown((index) => Math.max(0, Math.min(task.responses.length - 1, index + (forward ? 1 : -1))));
      }}
    >
      <Tabs
        value={shown}
        onChange={(_event, value: number) => setShown(value)}
        variant="fullWidth"
        sx={{
          position: 'sticky',
          top: 0,
          zIndex: 1,
          bgcolor: 'background.paper',
          borderBottom: 1,
          borderColor: 'divider',
        }}
        data-testid="answer-tabs"
      >
        {task.responses.map((response) => (
          <Tab
            key={response.id}
            label={translate('clinrank.ws.answer', { label: response.label })}
            data-testid={`answer-tab-${response.label}`}
          />
        ))}
      </Tabs>
      <AnswerPane task={task} index={shown} scroll={false} />
    </Box>
  );
}

/**
 * Both answers. On a desktop they sit side by side and each scrolls on its own inside the space the page gives it
 * (`fill`); on a phone they are tabs.
 */
export function PairwiseAnswers({ task, fill }: { task: Task; fill: boolean }) {
  const phone = useMediaQuery(useTheme().breakpoints.down('sm'), { noSsr: true });
  if (phone) return <AnswerTabs task={task} />;
  return (
    <Box
      sx={{
        display: 'flex',
        gap: 2,
        ...(fill ? { flex: 1, minHeight: 0 } : { flexDirection: { xs: 'column', md: 'row' } }),
      }}
      data-testid="answer-panes"
    >
      <AnswerPane task={task} index={0} scroll={fill} />
      <AnswerPane task={task} index={1} scroll={fill} />
    </Box>
  );
}

/** Sets the choice on a criterion; picking a/b keeps any strength, tie/both bad clears it. */
export function choose(draft: Draft, criterion: string, choice: (typeof CHOICES)[number]): Draft {
  const previous = draft.pairwise[criterion] ?? {};
  const strength = choice === 'a' || choice === 'b' ? previous.strength : undefined;
  return { ...draft, pairwise: { ...draft.pairwise, [criterion]: { choice, strength } } };
}

/** Sets (or clears, when chosen twice) the strength of an a/b choice. */
export function chooseStrength(draft: Draft, criterion: string, strength: 'slightly' | 'much'): Draft {
  const previous = draft.pairwise[criterion] ?? {};
  if (previous.choice !== 'a' && previous.choice !== 'b') return draft;
  return {
    ...draft,
    pairwise: {
      ...draft.pairwise,
      [criterion]: { ...previous, strength: previous.strength === strength ? undefined : strength },
    },
  };
}

/** One row of choices per criterion plus overall: the pairwise part of the decision bar. */
export function PairwiseCriteria({ task, draft, focused, onFocusRow, update, missing }: TaskFormProps) {
  const translate = useTranslate();
  const compact = useMediaQuery(useTheme().breakpoints.down('sm'), { noSsr: true });
  const criteria = pairwiseCriteria(task);
  return (
    <Box component="section" aria-label={translate('clinrank.ws.criterion')} data-testid="criteria">
      {criteria.map((criterion, index) => {
        const judgement = draft.pairwise[criterion] ?? {};
        const active = index === focused;
        const unanswered = Boolean(missing?.has(index)) && !judgement.choice;
        const name = translate(`clinrank.ws.criteria.${criterion}`, { _: criterion });
        return (
          <Box
            key={criterion}
            role="group"
            aria-label={name}
            aria-current={active ? 'true' : undefined}
            aria-invalid={unanswered || undefined}
            data-testid={`criterion-${criterion}`}
            data-choice={judgement.choice ?? ''}
            data-strength={judgement.strength ?? ''}
            data-missing={unanswered ? 'true' : undefined}
            onClick={() => onFocusRow(index)}
            sx={{
              display: 'flex',
              flexWrap: compact ? 'nowrap' : 'wrap',
              alignItems: 'center',
              gap: compact ? 0.5 : 1,
              px: compact ? 0.5 : 1,
              py: 0.5,
              ...rowSx(active, unanswered),
            }}
          >
            <Typography
              noWrap={compact}
              sx={{
                minWidth: compact ? 0 : 110,
                flex: compact ? '1 1 0' : undefined,
                fontWeight: criterion === 'overall' ? 700 : 500,
                fontSize: compact ? '0.85rem' : undefined,
              }}
            >
              {name}
            </Typography>
            <ToggleButtonGroup
              size="small"
              exclusive
              value={judgement.choice ?? null}
              onChange={(_event, value) => value && update((current) => choose(current, criterion, value))}
            >
              {CHOICES.map((choice, choiceIndex) => (
                <ToggleButton
                  key={choice}
                  value={choice}
                  aria-label={compact ? translate(`clinrank.ws.choice.${choice}`) : undefined}
                  aria-keyshortcuts={String(choiceIndex + 1)}
                  data-testid={`choice-${criterion}-${choice}`}
                  sx={compact ? { minWidth: 36, px: 1 } : { py: 0.25, px: 1, fontSize: '0.78rem' }}
                >
                  {compact ? (
                    SHORT_CHOICE[choice]
                  ) : (
                    <>
                      <KeyHint>{String(choiceIndex + 1)}</KeyHint>
                      {translate(`clinrank.ws.choice.${choice}`)}
                    </>
                  )}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
            <ToggleButtonGroup
              size="small"
              exclusive
              value={judgement.strength ?? null}
              aria-label={translate('clinrank.ws.strength.label')}
              disabled={judgement.choice !== 'a' && judgement.choice !== 'b'}
              onChange={(_event, value) =>
                update((current) => chooseStrength(current, criterion, value ?? judgement.strength))
              }
            >
              {(['slightly', 'much'] as const).map((strength) => (
                <ToggleButton
                  key={strength}
                  value={strength}
                  aria-label={compact ? translate(`clinrank.ws.strength.${strength}`) : undefined}
                  aria-keyshortcuts={STRENGTH_KEYS[strength]}
                  data-testid={`strength-${criterion}-${strength}`}
                  sx={compact ? { minWidth: 32, px: 0.75 } : { py: 0.25, px: 1, fontSize: '0.78rem' }}
                >
                  {compact ? (
                    <Tooltip title={translate(`clinrank.ws.strength.${strength}`)}>
                      <span>{SHORT_STRENGTH[strength]}</span>
                    </Tooltip>
                  ) : (
                    <>
                      <KeyHint>{STRENGTH_KEYS[strength]}</KeyHint>
                      {translate(`clinrank.ws.strength.${strength}`)}
                    </>
                  )}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          </Box>
        );
      })}
    </Box>
  );
}

/** The pairwise screen as one column (the adjudication editor): both answers, then the criteria. */
export function PairwiseForm(props: TaskFormProps) {
  return (
    <Stack spacing={2}>
      <PairwiseAnswers task={props.task} fill={false} />
      <Paper variant="outlined" sx={{ p: 1 }}>
        <PairwiseCriteria {...props} />
      </Paper>
    </Stack>
  );
}
