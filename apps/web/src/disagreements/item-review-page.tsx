import {
  Alert,
  Box,
  Chip,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { graphql } from '../gql/index.js';
import type { ItemReviewQuery } from '../gql/graphql.js';
import { gqlQuery } from '../providers/graphql-client.js';
import { MarkdownView } from '../workspace/markdown-view.js';
import type { TaskProject } from '../workspace/task-api.js';
import { AdjudicationEditor } from './adjudication-editor.js';
import type { ReviewItem } from './adjudication-draft.js';
import { NextDisagreementButton } from './next-disagreement.js';

const REVIEW = graphql(`
  query ItemReview($itemId: ID!) {
    itemReview(itemId: $itemId) {
      itemId
      externalId
      projectId
      language
      specialty
      prompt
      messages
      reference
      isGold
      gold
      responses {
        id
        externalId
        text
        source
        model
        generator
      }
      labels {
        id
        annotator
        annotatorKind
        content
        displayOrder
        flags
        rationale
        rewrite
        guidelineVersion
        timeSpentMs
        createdAt
      }
      adjudication {
        content
        rationale
        lead
        updatedAt
      }
    }
  }
`);
const PROJECT = graphql(`
  query ReviewProject($id: String!) {
    project(id: $id) {
      id
      slug
      name
      kind
      criteria
      scaleMin
      scaleMax
      allowTies
      requireRationale
      guidelineVersion
    }
  }
`);

type Review = ItemReviewQuery['itemReview'];
/** A stored label or adjudication (JSON on the wire): judgements, ranking, scores or a verdict. */
type StoredContent = Record<string, unknown>;

/** A label's judgement on one criterion, in words, with responses named by their external ids. */
function summarise(
  content: StoredContent,
  criterion: string,
  names: Map<string, string>,
  displayOrder: string[],
): string {
  const judgements = content.judgements as Record<string, { choice: string; strength?: string | null }> | undefined;
  if (judgements) {
    const judgement = judgements[criterion];
    if (!judgement) return '–';
    // By response: the label's own a/b (what this clinician saw on each side), never the item's order.
    const a = typeof content.a === 'string' ? content.a : displayOrder[0];
    const b = typeof content.b === 'string' ? content.b : displayOrder[1];
    const side = judgement.choice === 'a' ? a : judgement.choice === 'b' ? b : null;
    return side
      ? `${names.get(side) ?? side}${judgement.strength ? ` (${judgement.strength})` : ''}`
      : judgement.choice;
  }
  const ranking = content.ranking as (string | string[])[] | undefined;
  if (ranking)
    return ranking
      .map((entry) =>
        Array.isArray(entry) ? entry.map((id) => names.get(id) ?? id).join(' = ') : (names.get(entry) ?? entry),
      )
      .join(' > ');
  const scores = content.scores as Record<string, Record<string, number>> | undefined;
  if (scores?.[criterion])
    return Object.entries(scores[criterion])
      .map(([id, score]) => `${names.get(id) ?? id}: ${score}`)
      .join(', ');
  if (typeof content.verdict === 'string') return validationSummary(content);
  return JSON.stringify(content);
}

/** "reject (unsafe, outdated)" or "fix: <start of the corrected text>". */
function validationSummary(content: StoredContent): string {
  const reasons = Array.isArray(content.reasons) && content.reasons.length ? ` (${content.reasons.join(', ')})` : '';
  const fixed =
    typeof content.fixedText === 'string'
      ? `: ${content.fixedText.length > 80 ? `${content.fixedText.slice(0, 80)}…` : content.fixedText}`
      : '';
  return `${content.verdict}${reasons}${fixed}`;
}

/** The rows of the labels table: the criteria the labels answer (a single "verdict" row for validation). */
function criteriaOf(labels: Review['labels']): string[] {
  return [
    ...new Set(
      labels.flatMap(({ content }) => {
        const stored = content as StoredContent;
        return typeof stored.verdict === 'string'
          ? ['verdict']
          : Object.keys((stored.judgements ?? stored.scores ?? { ranking: 1 }) as object);
      }),
    ),
  ];
}

/** Every label of an item side by side, with response provenance, and the lead's adjudication. */
export default function ItemReviewPage() {
  const { itemId } = useParams();
  const translate = useTranslate();
  const [review, setReview] = useState<Review | null>(null);
  const [project, setProject] = useState<TaskProject | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Bumped after a save so the editor starts again from what was stored.
  const [version, setVersion] = useState(0);
  const [justSaved, setJustSaved] = useState(false);
  useEffect(() => setJustSaved(false), [itemId]);

  const load = useCallback(async () => {
    try {
      const data = await gqlQuery(REVIEW, { itemId: itemId ?? '' });
      const rules = await gqlQuery(PROJECT, { id: data.itemReview.projectId });
      setReview(data.itemReview);
      setProject(rules.project);
      setVersion((value) => value + 1);
    } catch (caught) {
      setError((caught as Error).message);
    }
  }, [itemId]);
  useEffect(() => void load(), [load]);

  if (error) return <Alert severity="error">{error}</Alert>;
  if (!review || !project) return null;
  const names = new Map(
    review.responses.map((response, index) => [
      response.id,
      `${String.fromCharCode(65 + index)} (${response.externalId})`,
    ]),
  );
  const criteria = criteriaOf(review.labels);
  const sources = review.labels.map((label) => ({ label: label.annotator, content: label.content as StoredContent }));
  // The forms read the dialogue as the workspace does; the API sends it as JSON.
  const item: ReviewItem = { ...review, messages: review.messages as ReviewItem['messages'] };
  const saved = review.adjudication && {
    ...review.adjudication,
    content: review.adjudication.content as StoredContent,
  };

  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Title title={`${translate('clinrank.disagreements.review')} ${review.externalId}`} />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Chip label={review.language} />
        <Chip variant="outlined" label={review.specialty} />
        {review.isGold && <Chip color="warning" label="gold" />}
        <Box sx={{ flex: 1 }} />
        <NextDisagreementButton projectId={review.projectId} itemId={review.itemId} />
      </Stack>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <MarkdownView text={review.prompt ?? ''} lang={review.language} />
      </Paper>
      <Box
        sx={{
          display: 'grid',
          gap: 2,
          gridTemplateColumns: { md: `repeat(${Math.min(review.responses.length, 4)}, 1fr)` },
        }}
      >
        {review.responses.map((response, index) => (
          <Paper key={response.id} variant="outlined" sx={{ p: 2 }}>
            <Typography variant="subtitle2">
              {String.fromCharCode(65 + index)} · {response.externalId} · {response.source}
              {response.model ? ` · ${response.model}` : ''}
            </Typography>
            <MarkdownView text={response.text} lang={review.language} />
          </Paper>
        ))}
      </Box>
      <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={translate('clinrank.disagreements.labels')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('clinrank.ws.criterion')}</TableCell>
              {review.labels.map((label) => (
                <TableCell key={label.id}>
                  {label.annotator}
                  {label.annotatorKind !== 'human' ? ` (${label.annotatorKind})` : ''}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {criteria.map((criterion) => (
              <TableRow key={criterion}>
                <TableCell>{translate(`clinrank.ws.criteria.${criterion}`, { _: criterion })}</TableCell>
                {review.labels.map((label) => (
                  <TableCell key={label.id}>
                    {summarise(label.content as StoredContent, criterion, names, label.displayOrder)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
            <TableRow>
              <TableCell>{translate('clinrank.disagreements.display_order')}</TableCell>
              {review.labels.map((label) => (
                <TableCell key={label.id}>{label.displayOrder.map((id) => names.get(id) ?? id).join(' · ')}</TableCell>
              ))}
            </TableRow>
            <TableRow>
              <TableCell>
                {translate('clinrank.ws.flags.label')} / {translate('clinrank.ws.rationale')}
              </TableCell>
              {review.labels.map((label) => (
                <TableCell key={label.id} dir="auto">
                  {[label.flags.join(', '), label.rationale].filter(Boolean).join(' — ')}
                </TableCell>
              ))}
            </TableRow>
          </TableBody>
        </Table>
      </Paper>
      {justSaved && (
        <Alert
          severity="success"
          data-testid="adjudication-saved"
          action={<NextDisagreementButton projectId={review.projectId} itemId={review.itemId} variant="contained" />}
        >
          {translate('clinrank.disagreements.saved')}
        </Alert>
      )}
      <AdjudicationEditor
        key={version}
        item={item}
        project={project}
        saved={saved}
        sources={sources}
        onSaved={() => {
          setJustSaved(true);
          void load();
        }}
      />
    </Stack>
  );
}
