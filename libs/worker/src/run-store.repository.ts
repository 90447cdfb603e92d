import type { GpuInfo } from './gpus.js';
import type { MetricPoint } from './trainer-events.js';
import type { RunStatus } from './job-spec.js';

/** A named statement of the worker (same shape as the server's `defineSql`, which this framework-free lib may not import). */
export interface WorkerSql {
  readonly name: string;
  readonly text: string;
}

function workerSql(name: string, text: string): WorkerSql {
  const lines = text.replace(/^\n+|\s+$/g, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.match(/^ */)![0].length));
  return Object.freeze({ name, text: lines.map((line) => line.slice(indent)).join('\n') });
}

const REGISTER_NODE = workerSql(
  'worker.register-node',
  `
  INSERT INTO training_nodes (name, hostname, gpus, max_jobs, status, started_at, last_heartbeat, heartbeat_seconds, lease_seconds)
    VALUES ($1, $2, $3, $4, 'online', now(), now(), $5, $6)
    ON CONFLICT (name) DO UPDATE SET hostname = EXCLUDED.hostname, gpus = EXCLUDED.gpus, max_jobs = EXCLUDED.max_jobs,
      status = 'online', started_at = now(), last_heartbeat = now(), heartbeat_seconds = EXCLUDED.heartbeat_seconds, lease_seconds = EXCLUDED.lease_seconds
    RETURNING id`,
);
const SET_NODE_STATUS = workerSql(
  'worker.set-node-status',
  `
  UPDATE training_nodes SET status = $2, last_heartbeat = now() WHERE id = $1`,
);
const BEAT_NODE = workerSql(
  'worker.beat-node',
  `
  UPDATE training_nodes SET last_heartbeat = now(), status = CASE WHEN status = 'offline' THEN 'online' ELSE status END WHERE id = $1`,
);
const BEAT_RUNS = workerSql(
  'worker.beat-runs',
  `
  UPDATE training_runs SET heartbeat_at = now(), heartbeat_deadline = now() + make_interval(secs => lease_seconds)
    WHERE node_id = $1 AND status IN ('claimed', 'running') AND (id, attempts) IN (SELECT * FROM unnest($2::uuid[], $3::int[]))
    RETURNING id`,
);
const CLAIM_RUN = workerSql(
  'worker.claim-run',
  `
  WITH claimed AS (
      UPDATE training_runs SET status = 'claimed', attempts = attempts + 1, node_id = $2, node_name = $3, assigned_gpus = $4,
             claimed_at = now(), heartbeat_at = now(), heartbeat_seconds = $5::int, lease_seconds = $6::int,
             heartbeat_deadline = now() + make_interval(secs => $6::int), started_at = NULL, error = NULL
       WHERE id = $1 AND status = 'queued'
       RETURNING *),
    history AS (
      INSERT INTO training_attempts (run_id, attempt, node_id, node_name, assigned_gpus, heartbeat_seconds, lease_seconds, last_heartbeat)
      SELECT id, attempts, node_id, node_name, assigned_gpus, heartbeat_seconds, lease_seconds, now() FROM claimed
      ON CONFLICT (run_id, attempt) DO NOTHING)
    SELECT * FROM claimed`,
);
const MARK_RUNNING = workerSql(
  'worker.mark-running',
  `
  WITH running AS (
      UPDATE training_runs SET status = 'running', started_at = now(), heartbeat_at = now(), heartbeat_deadline = now() + make_interval(secs => lease_seconds)
       WHERE id = $1 AND attempts = $2 AND node_id = $3 AND status = 'claimed' RETURNING id),
    history AS (UPDATE training_attempts SET started_at = now() WHERE run_id = (SELECT id FROM running) AND attempt = $2)
    SELECT id FROM running`,
);
const FINISH_RUN = workerSql(
  'worker.finish-run',
  `
  WITH finished AS (
      UPDATE training_runs SET status = $4, exit_code = $5, error = $6, summary = $7, finished_at = now(), heartbeat_at = now(), heartbeat_deadline = NULL
       WHERE id = $1 AND attempts = $2 AND node_id = $3 AND status IN ('claimed', 'running') RETURNING id),
    history AS (
      UPDATE training_attempts SET outcome = $4, error = $6, ended_at = now(), last_heartbeat = now()
       WHERE run_id = (SELECT id FROM finished) AND attempt = $2),
    promoted AS (
      INSERT INTO training_artifacts (run_id, attempt, name, kind, uri, bytes, sha256)
      SELECT f.id, $2, a.name, a.kind, a.uri, a.bytes, a.sha256
        FROM finished f, unnest($8::text[], $9::text[], $10::text[], $11::bigint[], $12::text[]) AS a(name, kind, uri, bytes, sha256)
      ON CONFLICT (run_id, name) DO UPDATE SET attempt = EXCLUDED.attempt, kind = EXCLUDED.kind, uri = EXCLUDED.uri, bytes = EXCLUDED.bytes,
             sha256 = EXCLUDED.sha256, created_at = now())
    SELECT id FROM finished`,
);
const OWNS_LIVE_RUN = workerSql(
  'worker.owns-live-run',
  `
  SELECT 1 FROM training_runs WHERE id = $1 AND attempts = $2 AND node_id = $3 AND status IN ('claimed', 'running')`,
);
const AUDIT_REFUSED_UPLOAD = workerSql(
  'worker.audit-refused-upload',
  `
  INSERT INTO audit_log (actor, action, entity_type, entity_id, project_id, before, after, details)
    SELECT $4, 'training.upload_refused', 'training_run', r.id::text, r.project_id, NULL, NULL,
           jsonb_build_object('attempt', $2::int, 'nodeId', $3::text, 'reason', $5::text, 'runStatus', r.status, 'runAttempt', r.attempts, 'runNode', r.node_name)
      FROM training_runs r WHERE r.id = $1
    RETURNING details`,
);
const RELEASE_RUN = workerSql(
  'worker.release-run',
  `
  WITH released AS (
      UPDATE training_runs SET status = 'queued', released_attempts = released_attempts + 1, node_id = NULL, node_name = NULL, assigned_gpus = NULL,
             heartbeat_deadline = NULL, queued_at = now(), error = 'released by node ' || coalesce(node_name, '?') || ' on shutdown'
       WHERE id = $1 AND attempts = $2 AND node_id = $3 AND status IN ('claimed', 'running') RETURNING *),
    history AS (
      UPDATE training_attempts SET outcome = 'released', error = (SELECT error FROM released), ended_at = now(), last_heartbeat = (SELECT heartbeat_at FROM released)
       WHERE run_id = (SELECT id FROM released) AND attempt = $2),
    audited AS (
      INSERT INTO audit_log (actor, action, entity_type, entity_id, project_id, before, after, details)
      SELECT $4, 'training.release', 'training_run', id::text, project_id, jsonb_build_object('status', 'running', 'attempt', attempts), jsonb_build_object('status', 'queued'),
             jsonb_build_object('attempt', attempts, 'reason', error)
        FROM released)
    SELECT * FROM released`,
);
const REAP_STALE_RUNS = workerSql(
  'worker.reap-stale-runs',
  `
  WITH stale AS (
      UPDATE training_runs
         SET status = CASE WHEN attempts - released_attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
             error = 'node ' || coalesce(node_name, '?') || ' stopped heartbeating (last heartbeat ' ||
                     coalesce(to_char(heartbeat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'never') || ', attempt ' || attempts || ' of ' || max_attempts || ')',
             finished_at = CASE WHEN attempts - released_attempts >= max_attempts THEN now() ELSE NULL END,
             node_name = CASE WHEN attempts - released_attempts >= max_attempts THEN node_name ELSE NULL END,
             queued_at = now(), node_id = NULL, assigned_gpus = NULL, heartbeat_deadline = NULL
       WHERE status IN ('claimed', 'running') AND coalesce(heartbeat_deadline, heartbeat_at + make_interval(secs => $1)) < now()
       RETURNING *),
    history AS (
      UPDATE training_attempts a SET outcome = 'lost', error = s.error, ended_at = now(), last_heartbeat = s.heartbeat_at
        FROM stale s WHERE a.run_id = s.id AND a.attempt = s.attempts AND a.outcome IS NULL
      RETURNING a.run_id, a.node_name),
    audited AS (
      INSERT INTO audit_log (actor, action, entity_type, entity_id, project_id, before, after, details)
      SELECT $2, CASE WHEN s.status = 'queued' THEN 'training.requeue' ELSE 'training.lost_fail' END, 'training_run', s.id::text, s.project_id,
             jsonb_build_object('status', 'running', 'attempt', s.attempts, 'node', h.node_name), jsonb_build_object('status', s.status),
             jsonb_build_object('attempt', s.attempts, 'node', h.node_name, 'lastHeartbeat', s.heartbeat_at, 'leaseSeconds', s.lease_seconds, 'reason', s.error)
        FROM stale s LEFT JOIN history h ON h.run_id = s.id)
    SELECT * FROM stale`,
);
const MARK_SILENT_NODES_OFFLINE = workerSql(
  'worker.mark-silent-nodes-offline',
  `
  UPDATE training_nodes SET status = 'offline' WHERE status <> 'offline' AND last_heartbeat < now() - make_interval(secs => coalesce(lease_seconds, $1))`,
);
const WAITING_RUNS = workerSql(
  'worker.waiting-runs',
  `
  SELECT * FROM training_runs WHERE status = 'queued' AND queued_at < now() - make_interval(secs => $1) ORDER BY queued_at LIMIT 100`,
);
const APPEND_METRICS = workerSql(
  'worker.append-metrics',
  `
  WITH owner AS (SELECT 1 FROM training_runs WHERE id = $1 AND attempts = $2 AND node_id = $6),
    stored AS (
      INSERT INTO training_metrics (run_id, attempt, step, name, value)
      SELECT $1, $2, step, name, value FROM unnest($3::int[], $4::text[], $5::float8[]) AS t(step, name, value) WHERE EXISTS (SELECT 1 FROM owner)
      RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM owner) AS owned`,
);
const APPEND_LOGS = workerSql(
  'worker.append-logs',
  `
  WITH owner AS (SELECT 1 FROM training_runs WHERE id = $1 AND attempts = $2 AND node_id = $5),
    stored AS (
      INSERT INTO training_logs (run_id, attempt, stream, line)
      SELECT $1, $2, stream, line FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS t(stream, line, n) WHERE EXISTS (SELECT 1 FROM owner) ORDER BY n
      RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM owner) AS owned`,
);
const RUN_ARTIFACTS = workerSql(
  'worker.run-artifacts',
  `
  SELECT name, kind, uri, bytes::float8 AS bytes, sha256 FROM training_artifacts WHERE run_id = $1 ORDER BY name`,
);

