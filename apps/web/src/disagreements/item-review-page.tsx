import { gql } from '@apollo/client/core';
import { Alert, Box, Button, Chip, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { gqlMutate, gqlQuery } from '../providers/graphql-client.js';
import { MarkdownView } from '../workspace/markdown-view.js';

const FIELDS = `itemId externalId projectId language specialty prompt messages reference isGold gold
  responses { id externalId text source model generator }
  labels { id annotator annotatorKind content displayOrder flags rationale rewrite guidelineVersion timeSpentMs createdAt }
  adjudication { content rationale lead updatedAt }`;
const REVIEW = gql`query ItemReview($itemId: ID!) { itemReview(itemId: $itemId) { ${FIELDS} } }`;
const ADJUDICATE = gql`mutation Adjudicate($input: AdjudicateInput!) { adjudicate(input: $input) { ${FIELDS} } }`;

interface Review {
  itemId: string;
  externalId: string;
  language: string;
  specialty: string;
  prompt: string | null;
  isGold: boolean;
  responses: { id: string; externalId: string; text: string; source: string; model: string | null; generator: string | null }[];
  labels: { id: string; annotator: string; annotatorKind: string; content: Record<string, unknown>; displayOrder: string[]; flags: string[]; rationale: string | null; guidelineVersion: number }[];
  adjudication: { content: unknown; rationale: string | null; lead: string } | null;
}

/** A label's judgement on one criterion, in words, with responses named by their external ids. */
function summarise(content: Record<string, unknown>, criterion: string, names: Map<string, string>, displayOrder: string[]): string {
  const judgements = content.judgements as Record<string, { choice: string; strength?: string | null }> | undefined;
  if (judgements) {
    const judgement = judgements[criterion];
    if (!judgement) return '–';
    const side = judgement.choice === 'a' ? displayOrder[0] : judgement.choice === 'b' ? displayOrder[1] : null;
    return side ? `${names.get(side) ?? side}${judgement.strength ? ` (${judgement.strength})` : ''}` : judgement.choice;
  }
  const ranking = content.ranking as (string | string[])[] | undefined;
  if (ranking) return ranking.map((entry) => (Array.isArray(entry) ? entry.map((id) => names.get(id) ?? id).join(' = ') : (names.get(entry) ?? entry))).join(' > ');
  const scores = content.scores as Record<string, Record<string, number>> | undefined;
  if (scores?.[criterion]) return Object.entries(scores[criterion]).map(([id, score]) => `${names.get(id) ?? id}: ${score}`).join(', ');
  return JSON.stringify(content);
}

/** Every label of an item side by side, with response provenance, and the lead's adjudication. */
export default function ItemReviewPage() {
  const { itemId } = useParams();
  const translate = useTranslate();
  const notify = useNotify();
  const [review, setReview] = useState<Review | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [content, setContent] = useState('');
  const [rationale, setRationale] = useState('');

  const load = useCallback(async () => {
    try {
      const data = await gqlQuery<{ itemReview: Review }>(REVIEW, { itemId });
      setReview(data.itemReview);
      const seed = data.itemReview.adjudication?.content ?? data.itemReview.labels[0]?.content ?? {};
      setContent(JSON.stringify(seed, null, 2));
      setRationale(data.itemReview.adjudication?.rationale ?? '');
    } catch (caught) {
      setError((caught as Error).message);
    }
  }, [itemId]);
  useEffect(() => void load(), [load]);

  if (error) return <Alert severity="error">{error}</Alert>;
  if (!review) return null;
  const names = new Map(review.responses.map((response) => [response.id, response.externalId]));
  const criteria = [...new Set(review.labels.flatMap((label) => Object.keys((label.content.judgements ?? label.content.scores ?? { ranking: 1 }) as object)))];

  const save = async () => {
    try {
      await gqlMutate(ADJUDICATE, { input: { itemId, content: JSON.parse(content), rationale: rationale || undefined } });
      notify('clinrank.disagreements.saved', { type: 'success' });
      await load();
    } catch (caught) {
      notify((caught as Error).message, { type: 'error' });
    }
  };

  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Title title={`${translate('clinrank.disagreements.review')} ${review.externalId}`} />
      <Stack direction="row" spacing={1}><Chip label={review.language} /><Chip variant="outlined" label={review.specialty} />{review.isGold && <Chip color="warning" label="gold" />}</Stack>
      <Paper variant="outlined" sx={{ p: 2 }}><MarkdownView text={review.prompt ?? ''} lang={review.language} /></Paper>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { md: `repeat(${Math.min(review.responses.length, 4)}, 1fr)` } }}>
        {review.responses.map((response) => (
          <Paper key={response.id} variant="outlined" sx={{ p: 2 }}>
            <Typography variant="subtitle2">{response.externalId} · {response.source}{response.model ? ` · ${response.model}` : ''}</Typography>
            <MarkdownView text={response.text} lang={review.language} />
          </Paper>
        ))}
      </Box>
      <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={translate('clinrank.disagreements.labels')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('clinrank.ws.criterion')}</TableCell>
              {review.labels.map((label) => <TableCell key={label.id}>{label.annotator}{label.annotatorKind !== 'human' ? ` (${label.annotatorKind})` : ''}</TableCell>)}
            </TableRow>
          </TableHead>
          <TableBody>
            {criteria.map((criterion) => (
              <TableRow key={criterion}>
                <TableCell>{translate(`clinrank.ws.criteria.${criterion}`, { _: criterion })}</TableCell>
                {review.labels.map((label) => <TableCell key={label.id}>{summarise(label.content, criterion, names, label.displayOrder)}</TableCell>)}
              </TableRow>
            ))}
            <TableRow>
              <TableCell>{translate('clinrank.disagreements.display_order')}</TableCell>
              {review.labels.map((label) => <TableCell key={label.id}>{label.displayOrder.map((id, index) => `${String.fromCharCode(65 + index)}=${names.get(id) ?? id}`).join(', ')}</TableCell>)}
            </TableRow>
            <TableRow>
              <TableCell>{translate('clinrank.ws.flags.label')} / {translate('clinrank.ws.rationale')}</TableCell>
              {review.labels.map((label) => <TableCell key={label.id} dir="auto">{[label.flags.join(', '), label.rationale].filter(Boolean).join(' — ')}</TableCell>)}
            </TableRow>
          </TableBody>
        </Table>
      </Paper>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="h6" component="h2">{translate('clinrank.disagreements.adjudicate')}</Typography>
        {review.adjudication && <Alert severity="info" sx={{ my: 1 }}>{translate('clinrank.disagreements.adjudicated')}: {review.adjudication.lead}</Alert>}
        <TextField label="content (JSON)" fullWidth multiline minRows={6} margin="dense" value={content} onChange={(event) => setContent(event.target.value)} slotProps={{ htmlInput: { style: { fontFamily: 'monospace' } } }} />
        <TextField label={translate('clinrank.ws.rationale')} fullWidth multiline margin="dense" value={rationale} onChange={(event) => setRationale(event.target.value)} slotProps={{ htmlInput: { dir: 'auto' } }} />
        <Button variant="contained" onClick={() => void save()} sx={{ mt: 1 }}>{translate('clinrank.disagreements.save')}</Button>
      </Paper>
    </Stack>
  );
}
