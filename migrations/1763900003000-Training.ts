import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Training runs (lifecycle, attempts, fencing), GPU nodes, metric and log time series, artifacts. */
export class Training1763900003000 implements MigrationInterface {
  name = 'Training1763900003000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE training_nodes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        hostname text NOT NULL,
        gpus jsonb NOT NULL DEFAULT '[]',
        max_jobs integer NOT NULL DEFAULT 1,
        status text NOT NULL DEFAULT 'online' CHECK (status IN ('online', 'draining', 'offline')),
        started_at timestamptz NOT NULL DEFAULT now(),
        last_heartbeat timestamptz NOT NULL DEFAULT now()
      )`);

    // snapshot_id names a dataset_snapshots row; no foreign key so this table does not depend on the export migration's order.
    await db.query(`
      CREATE TABLE training_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('reward_model', 'ppo', 'evaluate_reward_model')),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'claimed', 'running', 'succeeded', 'failed', 'cancelled')),
        project_id uuid REFERENCES projects (id),
        snapshot_id uuid,
        parent_run_id uuid REFERENCES training_runs (id),
        config jsonb NOT NULL,
        gpus integer NOT NULL DEFAULT 0 CHECK (gpus >= 0),
        attempts integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
        node_id uuid REFERENCES training_nodes (id),
        node_name text,
        assigned_gpus jsonb,
        queue_name text,
        queue_job_id uuid,
        exit_code integer,
        error text,
        summary jsonb,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        queued_at timestamptz NOT NULL DEFAULT now(),
        claimed_at timestamptz,
        started_at timestamptz,
        heartbeat_at timestamptz,
        finished_at timestamptz
      )`);
    await db.query(`CREATE INDEX training_runs_status ON training_runs (status, heartbeat_at)`);
    await db.query(`CREATE INDEX training_runs_created ON training_runs (created_at DESC)`);

    await db.query(`
      CREATE TABLE training_metrics (
        id bigserial PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES training_runs (id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        step integer NOT NULL,
        name text NOT NULL,
        value double precision,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX training_metrics_series ON training_metrics (run_id, name, attempt, step)`);

    await db.query(`
      CREATE TABLE training_logs (
        run_id uuid NOT NULL REFERENCES training_runs (id) ON DELETE CASCADE,
        seq bigserial,
        attempt integer NOT NULL,
        stream text NOT NULL CHECK (stream IN ('stdout', 'stderr', 'agent')),
        line text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (run_id, seq)
      )`);

    await db.query(`
      CREATE TABLE training_artifacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        run_id uuid NOT NULL REFERENCES training_runs (id) ON DELETE CASCADE,
        name text NOT NULL,
        kind text NOT NULL,
        uri text NOT NULL,
        bytes bigint NOT NULL,
        sha256 text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (run_id, name)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'training_artifacts',
      'training_logs',
      'training_metrics',
      'training_runs',
      'training_nodes',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