const RECORD_DELIVERY = workerSql(
  'worker.record-delivery',
  `UPDATE training_runs SET queue_name = $2, queue_job_id = $3 WHERE id = $1`,
);
const LOST_DELIVERIES = workerSql(
  'worker.lost-deliveries',
  `SELECT * FROM training_runs WHERE status = 'queued' AND queue_name IS NOT NULL AND queue_job_id IS NULL ORDER BY queued_at`,
);
const RESTART_QUEUE_WAIT = workerSql(
  'worker.restart-queue-wait',
  `UPDATE training_runs SET queued_at = now() WHERE id = $1 AND status = 'queued'`,
);
const RUN_STATUS = workerSql('worker.run-status', `SELECT status FROM training_runs WHERE id = $1`);
// The dataset feature owns dataset_snapshots; a node reads only where a snapshot's files are (this lib may not import it).
const SNAPSHOT_LOCATION = workerSql(
  'worker.snapshot-location',
  `SELECT directory, status FROM dataset_snapshots WHERE id = $1`,
);
// The queue (task feature) reads item_uncertainty; the worker exports a project's open items and stores their scores.
const OPEN_ITEMS_FOR_SCORING = workerSql(
  'worker.open-items-for-scoring',
  `
  SELECT i.id, i.prompt, i.messages,
         (SELECT json_agg(json_build_object('id', r.id, 'text', r.text) ORDER BY r.position) FROM responses r WHERE r.item_id = i.id) AS responses
    FROM items i JOIN projects p ON p.id = i.project_id
   WHERE i.project_id = $1 AND NOT i.is_gold AND i.label_count < coalesce(i.target_overlap, p.overlap)
     AND (SELECT count(*) FROM responses r WHERE r.item_id = i.id) BETWEEN 2 AND p.max_responses
   ORDER BY i.id`,
);
const STORE_UNCERTAINTY = workerSql(
  'worker.store-uncertainty',
  `
  WITH run AS (SELECT id FROM training_runs WHERE id = $1 AND project_id = $2 AND status = 'succeeded'),
    stored AS (
      INSERT INTO item_uncertainty (item_id, project_id, run_id, score, reward_gap, scored_at)
      SELECT t.item_id, $2, $1, t.score, t.reward_gap, now()
        FROM unnest($3::uuid[], $4::float8[], $5::float8[]) AS t(item_id, score, reward_gap)
        JOIN items i ON i.id = t.item_id AND i.project_id = $2
       WHERE EXISTS (SELECT 1 FROM run)
      ON CONFLICT (item_id) DO UPDATE SET run_id = EXCLUDED.run_id, score = EXCLUDED.score, reward_gap = EXCLUDED.reward_gap,
             scored_at = EXCLUDED.scored_at
      RETURNING 1),
    -- Scores of items this scoring left out (labelled meanwhile, or gone) are dropped: the distribution is of open items.
    cleared AS (
      DELETE FROM item_uncertainty WHERE project_id = $2 AND NOT (item_id = ANY($3::uuid[])) AND EXISTS (SELECT 1 FROM run))
    SELECT (SELECT count(*)::int FROM stored) AS stored`,
);

