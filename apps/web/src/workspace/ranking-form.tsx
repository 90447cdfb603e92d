import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DragIndicatorIcon from '@mui/icons-material/DragIndicator';
import { Box, Button, Chip, IconButton, Paper, Stack, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { KeySuffix } from './key-hint.js';
import { MarkdownView } from './markdown-view.js';
import { flatOrder, isTiedWithAbove, moveOnto, moveStep, toggleTie } from './ranking-model.js';
import type { TaskFormProps } from './task-form.js';

/** The rank shown next to each answer: tied answers share a rank. */
function ranks(groups: string[][]): Map<string, number> {
  const result = new Map<string, number>();
  let rank = 1;
  for (const group of groups) {
    for (const id of group) result.set(id, rank);
    rank += group.length;
  }
  return result;
}

/** The ranking screen: answers best first, reordered by drag and drop or by keyboard, with ties where allowed. */
export function RankingForm({ task, draft, focused, onFocusRow, update, missing }: TaskFormProps) {
  const translate = useTranslate();
  const [dragged, setDragged] = useState<string | null>(null);
  const order = flatOrder(draft.ranking);
  const rankOf = ranks(draft.ranking);
  const byId = new Map(task.responses.map((response) => [response.id, response]));
  const setGroups = (change: (groups: string[][]) => string[][]) =>
    update((current) => ({ ...current, ranking: change(current.ranking), rankingTouched: true }));
  return (
    <Stack spacing={1} component="ol" aria-label={translate('clinrank.ws.rank')} sx={{ listStyle: 'none', p: 0, m: 0 }}>
      <Typography variant="body2" color="text.secondary">
        {translate('clinrank.ws.ranking_hint')}
      </Typography>
      {order.map((id, index) => {
        const response = byId.get(id)!;
        const tied = isTiedWithAbove(draft.ranking, id);
        const active = index === focused;
        const untouched = Boolean(missing?.has(index)) && draft.rankingTouched === false;
        return (
          <Paper
            key={id}
            component="li"
            variant="outlined"
            draggable
            aria-label={`${translate('clinrank.ws.rank')} ${rankOf.get(id)}: ${translate('clinrank.ws.answer', { label: response.label })}`}
            aria-current={active ? 'true' : undefined}
            data-testid={`rank-item-${response.label}`}
            data-response-id={id}
            data-rank={rankOf.get(id)}
            data-missing={untouched ? 'true' : undefined}
            onClick={() => onFocusRow(index)}
            onDragStart={(event) => {
              setDragged(id);
              event.dataTransfer.effectAllowed = 'move';
              event.dataTransfer.setData('text/plain', id);
            }}
            onDragOver={(event) => event.preventDefault()}
            onDrop={(event) => {
              event.preventDefault();
              const source = dragged ?? event.dataTransfer.getData('text/plain');
              if (source) setGroups((groups) => moveOnto(groups, source, id));
              setDragged(null);
              onFocusRow(index);
            }}
            onDragEnd={() => setDragged(null)}
            sx={{
              display: 'flex',
              gap: 1,
              p: 1.5,
              alignItems: 'flex-start',
              outline: active || untouched ? '2px solid' : 'none',
              outlineColor: untouched ? 'error.main' : 'primary.main',
              opacity: dragged === id ? 0.5 : 1,
              marginTop: tied ? '-4px !important' : undefined,
              borderTopStyle: tied ? 'dashed' : 'solid',
            }}
          >
            <DragIndicatorIcon sx={{ cursor: 'grab', color: 'text.disabled', mt: 0.5 }} aria-hidden />
            <Stack sx={{ alignItems: 'center', minWidth: 56 }}>
              <Typography variant="h6" component="span">
                {rankOf.get(id)}
              </Typography>
              {tied && <Chip size="small" label={translate('clinrank.ws.tied')} />}
            </Stack>
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Chip
                size="small"
                color="primary"
                label={translate('clinrank.ws.answer', { label: response.label })}
                sx={{ fontWeight: 700 }}
              />
              <MarkdownView text={response.text} lang={task.language} testId="answer-text" />
            </Box>
            <Stack spacing={0.5} sx={{ alignItems: 'flex-end', minWidth: 120 }}>
              <Tooltip title={`${translate('clinrank.ws.move_up')} (Alt+↑)`}>
                <span>
                  <IconButton
                    size="small"
                    aria-label={translate('clinrank.ws.move_up')}
                    aria-keyshortcuts="Alt+ArrowUp"
                    disabled={index === 0 && !tied}
                    onClick={() => setGroups((groups) => moveStep(groups, id, -1))}
                  >
                    <ArrowUpwardIcon fontSize="small" />
                  </IconButton>
                </span>
              </Tooltip>
              <Tooltip title={`${translate('clinrank.ws.move_down')} (Alt+↓)`}>
                <span>
                  <IconButton
                    size="small"
                    aria-label={translate('clinrank.ws.move_down')}
                    aria-keyshortcuts="Alt+ArrowDown"
                    disabled={index === order.length - 1}
                    onClick={() => setGroups((groups) => moveStep(groups, id, 1))}
                  >
                    <ArrowDownwardIcon fontSize="small" />
                  </IconButton>
                </span>
              </Tooltip>
              {task.project.allowTies && index > 0 && (
                <Button size="small" aria-keyshortcuts="T" onClick={() => setGroups((groups) => toggleTie(groups, id))}>
                  {translate(tied ? 'clinrank.ws.untie' : 'clinrank.ws.tie_above')}
                  <KeySuffix keys="T" />
                </Button>
              )}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
