import { Box, Chip, Grid, Paper, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { Draft } from './drafts.js';
import { pairwiseCriteria } from './label-content.js';
import { MarkdownView } from './markdown-view.js';
import type { Task } from './task-api.js';
import type { TaskFormProps } from './task-form.js';

export const CHOICES = ['a', 'b', 'tie', 'both_bad'] as const;
export const STRENGTH_KEYS = { slightly: 'Q', much: 'W' } as const;

/** One answer pane, labelled A or B explicitly so the meaning never depends on screen side. */
function AnswerPane({ task, index }: { task: Task; index: number }) {
  const translate = useTranslate();
  const response = task.responses[index];
  return (
    <Paper variant="outlined" component="section" aria-label={translate('clinrank.ws.answer', { label: response.label })} data-testid={`answer-${response.label}`} data-response-id={response.id} sx={{ p: 2, height: '100%', borderTop: 4, borderTopColor: index === 0 ? 'primary.main' : 'secondary.main' }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <Chip color={index === 0 ? 'primary' : 'secondary'} label={translate('clinrank.ws.answer', { label: response.label })} sx={{ fontWeight: 700 }} />
        <Typography variant="caption" color="text.secondary">{translate(index === 0 ? 'clinrank.ws.shown_first' : 'clinrank.ws.shown_second')}</Typography>
      </Stack>
      <MarkdownView text={response.text} lang={task.language} testId="answer-text" />
    </Paper>
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
  return { ...draft, pairwise: { ...draft.pairwise, [criterion]: { ...previous, strength: previous.strength === strength ? undefined : strength } } };
}

/** The pairwise screen: both answers, then one row of choices per criterion plus overall. */
export function PairwiseForm({ task, draft, focused, onFocusRow, update }: TaskFormProps) {
  const translate = useTranslate();
  const criteria = pairwiseCriteria(task);
  return (
    <Stack spacing={2}>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}><AnswerPane task={task} index={0} /></Grid>
        <Grid size={{ xs: 12, md: 6 }}><AnswerPane task={task} index={1} /></Grid>
      </Grid>
      <Paper variant="outlined" component="section" aria-label={translate('clinrank.ws.criterion')} sx={{ p: 1 }}>
        {criteria.map((criterion, index) => {
          const judgement = draft.pairwise[criterion] ?? {};
          const active = index === focused;
          return (
            <Box
              key={criterion}
              role="group"
              aria-label={translate(`clinrank.ws.criteria.${criterion}`, { _: criterion })}
              aria-current={active ? 'true' : undefined}
              data-testid={`criterion-${criterion}`}
              data-choice={judgement.choice ?? ''}
              onClick={() => onFocusRow(index)}
              sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, p: 1, borderRadius: 1, outline: active ? '2px solid' : 'none', outlineColor: 'primary.main', bgcolor: active ? 'action.hover' : undefined }}
            >
              <Typography sx={{ minWidth: 140, fontWeight: criterion === 'overall' ? 700 : 500 }}>{translate(`clinrank.ws.criteria.${criterion}`, { _: criterion })}</Typography>
              <ToggleButtonGroup size="small" exclusive value={judgement.choice ?? null} onChange={(_event, value) => value && update((current) => choose(current, criterion, value))}>
                {CHOICES.map((choice, choiceIndex) => (
                  <ToggleButton key={choice} value={choice} aria-keyshortcuts={String(choiceIndex + 1)} data-testid={`choice-${criterion}-${choice}`}>
                    <Box component="kbd" sx={{ mr: 0.75, px: 0.5, border: 1, borderRadius: 0.5, fontSize: '0.7rem', opacity: 0.8 }}>{choiceIndex + 1}</Box>
                    {translate(`clinrank.ws.choice.${choice}`)}
                  </ToggleButton>
                ))}
              </ToggleButtonGroup>
              <ToggleButtonGroup size="small" exclusive value={judgement.strength ?? null} aria-label={translate('clinrank.ws.strength.label')} disabled={judgement.choice !== 'a' && judgement.choice !== 'b'} onChange={(_event, value) => update((current) => chooseStrength(current, criterion, value ?? judgement.strength))}>
                {(['slightly', 'much'] as const).map((strength) => (
                  <ToggleButton key={strength} value={strength} aria-keyshortcuts={STRENGTH_KEYS[strength]}>
                    <Box component="kbd" sx={{ mr: 0.75, px: 0.5, border: 1, borderRadius: 0.5, fontSize: '0.7rem', opacity: 0.8 }}>{STRENGTH_KEYS[strength]}</Box>
                    {translate(`clinrank.ws.strength.${strength}`)}
                  </ToggleButton>
                ))}
              </ToggleButtonGroup>
            </Box>
          );
        })}
      </Paper>
    </Stack>
  );
}
