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
import { useEffect, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { gqlQuery } from '../providers/graphql-client.js';
import { POLL_MS, TRAINING_NODES, WORKER_SETUP, type TrainingNode, type WorkerSetup } from './training-queries.js';

const NODE_COLOURS: Record<string, 'success' | 'warning' | 'default'> = {
  online: 'success',
  draining: 'warning',
  offline: 'default',
};

/** GPU nodes: their GPUs, current runs, heartbeat contract and last heartbeat, refreshed by polling. */
export default function NodesPage() {
  const translate = useTranslate();
  const [nodes, setNodes] = useState<TrainingNode[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const [setup, setSetup] = useState<WorkerSetup | null>(null);

  useEffect(() => {
    gqlQuery(WORKER_SETUP).then(
      (data) => setSetup(data.workerSetup),
      (caught: Error) => setError(caught.message),
    );
  }, []);

  useEffect(() => {
    let alive = true;
    const load = async () => {
      try {
        const data = await gqlQuery(TRAINING_NODES);
        if (!alive) return;
        setNodes(data.trainingNodes);
        setNow(Date.now());
        setError(null);
      } catch (caught) {
        if (alive) setError((caught as Error).message);
      }
    };
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);

  return (
    <Box sx={{ p: 2 }}>
      <Title title={translate('clinrank.training.nodes_title')} />
      <Stack spacing={2}>
        <Typography variant="h5" component="h1">
          {translate('clinrank.training.nodes_title')}
        </Typography>
        {error && <Alert severity="error">{error}</Alert>}
        {nodes && nodes.length === 0 && <Alert severity="info">{translate('clinrank.training.no_nodes')}</Alert>}
        {setup && <WorkerCommands setup={setup} />}
        {nodes && nodes.length > 0 && (
          <Paper variant="outlined">
            <Table size="small">
              <TableHead>
                <TableRow>
                  {['node', 'status', 'gpu_list', 'max_jobs', 'current_runs', 'heartbeat', 'last_heartbeat'].map(
                    (key) => (
                      <TableCell key={key}>{translate(`clinrank.training.${key}`)}</TableCell>
                    ),
                  )}
                </TableRow>
              </TableHead>
              <TableBody>
                {nodes.map((node) => (
                  <TableRow key={node.id}>
                    <TableCell>
                      {node.name}
                      <Typography variant="caption" component="div" color="text.secondary">
                        {node.hostname}
                      </Typography>
                    </TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        label={translate(`clinrank.training.node_statuses.${node.status}`, { _: node.status })}
                        color={NODE_COLOURS[node.status] ?? 'default'}
                      />
                    </TableCell>
                    <TableCell>
                      {node.gpus.length === 0
                        ? translate('clinrank.training.cpu_only')
                        : node.gpus.map((gpu) => (
                            <div key={gpu.index}>
                              {gpu.index}: {gpu.name}
                              {gpu.memoryMiB ? ` (${Math.round(gpu.memoryMiB / 1024)} GiB)` : ''}
                            </div>
                          ))}
                    </TableCell>
                    <TableCell>{node.maxJobs}</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>
                      {node.currentRunIds.join(', ') || '—'}
                    </TableCell>
                    <TableCell>
                      {node.heartbeatSeconds && node.leaseSeconds
                        ? translate('clinrank.training.heartbeat_every', {
                            interval: node.heartbeatSeconds,
                            lease: node.leaseSeconds,
                          })
                        : '—'}
                    </TableCell>
                    <TableCell title={node.lastHeartbeat}>
                      {translate('clinrank.training.seconds_ago', {
                        seconds: Math.max(0, Math.round((now - Date.parse(node.lastHeartbeat)) / 1000)),
                      })}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
        )}
      </Stack>
    </Box>
  );
}

function WorkerCommand({ label, command }: { label: string; command: string }) {
  return (
    <Box>
      <Typography variant="subtitle2">{label}</Typography>
      <Box
        component="pre"
        dir="ltr"
        data-testid="worker-command"
        sx={{
          m: 0,
          p: 1,
          bgcolor: 'action.hover',
          borderRadius: 1,
          fontSize: 13,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {command}
      </Box>
    </Box>
  );
}

/** The exact commands that start a worker here and on another node, with the DATABASE_URL that node needs. */
function WorkerCommands({ setup }: { setup: WorkerSetup }) {
  const translate = useTranslate();
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Stack spacing={1.5}>
        <Typography variant="h6" component="h2">
          {translate('clinrank.training.start_worker')}
        </Typography>
        <WorkerCommand label={translate('clinrank.training.worker_here')} command={setup.localCommand} />
        <WorkerCommand label={translate('clinrank.training.worker_remote')} command={setup.remoteCommand} />
        <Typography variant="body2" color="text.secondary">
          {translate('clinrank.training.worker_password_note')}
        </Typography>
        {setup.loopbackOnly && (
          <Alert severity="warning">
            {translate(
              setup.embedded
                ? 'clinrank.training.worker_embedded_local_only'
                : 'clinrank.training.worker_loopback_only',
            )}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