/**
 * The worker's one way to the database: every statement the worker runs is in this file. The one thing it needs from a
 * database client (a pg Pool or PoolClient fits; the API passes TypeORM's pool).
 */
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
  project_id: string | null;
  heartbeat_seconds: number | null;
  lease_seconds: number | null;
  released_attempts: number;
}

/**
 * The heartbeat contract a node claims under: it beats every `intervalSeconds`, and a run it holds is presumed lost
 * once `leaseSeconds` pass without a beat. Both are recorded on the claim, so every reaper uses the owner's deadline.
 */
export interface HeartbeatContract {
  intervalSeconds: number;
  leaseSeconds: number;
}

/** Who owns an attempt: the fence every write of an agent carries. */
export interface AttemptFence {
  runId: string;
  attempt: number;
  nodeId: string;
}

/** A claim: the run plus the attempt number that fences every later write of this agent. */
export interface Claim {
  run: RunRow;
  attempt: number;
}

/** Registers (or re-registers after a restart) a node by name and returns its id. */
export async function registerNode(
  db: Sql,
  node: { name: string; hostname: string; gpus: GpuInfo[]; maxJobs: number; heartbeat: HeartbeatContract },
): Promise<string> {
  const { rows } = await db.query(REGISTER_NODE.text, [
    node.name,
    node.hostname,
    JSON.stringify(node.gpus),
    node.maxJobs,
    node.heartbeat.intervalSeconds,
    node.heartbeat.leaseSeconds,
  ]);
  return rows[0].id;
}

