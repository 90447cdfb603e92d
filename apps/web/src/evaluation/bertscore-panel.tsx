import { Alert, Chip, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useTranslate } from 'react-admin';
import { ApiErrorAlert } from './api-error-alert.js';
import { DownloadButtons } from './download-buttons.js';
import { BertScoreRequestForm } from './bertscore-request-form.js';
import {
  ACTIVE_STATUSES,
  BERTSCORE_RESULTS,
  BERTSCORE_RUNS,
  SHOWN_STATUSES,
  type BertScoreResults,
  type BertScoreRun,
} from './bertscore-query.js';
import { LanguageSelect } from './language-select.js';
import { PanelHeader } from './panel-header.js';
import { useApiQuery } from './use-api-query.js';

const POLL_MS = 5000;
const NUMBER_CELL = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

/** Calls `reload` every POLL_MS while `active`. */
function usePollWhile(active: boolean, reload: () => void) {
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [active, reload]);
}

/** Calls `reload` when `active` turns false: a run that just finished may bring new results. */
function useReloadWhenFinished(active: boolean, reload: () => void) {
  const wasActive = useRef(active);
  useEffect(() => {
    if (wasActive.current && !active) reload();
    wasActive.current = active;
  }, [active, reload]);
}

/** The latest run when it is queued, running or failed (a succeeded one shows as results). */
function RunStatus({ run }: { run: BertScoreRun }) {
  const t = useTranslate();
  const failed = run.status === 'failed';
  return (
    <Alert severity={failed ? 'error' : 'info'} sx={{ mb: 1 }} data-testid="bertscore-run-status" icon={false}>
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
        <span>{t('clinrank.evaluation.latest_run')}</span>
        <Chip
          size="small"
          label={t(`clinrank.training.statuses.${run.status}`, { _: run.status })}
          color={failed ? 'error' : 'info'}
        />
        <Typography variant="caption" color="text.secondary">
          {new Date(run.createdAt).toLocaleString()}
        </Typography>
      </Stack>
      {failed && run.error && (
        <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {run.error}
        </Typography>
      )}
    </Alert>
  );
}

function ResultsTable({ results }: { results: BertScoreResults }) {
  const t = useTranslate();
  const score = (value: number) => (value * 100).toFixed(1);
  return (
    <>
      <Table size="small" aria-label={t('clinrank.evaluation.bertscore')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('clinrank.evaluation.model')}</TableCell>
            {['precision', 'recall', 'f1', 'answers'].map((key) => (
              <TableCell key={key} sx={NUMBER_CELL}>
                {t(`clinrank.evaluation.${key}`)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {results.rows.map((row) => (
            <TableRow key={row.model}>
              <TableCell>{row.model}</TableCell>
              <TableCell sx={NUMBER_CELL}>{score(row.precision)}</TableCell>
              <TableCell sx={NUMBER_CELL}>{score(row.recall)}</TableCell>
              <TableCell sx={NUMBER_CELL}>{score(row.f1)}</TableCell>
              <TableCell sx={NUMBER_CELL}>{row.answers}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1, wordBreak: 'break-all' }}>
        {t('clinrank.evaluation.bertscore_run', {
          encoder: results.encoder ?? '–',
          layer: results.layer ?? '–',
          finished: new Date(results.finishedAt).toLocaleString(),
        })}
      </Typography>
    </>
  );
}

/** BERTScore of the campaign: the latest results, the state of the latest run, and (for allowed roles) a request form. */
export function BertScorePanel({
  projectId,
  basename,
  canRequest,
}: {
  projectId: string;
  basename: string;
  canRequest: boolean;
}) {
  const t = useTranslate();
  const [language, setLanguage] = useState('');
  const results = useApiQuery(BERTSCORE_RESULTS, { projectId, language: language || null });
  const runs = useApiQuery(BERTSCORE_RUNS, { projectId });
  const latest = runs.data?.trainingRuns[0] ?? null;
  const bertScore = results.data?.bertScore ?? null;
  const languages = bertScore?.languages ?? (language ? [language] : []);
  const active = latest !== null && ACTIVE_STATUSES.includes(latest.status);
  const { reload: reloadRuns } = runs;
  const { reload: reloadResults } = results;
  usePollWhile(active, reloadRuns);
  useReloadWhenFinished(active, reloadResults);

  return (
    <Paper variant="outlined" sx={{ p: 2, overflowX: 'auto' }} data-testid="bertscore-panel">
      <PanelHeader title={t('clinrank.evaluation.bertscore')}>
        {languages.length > 0 && <LanguageSelect value={language} languages={languages} onChange={setLanguage} />}
        {bertScore && bertScore.rows.length > 0 && (
          <DownloadButtons
            basename={`${basename}-bertscore${language ? `-${language}` : ''}`}
            csv={bertScore.csv}
            markdown={bertScore.markdown}
          />
        )}
      </PanelHeader>
      <ApiErrorAlert error={results.error ?? runs.error} />
      {latest && SHOWN_STATUSES.includes(latest.status) && <RunStatus run={latest} />}
      {results.data?.bertScore ? (
        <ResultsTable results={results.data.bertScore} />
      ) : (
        results.data && <Alert severity="info">{t('clinrank.evaluation.bertscore_empty')}</Alert>
      )}
      {canRequest && <BertScoreRequestForm projectId={projectId} onRequested={reloadRuns} />}
    </Paper>
  );
}
