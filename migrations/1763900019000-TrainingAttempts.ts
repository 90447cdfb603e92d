import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attempt history and the heartbeat contract: every claim writes a `training_attempts` row (node, interval, lease,
 * times, outcome); a run records its owner's heartbeat interval, lease and deadline, so every reaper uses the
 * owner's deadline; released attempts are counted apart so attempt numbers only grow; artifacts name their attempt.
 */
export class TrainingAttempts1763900019000 implements MigrationInterface {
  name = 'TrainingAttempts1763900019000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE training_runs
        ADD COLUMN heartbeat_seconds integer,
        ADD COLUMN lease_seconds integer,
        ADD COLUMN heartbeat_deadline timestamptz,
        ADD COLUMN released_attempts integer NOT NULL DEFAULT 0`);
    await db.query(
      `CREATE INDEX training_runs_deadline ON training_runs (heartbeat_deadline) WHERE status IN ('claimed', 'running')`,
    );
    await db.query(`ALTER TABLE training_nodes ADD COLUMN heartbeat_seconds integer, ADD COLUMN lease_seconds integer`);
    await db.query(`ALTER TABLE training_artifacts ADD COLUMN attempt integer`);
    await db.query(`
      CREATE TABLE training_attempts (
        run_id uuid NOT NULL REFERENCES training_runs (id) ON DELETE CASCADE,
        attempt integer NOT NULL CHECK (attempt >= 1),
        node_id uuid REFERENCES training_nodes (id),
        node_name text NOT NULL,
        assigned_gpus jsonb,
        heartbeat_seconds integer,
        lease_seconds integer,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        ended_at timestamptz,
        last_heartbeat timestamptz,
        outcome text CHECK (outcome IN ('succeeded', 'failed', 'lost', 'cancelled', 'released')),
        error text,
        PRIMARY KEY (run_id, attempt)
      )`);
    // The latest attempt of runs claimed before this migration: the only one their row still describes.
    await db.query(`
      INSERT INTO training_attempts (run_id, attempt, node_id, node_name, assigned_gpus, claimed_at, started_at, ended_at, last_heartbeat, outcome, error)
      SELECT id, attempts, node_id, node_name, assigned_gpus, coalesce(claimed_at, created_at), started_at, finished_at, heartbeat_at,
             CASE WHEN status IN ('succeeded', 'failed', 'cancelled') THEN status
                  WHEN status = 'queued' AND error LIKE 'released%' THEN 'released'
                  WHEN status = 'queued' THEN 'lost' END,
             error
        FROM training_runs WHERE attempts >= 1 AND node_name IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS training_attempts`);
    await db.query(`ALTER TABLE training_artifacts DROP COLUMN IF EXISTS attempt`);
    await db.query(
      `ALTER TABLE training_nodes DROP COLUMN IF EXISTS heartbeat_seconds, DROP COLUMN IF EXISTS lease_seconds`,
    );
    await db.query(`DROP INDEX IF EXISTS training_runs_deadline`);
    await db.query(`
      ALTER TABLE training_runs DROP COLUMN IF EXISTS heartbeat_seconds, DROP COLUMN IF EXISTS lease_seconds,
        DROP COLUMN IF EXISTS heartbeat_deadline, DROP COLUMN IF EXISTS released_attempts`);
  }
}