/** Marks a node draining (no new claims) or offline. */
export async function setNodeStatus(db: Sql, nodeId: string, status: 'online' | 'draining' | 'offline'): Promise<void> {
  await db.query(SET_NODE_STATUS.text, [nodeId, status]);
}

/**
 * Beats for the node and for the runs it holds; returns the ids of held runs that are no longer this node's
 * live attempt (cancelled, or re-queued by a reaper), which the agent must stop.
 */
export async function heartbeat(
  db: Sql,
  nodeId: string,
  held: { runId: string; attempt: number }[],
): Promise<string[]> {
  await db.query(BEAT_NODE.text, [nodeId]);
  if (held.length === 0) return [];
  const ids = held.map((run) => run.runId);
  const { rows } = await db.query(BEAT_RUNS.text, [nodeId, ids, held.map((run) => run.attempt)]);
  const alive = new Set(rows.map((row: { id: string }) => row.id));
  return ids.filter((id) => !alive.has(id));
}

/**
 * Claims a queued run for a node: the attempt number grows by one (never reused), the node's heartbeat contract and
 * first deadline are recorded, and the attempt gets its history row. Null when the run is no longer queued.
 */
export async function claimRun(
  db: Sql,
  runId: string,
  node: { id: string; name: string; heartbeat: HeartbeatContract },
  gpuIndices: number[],
): Promise<Claim | null> {
  const { rows } = await db.query(CLAIM_RUN.text, [
    runId,
    node.id,
    node.name,
    JSON.stringify(gpuIndices),
    node.heartbeat.intervalSeconds,
    node.heartbeat.leaseSeconds,
  ]);
  return rows[0] ? { run: rows[0], attempt: rows[0].attempts } : null;
}

