import type { GpuInfo } from './gpus.js';
import type { MetricPoint } from './trainer-events.js';
import type { RunStatus } from './job-spec.js';

/** The one thing the store needs from a database client (a pg Pool or PoolClient fits). */
export interface Sql {
  query(text: string, params?: unknown[]): Promise<{ rows: any[] }>;
}

export interface RunRow {
  id: string;
  kind: string;
  status: RunStatus;
  snapshot_id: string | null;
  parent_run_id: string | null;
  config: unknown;
  gpus: number;
  attempts: number;
  max_attempts: number;
  node_id: string | null;
  queue_name: string | null;
  queue_job_id: string | null;
}

/** A claim: the run plus the attempt number that fences every later write of this agent. */
export interface Claim {
  run: RunRow;
  attempt: number;
}

/** Registers (or re-registers after a restart) a node by name and returns its id. */
export async function registerNode(db: Sql, node: { name: string; hostname: string; gpus: GpuInfo[]; maxJobs: number }): Promise<string> {
  const { rows } = await db.query(
    `INSERT INTO training_nodes (name, hostname, gpus, max_jobs, status, started_at, last_heartbeat)
     VALUES ($1, $2, $3, $4, 'online', now(), now())
     ON CONFLICT (name) DO UPDATE SET hostname = EXCLUDED.hostname, gpus = EXCLUDED.gpus, max_jobs = EXCLUDED.max_jobs,
       status = 'online', started_at = now(), last_heartbeat = now()
     RETURNING id`,
    [node.name, node.hostname, JSON.stringify(node.gpus), node.maxJobs],
  );
  return rows[0].id;
}

/** Marks a node draining (no new claims) or offline. */
export async function setNodeStatus(db: Sql, nodeId: string, status: 'online' | 'draining' | 'offline'): Promise<void> {
  await db.query(`UPDATE training_nodes SET status = $2, last_heartbeat = now() WHERE id = $1`, [nodeId, status]);
}

/**
 * Beats for the node and for the runs it holds; returns the ids of held runs that are no longer this node's
 * live attempt (cancelled, or re-queued by a reaper), which the agent must stop.
 */
export async function heartbeat(db: Sql, nodeId: string, held: { runId: string; attempt: number }[]): Promise<string[]> {
  await db.query(`UPDATE training_nodes SET last_heartbeat = now(), status = CASE WHEN status = 'offline' THEN 'online' ELSE status END WHERE id = $1`, [nodeId]);
  if (held.length === 0) return [];
  const ids = held.map((run) => run.runId);
  const { rows } = await db.query(
    `UPDATE training_runs SET heartbeat_at = now()
      WHERE node_id = $1 AND status IN ('claimed', 'running') AND (id, attempts) IN (SELECT * FROM unnest($2::uuid[], $3::int[]))
      RETURNING id`,
    [nodeId, ids, held.map((run) => run.attempt)],
  );
  const alive = new Set(rows.map((row: { id: string }) => row.id));
  return ids.filter((id) => !alive.has(id));
}

/** Claims a queued run for a node (one attempt more); null when it is no longer queued (cancelled or taken). */
export async function claimRun(db: Sql, runId: string, node: { id: string; name: string }, gpuIndices: number[]): Promise<Claim | null> {
  const { rows } = await db.query(
    `UPDATE training_runs SET status = 'claimed', attempts = attempts + 1, node_id = $2, node_name = $3, assigned_gpus = $4,
            claimed_at = now(), heartbeat_at = now(), started_at = NULL, error = NULL
      WHERE id = $1 AND status = 'queued'
      RETURNING *`,
    [runId, node.id, node.name, JSON.stringify(gpuIndices)],
  );
  return rows[0] ? { run: rows[0], attempt: rows[0].attempts } : null;
}

/** claimed → running, only for the agent's own attempt; false when the run was taken away meanwhile. */
export async function markRunning(db: Sql, runId: string, attempt: number, nodeId: string): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE training_runs SET status = 'running', started_at = now(), heartbeat_at = now()
      WHERE id = $1 AND attempts = $2 AND node_id = $3 AND status = 'claimed' RETURNING id`,
    [runId, attempt, nodeId],
  );
  return rows.length === 1;
}

/** Ends the agent's attempt as succeeded/failed/cancelled; a no-op (false) if it is no longer that attempt's run. */
export async function finishRun(db: Sql, runId: string, attempt: number, nodeId: string, outcome: { status: 'succeeded' | 'failed' | 'cancelled'; exitCode: number | null; error: string | null; summary: unknown }): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE training_runs SET status = $4, exit_code = $5, error = $6, summary = $7, finished_at = now(), heartbeat_at = now()
      WHERE id = $1 AND attempts = $2 AND node_id = $3 AND status IN ('claimed', 'running') RETURNING id`,
    [runId, attempt, nodeId, outcome.status, outcome.exitCode, outcome.error, outcome.summary === null ? null : JSON.stringify(outcome.summary)],
  );
  return rows.length === 1;
}

