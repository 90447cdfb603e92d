import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { gqlMutate, gqlQuery } from '../providers/graphql-client.js';
import { AttemptsTable } from './attempts-table.js';
import { RunCharts } from './run-charts.js';
import {
  ACTIVE_STATUSES,
  CANCEL_RUN,
  MIN_VALIDATION_PROMPTS,
  POLL_MS,
  SNAPSHOT_MANIFEST,
  START_PPO,
  START_REWARD_MODEL,
  TRAINING_RUN,
  TRAINING_RUNS,
  validationPrompts,
  type RunDetail,
  type TrainingRun,
} from './training-queries.js';
import { SnapshotPicker, snapshotProblem, useTrainingTargets } from './snapshot-picker.js';

const STATUS_COLOURS: Record<string, 'default' | 'info' | 'warning' | 'success' | 'error'> = {
  queued: 'default',
  claimed: 'info',
  running: 'warning',
  succeeded: 'success',
  failed: 'error',
  cancelled: 'default',
};

/** Calls `load` now and every POLL_MS while the page is open (live metrics by polling); `load` must be memoised. */
function usePolling(load: () => Promise<void>) {
  useEffect(() => {
    let alive = true;
    const tick = () => alive && void load();
    tick();
    const timer = setInterval(tick, POLL_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [load]);
}

/** A run's status, translated, in its colour; an unknown status shows as it came. */
function StatusChip({ status }: { status: string }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      label={translate(`clinrank.training.statuses.${status}`, { _: status })}
      color={STATUS_COLOURS[status] ?? 'default'}
    />
  );
}

function useKindLabel(): (kind: string) => string {
  const translate = useTranslate();
  return (kind) => translate(`clinrank.training.kinds.${kind}`, { _: kind });
}

function parseOptions(text: string, notObject: string): Record<string, unknown> {
  if (!text.trim()) return {};
  const value = JSON.parse(text) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(notObject);
  return value as Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The number of validation prompts of the snapshot `snapshotId` names (null while unknown or not a snapshot). */
function useValidationPrompts(snapshotId: string): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    setCount(null);
    if (!UUID.test(snapshotId.trim())) return;
    let alive = true;
    gqlQuery(SNAPSHOT_MANIFEST, { id: snapshotId.trim() })
      .then((result) => alive && setCount(validationPrompts(result.datasetSnapshot.manifest)))
      .catch(() => alive && setCount(null)); // a wrong id is reported when the run is started
    return () => {
      alive = false;
    };
  }, [snapshotId]);
  return count;
}