/** claimed → running, only for the agent's own attempt; false when the run was taken away meanwhile. */
export async function markRunning(db: Sql, runId: string, attempt: number, nodeId: string): Promise<boolean> {
  const { rows } = await db.query(MARK_RUNNING.text, [runId, attempt, nodeId]);
  return rows.length === 1;
}

/** A stored artifact as the run's manifest lists it. */
export interface ArtifactRecord {
  name: string;
  kind: string;
  uri: string;
  bytes: number;
  sha256: string;
}

/**
 * Ends the agent's attempt as succeeded/failed/cancelled and, in the same statement, promotes the attempt's uploaded
 * artifacts to the run: both happen only while (run, attempt, node) still owns a live run, else nothing (false).
 */
export async function finishRun(
  db: Sql,
  fence: AttemptFence,
  outcome: {
    status: 'succeeded' | 'failed' | 'cancelled';
    exitCode: number | null;
    error: string | null;
    summary: unknown;
  },
  artifacts: ArtifactRecord[] = [],
): Promise<boolean> {
  const { rows } = await db.query(FINISH_RUN.text, [
    fence.runId,
    fence.attempt,
    fence.nodeId,
    outcome.status,
    outcome.exitCode,
    outcome.error,
    outcome.summary === null ? null : JSON.stringify(outcome.summary),
    artifacts.map((artifact) => artifact.name),
    artifacts.map((artifact) => artifact.kind),
    artifacts.map((artifact) => artifact.uri),
    artifacts.map((artifact) => artifact.bytes),
    artifacts.map((artifact) => artifact.sha256),
  ]);
  return rows.length === 1;
}

/** Whether (run, attempt, node) still owns a live run: checked before an attempt uploads anything. */
export async function ownsLiveRun(db: Sql, fence: AttemptFence): Promise<boolean> {
  const { rows } = await db.query(OWNS_LIVE_RUN.text, [fence.runId, fence.attempt, fence.nodeId]);
  return rows.length === 1;
}