/** Gives a run back to the queue on a graceful shutdown; the interrupted attempt does not count against the limit. */
export async function releaseRun(db: Sql, runId: string, attempt: number, nodeId: string): Promise<RunRow | null> {
  const { rows } = await db.query(
    `UPDATE training_runs SET status = 'queued', attempts = attempts - 1, node_id = NULL, assigned_gpus = NULL, queued_at = now(),
            error = 'released by node on shutdown'
      WHERE id = $1 AND attempts = $2 AND node_id = $3 AND status IN ('claimed', 'running') RETURNING *`,
    [runId, attempt, nodeId],
  );
  return rows[0] ?? null;
}

/**
 * Runs whose node stopped heartbeating for `timeoutSeconds`: back to queued, or failed once `max_attempts` are
 * used up. Each row is updated by exactly one reaper (row locks re-check the WHERE), so concurrent reapers are safe.
 */
export async function reapStaleRuns(db: Sql, timeoutSeconds: number): Promise<{ requeued: RunRow[]; failed: RunRow[] }> {
  const { rows } = await db.query(
    `UPDATE training_runs
        SET status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
            error = 'node ' || coalesce(node_name, '?') || ' stopped heartbeating (attempt ' || attempts || ' of ' || max_attempts || ')',
            finished_at = CASE WHEN attempts >= max_attempts THEN now() ELSE NULL END,
            queued_at = now(), node_id = NULL, assigned_gpus = NULL
      WHERE status IN ('claimed', 'running') AND heartbeat_at < now() - make_interval(secs => $1)
      RETURNING *`,
    [timeoutSeconds],
  );
  await db.query(`UPDATE training_nodes SET status = 'offline' WHERE status <> 'offline' AND last_heartbeat < now() - make_interval(secs => $1)`, [timeoutSeconds]);
  return { requeued: rows.filter((row: RunRow) => row.status === 'queued'), failed: rows.filter((row: RunRow) => row.status === 'failed') };
}

/** Queued runs that have waited at least `graceSeconds`, whose queue job the sweeper must check. */
export async function waitingRuns(db: Sql, graceSeconds: number): Promise<RunRow[]> {
  const { rows } = await db.query(`SELECT * FROM training_runs WHERE status = 'queued' AND queued_at < now() - make_interval(secs => $1) ORDER BY queued_at LIMIT 100`, [graceSeconds]);
  return rows;
}

/** Stores a batch of metric points for one attempt. */
export async function appendMetrics(db: Sql, runId: string, attempt: number, points: MetricPoint[]): Promise<void> {
  if (points.length === 0) return;
  await db.query(
    `INSERT INTO training_metrics (run_id, attempt, step, name, value)
     SELECT $1, $2, step, name, value FROM unnest($3::int[], $4::text[], $5::float8[]) AS t(step, name, value)`,
    [runId, attempt, points.map((point) => point.step), points.map((point) => point.name), points.map((point) => point.value)],
  );
}

/** Stores a batch of log lines for one attempt (seq keeps their order). */
export async function appendLogs(db: Sql, runId: string, attempt: number, lines: { stream: 'stdout' | 'stderr' | 'agent'; line: string }[]): Promise<void> {
  if (lines.length === 0) return;
  await db.query(
    `INSERT INTO training_logs (run_id, attempt, stream, line)
     SELECT $1, $2, stream, line FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS t(stream, line, n) ORDER BY n`,
    [runId, attempt, lines.map((entry) => entry.stream), lines.map((entry) => entry.line.slice(0, 8000))],
  );
}

/** Records stored artifacts of a run (a retried attempt replaces same-named ones). */
export async function addArtifacts(db: Sql, runId: string, artifacts: { name: string; kind: string; uri: string; bytes: number; sha256: string }[]): Promise<void> {
  for (const artifact of artifacts) {
    await db.query(
      `INSERT INTO training_artifacts (run_id, name, kind, uri, bytes, sha256) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (run_id, name) DO UPDATE SET kind = EXCLUDED.kind, uri = EXCLUDED.uri, bytes = EXCLUDED.bytes, sha256 = EXCLUDED.sha256, created_at = now()`,
      [runId, artifact.name, artifact.kind, artifact.uri, artifact.bytes, artifact.sha256],
    );
  }
}

/** The stored artifacts of a run. */
export async function runArtifacts(db: Sql, runId: string): Promise<{ name: string; kind: string; uri: string; bytes: number; sha256: string }[]> {
  const { rows } = await db.query(`SELECT name, kind, uri, bytes::float8 AS bytes, sha256 FROM training_artifacts WHERE run_id = $1 ORDER BY name`, [runId]);
  return rows;
}
