import { Box, Chip, Paper, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { Draft } from './drafts.js';
import { MarkdownView } from './markdown-view.js';
import type { Task } from './task-api.js';
import { rowSx, type TaskFormProps } from './task-form.js';

/** Each (answer, criterion) cell of the rating screen, in keyboard order. */
export function ratingCells(task: Task): { responseId: string; criterion: string }[] {
  return task.responses.flatMap((response) =>
    task.project.criteria.map((criterion) => ({ responseId: response.id, criterion })),
  );
}

/** Sets one Likert score. */
export function setScore(draft: Draft, criterion: string, responseId: string, score: number): Draft {
  return { ...draft, scores: { ...draft.scores, [criterion]: { ...draft.scores[criterion], [responseId]: score } } };
}

/** The rating screen: a Likert scale per criterion for every answer. */
export function RatingForm({ task, draft, focused, onFocusRow, update, missing }: TaskFormProps) {
  const translate = useTranslate();
  const { scaleMin, scaleMax } = task.project;
  const points = Array.from({ length: scaleMax - scaleMin + 1 }, (_, index) => scaleMin + index);
  const cells = ratingCells(task);
  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="text.secondary">
        {translate('clinrank.ws.rating_hint', { min: scaleMin, max: scaleMax })}
      </Typography>
      {task.responses.map((response) => (
        <Paper
          key={response.id}
          variant="outlined"
          component="section"
          aria-label={translate('clinrank.ws.answer', { label: response.label })}
          sx={{ p: 2 }}
        >
          <Chip
            color="primary"
            label={translate('clinrank.ws.answer', { label: response.label })}
            sx={{ fontWeight: 700 }}
          />
          <MarkdownView text={response.text} lang={task.language} testId="answer-text" />
          {task.project.criteria.map((criterion) => {
            const index = cells.findIndex((cell) => cell.responseId === response.id && cell.criterion === criterion);
            const active = index === focused;
            const unanswered =
              Boolean(missing?.has(index)) && typeof draft.scores[criterion]?.[response.id] !== 'number';
            return (
              <Box
                key={criterion}
                role="group"
                aria-label={translate(`clinrank.ws.criteria.${criterion}`, { _: criterion })}
                aria-current={active ? 'true' : undefined}
                aria-invalid={unanswered || undefined}
                data-missing={unanswered ? 'true' : undefined}
                onClick={() => onFocusRow(index)}
                sx={{ display: 'flex', alignItems: 'center', gap: 1, p: 0.5, ...rowSx(active, unanswered) }}
              >
                <Typography sx={{ minWidth: 140 }}>
                  {translate(`clinrank.ws.criteria.${criterion}`, { _: criterion })}
                </Typography>
                <ToggleButtonGroup
                  size="small"
                  exclusive
                  value={draft.scores[criterion]?.[response.id] ?? null}
                  onChange={(_event, value) =>
                    value !== null && update((current) => setScore(current, criterion, response.id, value))
                  }
                >
                  {points.map((point) => (
                    <ToggleButton key={point} value={point} aria-keyshortcuts={String(point)} sx={{ minWidth: 40 }}>
                      {point}
                    </ToggleButton>
                  ))}
                </ToggleButtonGroup>
              </Box>
            );
          })}
        </Paper>
      ))}
    </Stack>
  );
}