/** Audits an attempt's refused upload, with what the run looked like when it was refused; returns that state. */
export async function auditRefusedUpload(
  db: Sql,
  fence: AttemptFence,
  actor: string,
  reason: string,
): Promise<{ status: string; attempt: number; nodeName: string | null } | null> {
  const { rows } = await db.query(AUDIT_REFUSED_UPLOAD.text, [fence.runId, fence.attempt, fence.nodeId, actor, reason]);
  const details = rows[0]?.details;
  return details ? { status: details.runStatus, attempt: details.runAttempt, nodeName: details.runNode } : null;
}

/**
 * Gives a run back to the queue on a graceful shutdown. The attempt keeps its number (the next claim takes a new
 * one) and ends as `released`; it is counted in `released_attempts`, so it does not use up `max_attempts`.
 */
export async function releaseRun(db: Sql, fence: AttemptFence, actor: string): Promise<RunRow | null> {
  const { rows } = await db.query(RELEASE_RUN.text, [fence.runId, fence.attempt, fence.nodeId, actor]);
  return rows[0] ?? null;
}

/**
 * Runs whose owner missed its recorded heartbeat deadline (the deadline its own contract set; `fallbackSeconds` only
 * for runs claimed before deadlines were recorded): back to queued, or failed once `max_attempts` attempts that
 * were not released are used up. The attempt ends as `lost` with its last heartbeat; each loss is audited as
 * `training.requeue` or `training.lost_fail` by `actor`. Row locks re-check the WHERE, so concurrent reapers are safe.
 */
export async function reapStaleRuns(
  db: Sql,
  fallbackSeconds: number,
  actor: string,
): Promise<{ requeued: RunRow[]; failed: RunRow[] }> {
  const { rows } = await db.query(REAP_STALE_RUNS.text, [fallbackSeconds, actor]);
  await db.query(MARK_SILENT_NODES_OFFLINE.text, [fallbackSeconds]);
  return {
    requeued: rows.filter((row: RunRow) => row.status === 'queued'),
    failed: rows.filter((row: RunRow) => row.status === 'failed'),
  };
}

/** Queued runs that have waited at least `graceSeconds`, whose queue job the sweeper must check. */
export async function waitingRuns(db: Sql, graceSeconds: number): Promise<RunRow[]> {
  const { rows } = await db.query(WAITING_RUNS.text, [graceSeconds]);
  return rows;
}

/**
 * Stores a batch of metric points for one attempt, only while that attempt still owns the run (a cancelled or
 * finished run still belongs to its last attempt); false when the batch was refused.
 */
export async function appendMetrics(db: Sql, fence: AttemptFence, points: MetricPoint[]): Promise<boolean> {
  if (points.length === 0) return true;
  const { rows } = await db.query(APPEND_METRICS.text, [
    fence.runId,
    fence.attempt,
    points.map((point) => point.step),
    points.map((point) => point.name),
    points.map((point) => point.value),
    fence.nodeId,
  ]);
  return rows[0].owned;
}

/** Stores a batch of log lines for one attempt (seq keeps their order), fenced like `appendMetrics`. */
export async function appendLogs(
  db: Sql,
  fence: AttemptFence,
  lines: { stream: 'stdout' | 'stderr' | 'agent'; line: string }[],
): Promise<boolean> {
  if (lines.length === 0) return true;
  const { rows } = await db.query(APPEND_LOGS.text, [
    fence.runId,
    fence.attempt,
    lines.map((entry) => entry.stream),
    lines.map((entry) => entry.line.slice(0, 8000)),
    fence.nodeId,
  ]);
  return rows[0].owned;
}

/** The artifacts promoted to a run (its manifest), by the attempt that finished it. */
export async function runArtifacts(db: Sql, runId: string): Promise<ArtifactRecord[]> {
  const { rows } = await db.query(RUN_ARTIFACTS.text, [runId]);
  return rows;
}

