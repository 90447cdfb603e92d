import { Chip, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { TrainingAttempt } from './training-queries.js';

const OUTCOME_COLOURS: Record<string, 'default' | 'warning' | 'success' | 'error' | 'info'> = {
  running: 'warning',
  succeeded: 'success',
  failed: 'error',
  lost: 'error',
  cancelled: 'default',
  released: 'info',
};

function time(value: string | null): string {
  return value ? new Date(value).toLocaleString() : '—';
}

/** Every attempt of the selected run: node, heartbeat contract, times and outcome (with the error, if any). */
export function AttemptsTable({ attempts }: { attempts: TrainingAttempt[] }) {
  const translate = useTranslate();
  if (attempts.length === 0) return null;
  return (
    <Paper variant="outlined" sx={{ p: 2, overflowX: 'auto' }}>
      <Typography variant="subtitle1" component="h3">
        {translate('clinrank.training.attempt_history')}
      </Typography>
      <Table size="small" aria-label={translate('clinrank.training.attempt_history')}>
        <TableHead>
          <TableRow>
            {['attempt', 'node', 'heartbeat', 'claimed_at', 'ended_at', 'last_heartbeat', 'outcome', 'error'].map(
              (key) => (
                <TableCell key={key}>{translate(`clinrank.training.${key}`)}</TableCell>
              ),
            )}
          </TableRow>
        </TableHead>
        <TableBody>
          {attempts.map((attempt) => {
            const outcome = attempt.outcome ?? 'running';
            return (
              <TableRow key={attempt.attempt} data-attempt={attempt.attempt}>
                <TableCell>{attempt.attempt}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{attempt.nodeName}</TableCell>
                <TableCell>
                  {attempt.heartbeatSeconds && attempt.leaseSeconds
                    ? translate('clinrank.training.heartbeat_every', {
                        interval: attempt.heartbeatSeconds,
                        lease: attempt.leaseSeconds,
                      })
                    : '—'}
                </TableCell>
                <TableCell>{time(attempt.claimedAt)}</TableCell>
                <TableCell>{time(attempt.endedAt)}</TableCell>
                <TableCell>{time(attempt.lastHeartbeat)}</TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    label={translate(`clinrank.training.outcomes.${outcome}`, { _: outcome })}
                    color={OUTCOME_COLOURS[outcome] ?? 'default'}
                  />
                </TableCell>
                <TableCell sx={{ overflowWrap: 'anywhere', maxWidth: 420 }}>{attempt.error ?? ''}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Paper>
  );
}
