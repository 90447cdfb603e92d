import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QUEUE_SCHEMA, TrainingQueue } from '@clinrank/worker';
import { readFileSync } from 'node:fs';
import { PgBoss } from 'pg-boss';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ALL_MIGRATIONS } from '../../../../migrations/index.js';
import { createTestDatabase, stopEmbeddedServer, type TestDatabase } from '../../../../test-support/test-database.js';

// The upgrade from pg-boss 10 to 12 on a real PostgreSQL: a run queued under pg-boss 10 (its real schema, built from
// 10.4.2's own construction plan, with the run's job in it) is delivered by pg-boss 12 after the migration.

const V10_SCHEMA = readFileSync(new URL('./fixtures/pgboss-10.4.2-construction.sql', import.meta.url), 'utf8');
const QUEUE = 'clinrank-training-g0';

/** Undoes the latest migrations up to and including the move to pg-boss 12; returns how many it undid. */
async function undoThroughPgBoss12Queue(dataSource: DataSource): Promise<number> {
  const latest = async () =>
    (await dataSource.query(`SELECT name FROM schema_migrations ORDER BY id DESC LIMIT 1`))[0].name as string;
  let count = 0;
  for (;;) {
    const name = await latest();
    await dataSource.undoLastMigration({ transaction: 'each' });
    count++;
    if (name.startsWith('PgBoss12Queue')) return count;
  }
}

describe('queue upgrade from pg-boss 10', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let pool: pg.Pool;
  let queue: TrainingQueue | null = null;
  let undone = 0;

  const schemas = async () =>
    (await pool.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'pgboss%' ORDER BY 1`)).rows.map(
      (row) => row.nspname as string,
    );
  const run = async (id: string) => (await pool.query(`SELECT * FROM training_runs WHERE id = $1`, [id])).rows[0];
  const insertRun = async () =>
    (
      await pool.query(
        `INSERT INTO training_runs (kind, config, max_attempts) VALUES ('reward_model', '{}', 3) RETURNING id`,
      )
    ).rows[0].id as string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      migrations: ALL_MIGRATIONS,
      migrationsTableName: 'schema_migrations',
      extra: { max: 2 },
    });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    // Back to the schema of the last release on pg-boss 10: undo every migration down to the queue's move.
    undone = await undoThroughPgBoss12Queue(dataSource);
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
    pool.on('error', () => undefined);
  }, 120_000);

  afterAll(async () => {
    await queue?.close();
    await pool?.end();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
    await stopEmbeddedServer();
  });

  it('re-sends a run queued under pg-boss 10 into the new schema, and only runs whose delivery was lost', async () => {
    // pg-boss 10's layout, and a run it delivers: the job in pgboss.job, recorded on the run as TrainingQueue did.
    await pool.query(V10_SCHEMA);
    await pool.query(`SELECT pgboss.create_queue($1, '{"policy":"standard"}'::json)`, [QUEUE]);
    const queuedUnderV10 = await insertRun();
    const [job] = (
      await pool.query(`INSERT INTO pgboss.job (name, data) VALUES ($1, $2) RETURNING id`, [
        QUEUE,
        { runId: queuedUnderV10 },
      ])
    ).rows;
    await pool.query(`UPDATE training_runs SET queue_name = $2, queue_job_id = $3 WHERE id = $1`, [
      queuedUnderV10,
      QUEUE,
      job.id,
    ]);
    // A run whose row is committed but whose delivery is not sent yet (a dispatch in flight) is not resent at open.
    const beingQueued = await insertRun();

    // pg-boss 12 cannot take the old schema over: its oldest migration starts from schema version 25.
    const inPlace = new PgBoss({ db: { executeSql: (text, values) => pool.query(text, values) }, schema: 'pgboss' });
    inPlace.on('error', () => undefined);
    await expect(inPlace.start()).rejects.toThrow(/version 24/);
    await inPlace.stop({ graceful: false }).catch(() => undefined);

    expect(await dataSource.runMigrations({ transaction: 'each' })).toHaveLength(undone);
    expect(await schemas()).toEqual([]);
    expect(await run(queuedUnderV10)).toMatchObject({ status: 'queued', queue_name: QUEUE, queue_job_id: null });

    queue = await TrainingQueue.open(pool);
    expect(await schemas()).toEqual([QUEUE_SCHEMA]);
    const redelivered = await run(queuedUnderV10);
    expect(redelivered.queue_job_id).not.toBeNull();
    expect(redelivered.queue_job_id).not.toBe(job.id);
    expect(await queue.fetchFitting(0)).toEqual({
      queue: QUEUE,
      jobId: redelivered.queue_job_id,
      runId: queuedUnderV10,
      gpus: 0,
    });
    expect(await queue.fetchFitting(8)).toBeNull();
    expect(await run(beingQueued)).toMatchObject({ queue_name: null, queue_job_id: null });
  }, 120_000);
});