/** Records the pg-boss job that delivers a queued run. */
export async function recordDelivery(db: Sql, runId: string, queueName: string, jobId: string): Promise<void> {
  await db.query(RECORD_DELIVERY.text, [runId, queueName, jobId]);
}

/**
 * Queued runs whose recorded delivery was cleared because the queue's schema went away (a queue name with no job id:
 * recordDelivery always sets both).
 */
export async function lostDeliveries(db: Sql): Promise<RunRow[]> {
  const { rows } = await db.query(LOST_DELIVERIES.text);
  return rows;
}

/** Restarts a still-queued run's wait after its delivery was re-sent. */
export async function restartQueueWait(db: Sql, runId: string): Promise<void> {
  await db.query(RESTART_QUEUE_WAIT.text, [runId]);
}

/** A run's status, or null when there is no such run. */
export async function runStatus(db: Sql, runId: string): Promise<RunStatus | null> {
  const { rows } = await db.query(RUN_STATUS.text, [runId]);
  return rows[0]?.status ?? null;
}

/** Where a dataset snapshot's files are and whether it is ready; null when there is no such snapshot. */
export async function snapshotLocation(
  db: Sql,
  snapshotId: string,
): Promise<{ directory: string; status: string } | null> {
  const { rows } = await db.query(SNAPSHOT_LOCATION.text, [snapshotId]);
  return rows[0] ?? null;
}

/** An open item as the reward-model scorer reads it. */
export interface ScoringItemRow {
  id: string;
  prompt: string | null;
  messages: { role: string; content: string }[] | null;
  responses: { id: string; text: string }[];
}

/** The project's open items (not gold, with a free slot, two responses or more within its limit), by id. */
export async function openItemsForScoring(db: Sql, projectId: string): Promise<ScoringItemRow[]> {
  const { rows } = await db.query(OPEN_ITEMS_FOR_SCORING.text, [projectId]);
  return rows;
}

/** One item's reward-model uncertainty (higher: less certain). */
export interface ItemScoreRecord {
  itemId: string;
  score: number;
  rewardGap: number;
}

/**
 * Replaces the project's uncertainty scores with those of a succeeded reward-model run (scores of items it left out are
 * dropped); nothing is written unless the run succeeded on that project. Returns how many were stored.
 */
export async function storeUncertainty(
  db: Sql,
  runId: string,
  projectId: string,
  scores: ItemScoreRecord[],
): Promise<number> {
  const { rows } = await db.query(STORE_UNCERTAINTY.text, [
    runId,
    projectId,
    scores.map((entry) => entry.itemId),
    scores.map((entry) => entry.score),
    scores.map((entry) => entry.rewardGap),
  ]);
  return rows[0].stored;
}

/** `db` as pg-boss's database (pg-boss runs its own SQL through it). */
export function pgBossDb(db: Sql): { executeSql: (text: string, values: unknown[]) => Promise<{ rows: unknown[] }> } {
  return { executeSql: (text, values) => db.query(text, values) };
}

/** Every statement of the worker, for `npm run queries` (queries/worker.sql). */
export const WORKER_STATEMENTS: readonly WorkerSql[] = [
  REGISTER_NODE,
  SET_NODE_STATUS,
  BEAT_NODE,
  BEAT_RUNS,
  CLAIM_RUN,
  MARK_RUNNING,
  FINISH_RUN,
  OWNS_LIVE_RUN,
  AUDIT_REFUSED_UPLOAD,
  RELEASE_RUN,
  REAP_STALE_RUNS,
  MARK_SILENT_NODES_OFFLINE,
  WAITING_RUNS,
  APPEND_METRICS,
  APPEND_LOGS,
  RUN_ARTIFACTS,
  RECORD_DELIVERY,
  LOST_DELIVERIES,
  RESTART_QUEUE_WAIT,
  RUN_STATUS,
  SNAPSHOT_LOCATION,
  OPEN_ITEMS_FOR_SCORING,
  STORE_UNCERTAINTY,
];