function StartForm({ onStarted }: { onStarted: (id: string) => void }) {
  const translate = useTranslate();
  const [params] = useSearchParams();
  const [snapshotId, setSnapshotId] = useState(params.get('snapshot') ?? '');
  const validation = useValidationPrompts(snapshotId);
  const [rewardModelRunId, setRewardModelRunId] = useState('');
  const [options, setOptions] = useState('{"epochs": 4}');
  const [gpus, setGpus] = useState('0');
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<'reward' | 'ppo' | null>(null);
  const { snapshots, onlineNodes, refresh } = useTrainingTargets();
  const snapshot = snapshots?.find((candidate) => candidate.id === snapshotId) ?? null;
  const problem = snapshot ? snapshotProblem(snapshot) : null;

  const submit = async (kind: 'reward' | 'ppo') => {
    setError(null);
    setConfirming(null);
    try {
      const input = {
        options: parseOptions(options, translate('clinrank.training.options_not_object')),
        gpus: Number(gpus) || 0,
      };
      const id =
        kind === 'reward'
          ? (await gqlMutate(START_REWARD_MODEL, { snapshotId, input })).startRewardModelRun.id
          : (await gqlMutate(START_PPO, { rewardModelRunId, input })).startPpoRun.id;
      onStarted(id);
    } catch (caught) {
      setError((caught as Error).message);
    }
  };
  /** Asks first when no worker node is online: the run would only wait in the queue. */
  const request = async (kind: 'reward' | 'ppo') => {
    const online = await refresh();
    if (online === 0) setConfirming(kind);
    else await submit(kind);
  };
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {translate('clinrank.training.start')}
      </Typography>
      {onlineNodes === 0 && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="no-worker-warning">
          {translate('clinrank.training.no_worker_online')}
        </Alert>
      )}
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <TextField
          size="small"
          label={translate('clinrank.training.options')}
          value={options}
          onChange={(event) => setOptions(event.target.value)}
          sx={{ minWidth: 280 }}
        />
        <TextField
          size="small"
          type="number"
          label={translate('clinrank.training.gpus')}
          value={gpus}
          onChange={(event) => setGpus(event.target.value)}
          sx={{ width: 90 }}
        />
        <SnapshotPicker snapshots={snapshots} value={snapshotId} onChange={setSnapshotId} />
        <Button variant="contained" disabled={!snapshot || !!problem} onClick={() => void request('reward')}>
          {translate('clinrank.training.start_reward_model')}
        </Button>
        <TextField
          size="small"
          label={translate('clinrank.training.reward_model_run_id')}
          value={rewardModelRunId}
          onChange={(event) => setRewardModelRunId(event.target.value)}
          sx={{ minWidth: 320 }}
        />
        <Button variant="contained" disabled={!rewardModelRunId} onClick={() => void request('ppo')}>
          {translate('clinrank.training.start_ppo')}
        </Button>
      </Stack>
      {problem && (
        <Alert severity="error" sx={{ mt: 2 }} data-testid="snapshot-problem">
          {translate(`clinrank.training.${problem}`, { train: snapshot!.train, validation: snapshot!.validation })}
        </Alert>
      )}
      {validation !== null && validation < MIN_VALIDATION_PROMPTS && (
        <Alert severity="warning" sx={{ mt: 2 }} data-testid="few-validation-prompts">
          {translate('clinrank.training.few_validation_prompts', { count: validation })}
        </Alert>
      )}
      {error && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {error}
        </Alert>
      )}
      <Dialog open={confirming !== null} onClose={() => setConfirming(null)}>
        <DialogTitle>{translate('clinrank.training.no_worker_title')}</DialogTitle>
        <DialogContent>{translate('clinrank.training.no_worker_online')}</DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(null)}>{translate('clinrank.training.cancel')}</Button>
          <Button variant="contained" onClick={() => confirming && void submit(confirming)}>
            {translate('clinrank.training.queue_anyway')}
          </Button>
        </DialogActions>
      </Dialog>
    </Paper>
  );
}

