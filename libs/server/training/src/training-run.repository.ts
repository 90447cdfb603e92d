import { Inject, Injectable } from '@nestjs/common';
import type { Sql } from '@clinrank/worker';
import { DataSource, type EntityManager } from 'typeorm';
import { defineSql } from '@clinrank/server-core';

/** A training_runs row as stored (snake_case columns; config and summary as JSON). */
export interface TrainingRunRow {
  id: string;
  kind: string;
  status: string;
  project_id: string | null;
  snapshot_id: string | null;
  parent_run_id: string | null;
  config: unknown;
  gpus: number;
  attempts: number;
  max_attempts: number;
  node_name: string | null;
  assigned_gpus: number[] | null;
  heartbeat_seconds: number | null;
  lease_seconds: number | null;
  heartbeat_deadline: Date | null;
  heartbeat_at: Date | null;
  exit_code: number | null;
  error: string | null;
  summary: unknown;
  queue_name: string | null;
  queue_job_id: string | null;
  created_at: Date;
  claimed_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface NewTrainingRun {
  kind: string;
  projectId: string | null;
  snapshotId: string | null;
  parentRunId: string | null;
  config: unknown;
  gpus: number;
  maxAttempts: number;
  createdBy: string | null;
}

export interface RunFilter {
  status: string | null;
  kind: string | null;
  projectId: string | null;
  limit: number;
  offset: number;
}

export interface MetricSeriesRow {
  name: string;
  attempt: number;
  steps: number[];
  values: (number | null)[];
}

export interface TrainingAttemptRow {
  attempt: number;
  node_name: string;
  assigned_gpus: number[] | null;
  heartbeat_seconds: number | null;
  lease_seconds: number | null;
  claimed_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
  last_heartbeat: Date | null;
  outcome: 'succeeded' | 'failed' | 'lost' | 'cancelled' | 'released' | null;
  error: string | null;
}

export interface LogLineRow {
  seq: string;
  attempt: number;
  stream: string;
  line: string;
  at: Date;
}

export interface RunArtifactRow {
  attempt: number | null;
  name: string;
  kind: string;
  uri: string;
  bytes: number;
  sha256: string;
  created_at: Date;
}

export interface TrainingNodeRow {
  id: string;
  name: string;
  hostname: string;
  status: string;
  gpus: { index: number; name: string; memoryMiB: number | null }[];
  max_jobs: number;
  heartbeat_seconds: number | null;
  lease_seconds: number | null;
  last_heartbeat: Date;
  started_at: Date;
  current_run_ids: string[];
}

const ANY_LIVE_RUN = defineSql(
  'training.any-live-run',
  `SELECT EXISTS (SELECT 1 FROM training_runs WHERE status IN ('queued', 'claimed', 'running')) AS live`,
);
const INSERT_RUN = defineSql(
  'training.insert-run',
  `
  INSERT INTO training_runs (kind, project_id, snapshot_id, parent_run_id, config, gpus, max_attempts, created_by)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
);
const LOCK_RUN = defineSql('training.lock-run', `SELECT * FROM training_runs WHERE id = $1 FOR UPDATE`);
const CANCEL_RUN = defineSql(
  'training.cancel-run',
  `UPDATE training_runs SET status = 'cancelled', finished_at = now(), heartbeat_deadline = NULL, error = 'cancelled by ' || $2::text WHERE id = $1`,
);
const CANCEL_ATTEMPT = defineSql(
  'training.cancel-attempt',
  `
  UPDATE training_attempts SET outcome = 'cancelled', ended_at = now(), error = 'cancelled by ' || $3::text, last_heartbeat = $4
   WHERE run_id = $1 AND attempt = $2 AND outcome IS NULL`,
);
const RUN_BY_ID = defineSql('training.run-by-id', `SELECT * FROM training_runs WHERE id = $1`);
const RUNS = defineSql(
  'training.runs',
  `
  SELECT * FROM training_runs
   WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2) AND ($5::uuid IS NULL OR project_id = $5)
   ORDER BY created_at DESC LIMIT $3 OFFSET $4`,
);
const METRIC_SERIES = defineSql(
  'training.metric-series',
  `
  WITH latest AS (SELECT max(attempt) AS attempt FROM training_metrics WHERE run_id = $1)
  SELECT name, attempt, array_agg(step ORDER BY step, id) AS steps, array_agg(value ORDER BY step, id) AS values
    FROM training_metrics
   WHERE run_id = $1 AND (attempt = (SELECT attempt FROM latest) OR $3) AND ($2::text[] IS NULL OR name = ANY($2))
   GROUP BY name, attempt ORDER BY name, attempt`,
);
const ATTEMPTS = defineSql('training.attempts', `SELECT * FROM training_attempts WHERE run_id = $1 ORDER BY attempt`);
const LOG_TAIL = defineSql(
  'training.log-tail',
  `SELECT * FROM (SELECT seq, attempt, stream, line, at FROM training_logs WHERE run_id = $1 ORDER BY seq DESC LIMIT $2) tail ORDER BY seq`,
);
const ARTIFACTS = defineSql(
  'training.artifacts',
  `SELECT attempt, name, kind, uri, bytes::float8 AS bytes, sha256, created_at FROM training_artifacts WHERE run_id = $1 ORDER BY name`,
);
const NODES = defineSql(
  'training.nodes',
  `
  SELECT n.*, coalesce(array_agg(r.id ORDER BY r.claimed_at) FILTER (WHERE r.id IS NOT NULL), '{}') AS current_run_ids
    FROM training_nodes n LEFT JOIN training_runs r ON r.node_id = n.id AND r.status IN ('claimed', 'running')
   GROUP BY n.id ORDER BY n.name`,
);
const LATEST_BERTSCORE = defineSql(
  'training.latest-bertscore',
  `
  SELECT r.id, r.finished_at, r.summary, a.uri, a.sha256
    FROM training_runs r LEFT JOIN training_artifacts a ON a.run_id = r.id AND a.name = 'metrics.json'
   WHERE r.project_id = $1 AND r.kind = 'bertscore' AND r.status = 'succeeded'
   ORDER BY r.finished_at DESC LIMIT 1`,
);

/** A finished BERTScore run with its metrics.json artifact (null uri when it stored none). */
export interface BertScoreRunRow {
  id: string;
  finished_at: Date;
  summary: unknown;
  uri: string | null;
  sha256: string | null;
}

/**
 * Training runs as the API sees them: submission, cancellation and what the UI watches. The run lifecycle of the
 * nodes (claim, heartbeat, finish, reaping) is the worker's repository (@clinrank/worker, run-store.repository.ts);
 * `workerDb` hands it the pool under TypeORM.
 */
@Injectable()
export class TrainingRunRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The pg pool under TypeORM, as the worker library's minimal SQL interface. */
  workerDb(): Sql {
    const pool = (this.dataSource.driver as unknown as { master: Sql }).master;
    return { query: (text, params) => pool.query(text, params) };
  }

  async anyLiveRun(): Promise<boolean> {
    const [{ live }]: { live: boolean }[] = await this.dataSource.query(ANY_LIVE_RUN.text);
    return live;
  }

  /** Inserts a queued run inside the caller's transaction (its audit row goes in the same one). */
  async insert(manager: EntityManager, run: NewTrainingRun): Promise<TrainingRunRow> {
    const [row]: TrainingRunRow[] = await manager.query(INSERT_RUN.text, [
      run.kind,
      run.projectId,
      run.snapshotId,
      run.parentRunId,
      JSON.stringify(run.config),
      run.gpus,
      run.maxAttempts,
      run.createdBy,
    ]);
    return row;
  }

  /** The run, locked for the caller's transaction; null when there is none. */
  async lock(manager: EntityManager, runId: string): Promise<TrainingRunRow | null> {
    const [row]: TrainingRunRow[] = await manager.query(LOCK_RUN.text, [runId]);
    return row ?? null;
  }

  /** Cancels a locked run and ends its open attempt, by `by`; returns the run as it is now. */
  async cancel(manager: EntityManager, run: TrainingRunRow, by: string): Promise<TrainingRunRow> {
    // No RETURNING: TypeORM hands UPDATE results back as [rows, count]; read the row afterwards instead.
    await manager.query(CANCEL_RUN.text, [run.id, by]);
    await manager.query(CANCEL_ATTEMPT.text, [run.id, run.attempts, by, run.heartbeat_at]);
    const [updated]: TrainingRunRow[] = await manager.query(RUN_BY_ID.text, [run.id]);
    return updated;
  }

  async findById(runId: string): Promise<TrainingRunRow | null> {
    const [row]: TrainingRunRow[] = await this.dataSource.query(RUN_BY_ID.text, [runId]);
    return row ?? null;
  }

  /** Runs, newest first, filtered by status, kind and project when given. */
  list(filter: RunFilter): Promise<TrainingRunRow[]> {
    return this.dataSource.query(RUNS.text, [
      filter.status,
      filter.kind,
      filter.limit,
      filter.offset,
      filter.projectId,
    ]);
  }

  /** Metric series of the latest attempt that reported any, and with `earlier` those before it (null names: all). */
  metricSeries(runId: string, names: string[] | null, earlier: boolean): Promise<MetricSeriesRow[]> {
    return this.dataSource.query(METRIC_SERIES.text, [runId, names, earlier]);
  }

  attempts(runId: string): Promise<TrainingAttemptRow[]> {
    return this.dataSource.query(ATTEMPTS.text, [runId]);
  }

  /** The last `limit` log lines of a run, oldest first. */
  logTail(runId: string, limit: number): Promise<LogLineRow[]> {
    return this.dataSource.query(LOG_TAIL.text, [runId, limit]);
  }

  artifacts(runId: string): Promise<RunArtifactRow[]> {
    return this.dataSource.query(ARTIFACTS.text, [runId]);
  }

  /** The project's latest succeeded BERTScore run, or null. */
  async latestSucceededBertScore(projectId: string): Promise<BertScoreRunRow | null> {
    const [row]: BertScoreRunRow[] = await this.dataSource.query(LATEST_BERTSCORE.text, [projectId]);
    return row ?? null;
  }

  /** Nodes by name, with the runs each holds. */
  nodes(): Promise<TrainingNodeRow[]> {
    return this.dataSource.query(NODES.text);
  }
}
