import { Alert, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { graphql } from '../gql/index.js';
import { gqlMutate } from '../providers/graphql-client.js';
import type { Draft } from '../workspace/drafts.js';
import { labelContent, missingAnswer } from '../workspace/label-content.js';
import { PairwiseForm } from '../workspace/pairwise-form.js';
import { RankingForm } from '../workspace/ranking-form.js';
import { RatingForm } from '../workspace/rating-form.js';
import type { TaskProject } from '../workspace/task-api.js';
import { ValidationForm } from '../workspace/validation-form.js';
import {
  adjudicationPair,
  adjudicationTask,
  draftFromContent,
  inItemOrder,
  type ReviewItem,
} from './adjudication-draft.js';

const ADJUDICATE = graphql(`
  mutation Adjudicate($input: AdjudicateInput!) {
    adjudicate(input: $input) {
      itemId
    }
  }
`);

export interface AdjudicationSource {
  label: string;
  content: Record<string, unknown>;
}

interface Props {
  item: ReviewItem;
  /** The project's rules; a rationale is never required of the lead here. */
  project: TaskProject;
  saved: { content: Record<string, unknown>; rationale: string | null; lead: string } | null;
  /** Labels the lead can start from. */
  sources: AdjudicationSource[];
  onSaved: () => void;
}

/** The lead's final answer for an item, entered with the same form the clinicians used, starting from any label. */
export function AdjudicationEditor({ item, project, saved, sources, onSaved }: Props) {
  const translate = useTranslate();
  const notify = useNotify();
  const start = saved?.content ?? sources[0]?.content ?? null;
  const [pair, setPair] = useState(() => adjudicationPair(item, start));
  const task = useMemo(
    () => adjudicationTask(item, { ...project, requireRationale: false }, pair),
    [item, project, pair],
  );
  const [draft, setDraft] = useState<Draft>(() => draftFromContent(task, start));
  const [focused, setFocused] = useState(0);
  const [rationale, setRationale] = useState(saved?.rationale ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  /** Shows `content` on the form, for the pair it compares unless another pair is named. */
  const restart = (content: Record<string, unknown> | null, chosen = adjudicationPair(item, content)) => {
    const nextPair = inItemOrder(
      item.responses.map((response) => response.id),
      chosen,
    );
    setPair(nextPair);
    setDraft(draftFromContent(adjudicationTask(item, task.project, nextPair), content));
  };
  const choosePair = (next: [string, string]) => restart(start, next);
  const startFrom = (content: Record<string, unknown>) => {
    restart(content);
    setProblem(null);
  };

  const save = async () => {
    const missing = missingAnswer(task, draft);
    setProblem(missing ? translate(missing) : null);
    if (missing) return;
    const content = {
      ...(labelContent(task, draft) as object),
      ...(project.kind === 'pairwise' ? { a: pair[0], b: pair[1] } : {}),
    };
    setSaving(true);
    try {
      await gqlMutate(ADJUDICATE, {
        input: { itemId: item.itemId, content, rationale: rationale.trim() || undefined },
      });
      notify('clinrank.disagreements.saved', { type: 'success' });
      onSaved();
    } catch (caught) {
      setProblem((caught as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const formProps = {
    task,
    draft,
    focused,
    onFocusRow: setFocused,
    update: (change: (draft: Draft) => Draft) => setDraft((current) => change(current)),
  };
  // As the review table names them: the letter in the item's order and the response id, e.g. "C (c)".
  const responseName = (id: string) => {
    const index = item.responses.findIndex((response) => response.id === id);
    return index < 0 ? id : `${String.fromCharCode(65 + index)} (${item.responses[index].externalId})`;
  };
  return (
    <Paper
      variant="outlined"
      sx={{ p: 2 }}
      component="section"
      aria-label={translate('clinrank.disagreements.adjudicate')}
      data-testid="adjudication"
    >
      <Typography variant="h6" component="h2">
        {translate('clinrank.disagreements.adjudicate')}
      </Typography>
      {saved && (
        <Alert severity="info" sx={{ my: 1 }}>
          {translate('clinrank.disagreements.adjudicated')}: {saved.lead}
        </Alert>
      )}
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', my: 1 }}>
        <Typography variant="body2" color="text.secondary">
          {translate('clinrank.disagreements.start_from')}
        </Typography>
        {saved && (
          <Button size="small" variant="outlined" onClick={() => startFrom(saved.content)}>
            {translate('clinrank.disagreements.saved_adjudication')}
          </Button>
        )}
        {sources.map((source) => (
          <Button key={source.label} size="small" variant="outlined" onClick={() => startFrom(source.content)}>
            {source.label}
          </Button>
        ))}
      </Stack>
      {project.kind === 'pairwise' && item.responses.length > 2 && (
        <Stack direction="row" spacing={2} sx={{ my: 1 }}>
          {(['A', 'B'] as const).map((side, index) => (
            <TextField
              key={side}
              select
              size="small"
              label={translate('clinrank.ws.answer', { label: side })}
              value={pair[index]}
              sx={{ minWidth: 160 }}
              data-testid={`pair-${side}`}
              onChange={(event) =>
                choosePair(
                  index === 0
                    ? [event.target.value, pair[1] === event.target.value ? pair[0] : pair[1]]
                    : [pair[0] === event.target.value ? pair[1] : pair[0], event.target.value],
                )
              }
            >
              {item.responses.map((response) => (
                <MenuItem key={response.id} value={response.id}>
                  {response.externalId}
                </MenuItem>
              ))}
            </TextField>
          ))}
        </Stack>
      )}
      {project.kind === 'pairwise' && (
        <Typography variant="caption" color="text.secondary" data-testid="adjudication-pair">
          A = {responseName(pair[0])}, B = {responseName(pair[1])}
        </Typography>
      )}
      <Stack spacing={2} sx={{ mt: 1 }} key={`${task.taskId}-${pair.join('-')}`}>
        {project.kind === 'pairwise' && <PairwiseForm {...formProps} />}
        {project.kind === 'ranking' && <RankingForm {...formProps} />}
        {project.kind === 'rating' && <RatingForm {...formProps} />}
        {project.kind === 'validation' && <ValidationForm {...formProps} />}
      </Stack>
      <TextField
        label={translate('clinrank.ws.rationale')}
        fullWidth
        multiline
        margin="dense"
        value={rationale}
        onChange={(event) => setRationale(event.target.value)}
        slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'adjudication-rationale' } }}
      />
      {problem && (
        <Alert severity="warning" role="alert" sx={{ my: 1 }}>
          {problem}
        </Alert>
      )}
      <Button
        variant="contained"
        onClick={() => void save()}
        disabled={saving}
        sx={{ mt: 1 }}
        data-testid="save-adjudication"
      >
        {translate('clinrank.disagreements.save')}
      </Button>
    </Paper>
  );
}