function RunTable({
  runs,
  selected,
  onSelect,
}: {
  runs: TrainingRun[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const translate = useTranslate();
  const kindLabel = useKindLabel();
  if (runs.length === 0) return <Alert severity="info">{translate('clinrank.training.no_runs')}</Alert>;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          {['kind', 'status', 'node', 'attempts', 'created', 'finished'].map((key) => (
            <TableCell key={key}>{translate(`clinrank.training.${key}`)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {runs.map((run) => (
          <TableRow
            key={run.id}
            hover
            selected={run.id === selected}
            onClick={() => onSelect(run.id)}
            sx={{ cursor: 'pointer' }}
            data-run-id={run.id}
          >
            <TableCell>{kindLabel(run.kind)}</TableCell>
            <TableCell>
              <StatusChip status={run.status} />
            </TableCell>
            <TableCell>{run.nodeName ?? '—'}</TableCell>
            <TableCell>
              {run.attempts} / {run.maxAttempts}
            </TableCell>
            <TableCell>{new Date(run.createdAt).toLocaleString()}</TableCell>
            <TableCell>{run.finishedAt ? new Date(run.finishedAt).toLocaleString() : '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Preformatted text that wraps inside its box: a long command line must never widen the page. */
const WRAPPED_PRE = { fontSize: 12, m: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

function RunDetailPanel({ detail, onCancel }: { detail: RunDetail; onCancel: () => void }) {
  const translate = useTranslate();
  const kindLabel = useKindLabel();
  const { run, metrics, logTail, artifacts } = detail;
  return (
    <Stack spacing={2} sx={{ minWidth: 0 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h6" component="h2" sx={{ overflowWrap: 'anywhere' }}>
          {kindLabel(run.kind)} · {run.id}
        </Typography>
        <StatusChip status={run.status} />
        {ACTIVE_STATUSES.includes(run.status) && (
          <Button color="error" variant="outlined" onClick={onCancel}>
            {translate('clinrank.training.cancel')}
          </Button>
        )}
      </Stack>
      {run.error && (
        <Alert severity={run.status === 'failed' ? 'error' : 'warning'}>
          {translate('clinrank.training.error')}: {run.error}
        </Alert>
      )}
      <AttemptsTable attempts={detail.attemptHistory} />
      {metrics.length === 0 && <Alert severity="info">{translate('clinrank.training.no_metrics')}</Alert>}
      <RunCharts detail={detail} />
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="subtitle1" component="h3">
          {translate('clinrank.training.log_tail')}
        </Typography>
        <Box
          component="pre"
          sx={{ ...WRAPPED_PRE, maxHeight: 280, overflowY: 'auto' }}
          aria-label={translate('clinrank.training.log_tail')}
        >
          {logTail.map((line) => `[${line.attempt}] ${line.stream === 'stderr' ? '! ' : ''}${line.line}`).join('\n')}
        </Box>
      </Paper>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <Paper variant="outlined" sx={{ p: 2, flex: 1, minWidth: 0 }}>
          <Typography variant="subtitle1" component="h3">
            {translate('clinrank.training.config')}
          </Typography>
          <Box component="pre" sx={WRAPPED_PRE}>
            {JSON.stringify(run.config, null, 2)}
          </Box>
        </Paper>
        {run.summary != null && (
          <Paper variant="outlined" sx={{ p: 2, flex: 1, minWidth: 0 }}>
            <Typography variant="subtitle1" component="h3">
              {translate('clinrank.training.summary')}
            </Typography>
            <Box component="pre" sx={WRAPPED_PRE}>
              {JSON.stringify(run.summary, null, 2)}
            </Box>
          </Paper>
        )}
      </Stack>
      {artifacts.length > 0 && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="subtitle1" component="h3">
            {translate('clinrank.training.artifacts')}
          </Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                {['name', 'kind', 'bytes', 'sha256'].map((key) => (
                  <TableCell key={key}>{translate(`clinrank.training.${key}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {artifacts.map((artifact) => (
                <TableRow key={artifact.name}>
                  <TableCell title={artifact.uri} sx={{ overflowWrap: 'anywhere' }}>
                    {artifact.name}
                  </TableCell>
                  <TableCell>{artifact.kind}</TableCell>
                  <TableCell>{artifact.bytes.toLocaleString()}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{artifact.sha256.slice(0, 16)}…</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}

/** Training runs: start, watch live (charts, log tail), cancel, and see configuration and artifacts. */
export default function RunsPage() {
  const translate = useTranslate();
  const [runs, setRuns] = useState<TrainingRun[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<RunDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setRuns((await gqlQuery(TRAINING_RUNS)).trainingRuns);
      if (selected) setDetail((await gqlQuery(TRAINING_RUN, { id: selected })).trainingRun);
      setError(null);
    } catch (caught) {
      setError((caught as Error).message);
    }
  }, [selected]);
  usePolling(load);

  const cancel = async () => {
    if (!selected) return;
    try {
      await gqlMutate(CANCEL_RUN, { id: selected });
      await load();
    } catch (caught) {
      setError((caught as Error).message);
    }
  };

  return (
    <Box sx={{ p: 2, minWidth: 0, maxWidth: '100%' }}>
      <Title title={translate('clinrank.training.runs_title')} />
      <Stack spacing={2}>
        <Typography variant="h5" component="h1">
          {translate('clinrank.training.runs_title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('clinrank.training.refresh_note', { seconds: POLL_MS / 1000 })}
        </Typography>
        {error && <Alert severity="error">{error}</Alert>}
        <StartForm onStarted={(id) => setSelected(id)} />
        <Paper variant="outlined">
          <RunTable runs={runs} selected={selected} onSelect={setSelected} />
        </Paper>
        {detail && detail.run.id === selected ? (
          <RunDetailPanel detail={detail} onCancel={() => void cancel()} />
        ) : (
          <Alert severity="info">{translate('clinrank.training.select_run')}</Alert>
        )}
      </Stack>
    </Box>
  );
}
