import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  claimRun,
  heartbeat,
  markRunning,
  reapStaleRuns,
  recordDelivery,
  registerNode,
  restartQueueWait,
  runStatus,
  snapshotLocation,
  waitingRuns,
  type HeartbeatContract,
} from '@clinrank/worker';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ALL_MIGRATIONS } from '../../../../migrations/index.js';
import { createTestDatabase, stopEmbeddedServer, type TestDatabase } from '../../../../test-support/test-database.js';

// The worker's repository (libs/worker/src/run-store.repository.ts) on a real PostgreSQL: the claim is exclusive even
// when nodes race for a run, the lease is renewed only for the live attempt, and the delivery bookkeeping.

const CONTRACT: HeartbeatContract = { intervalSeconds: 1, leaseSeconds: 30 };

describe('worker run store (claim and lease)', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let runId: string;
  const nodes: { id: string; name: string; heartbeat: HeartbeatContract }[] = [];

  const run = async () => (await pool.query(`SELECT * FROM training_runs WHERE id = $1`, [runId])).rows[0];

  beforeAll(async () => {
    database = await createTestDatabase();
    const dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      migrations: ALL_MIGRATIONS,
      migrationsTableName: 'schema_migrations',
      extra: { max: 2 },
    });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();
    pool = new pg.Pool({ connectionString: database.url, max: 6 });
    // An idle client cut off by the server (the forced drop at the end) is no failure of the code under test; a query's
    // own error still rejects its promise.
    pool.on('error', () => undefined);
    for (const name of ['n1', 'n2', 'n3', 'n4'])
      nodes.push({
        id: await registerNode(pool, { name, hostname: 'test', gpus: [], maxJobs: 1, heartbeat: CONTRACT }),
        name,
        heartbeat: CONTRACT,
      });
  }, 120_000);

  beforeEach(async () => {
    runId = (
      await pool.query(
        `INSERT INTO training_runs (kind, config, max_attempts) VALUES ('reward_model', '{}', 3) RETURNING id`,
      )
    ).rows[0].id;
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
    await stopEmbeddedServer();
  });

  it('lets exactly one of several racing nodes claim a queued run, as attempt 1 with its history row', async () => {
    const claims = await Promise.all(nodes.map((node) => claimRun(pool, runId, node, [0])));
    const winners = claims.filter((claim) => claim !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]!.attempt).toBe(1);
    const row = await run();
    expect(row).toMatchObject({
      status: 'claimed',
      attempts: 1,
      assigned_gpus: [0],
      heartbeat_seconds: 1,
      lease_seconds: 30,
    });
    expect(nodes.find((node) => node.id === row.node_id)).toBeDefined();
    const history = (await pool.query(`SELECT attempt, node_name FROM training_attempts WHERE run_id = $1`, [runId]))
      .rows;
    expect(history).toEqual([{ attempt: 1, node_name: row.node_name }]);
    expect(await claimRun(pool, runId, nodes[0], [])).toBeNull();
  });

  it('renews the lease only for the node holding the live attempt, and names the runs a node lost', async () => {
    const claim = (await claimRun(pool, runId, nodes[0], []))!;
    expect(await markRunning(pool, runId, claim.attempt, nodes[0].id)).toBe(true);
    await pool.query(`UPDATE training_runs SET heartbeat_deadline = now() - interval '1 second' WHERE id = $1`, [
      runId,
    ]);
    expect(await heartbeat(pool, nodes[1].id, [{ runId, attempt: claim.attempt }])).toEqual([runId]);
    expect((await run()).heartbeat_deadline.getTime()).toBeLessThan(Date.now());
    expect(await heartbeat(pool, nodes[0].id, [{ runId, attempt: claim.attempt }])).toEqual([]);
    expect((await run()).heartbeat_deadline.getTime()).toBeGreaterThan(Date.now() + 20_000);
    await pool.query(`UPDATE training_runs SET status = 'cancelled' WHERE id = $1`, [runId]);
    expect(await heartbeat(pool, nodes[0].id, [{ runId, attempt: claim.attempt }])).toEqual([runId]);
    expect(await runStatus(pool, runId)).toBe('cancelled');
  });

  it('re-queues a run past its deadline once, so the next claim is attempt 2', async () => {
    await claimRun(pool, runId, nodes[0], []);
    await pool.query(`UPDATE training_runs SET heartbeat_deadline = now() - interval '1 second' WHERE id = $1`, [
      runId,
    ]);
    const [first, second] = await Promise.all([
      reapStaleRuns(pool, 30, 'system:a'),
      reapStaleRuns(pool, 30, 'system:b'),
    ]);
    expect([...first.requeued, ...second.requeued].map((row) => row.id)).toEqual([runId]);
    expect((await claimRun(pool, runId, nodes[1], []))!.attempt).toBe(2);
  });

  it('records deliveries and restarts the wait of queued runs only', async () => {
    const jobId = randomUUID();
    await recordDelivery(pool, runId, 'clinrank-training-g0', jobId);
    await pool.query(`UPDATE training_runs SET queued_at = now() - interval '1 hour' WHERE id = $1`, [runId]);
    expect((await waitingRuns(pool, 60)).map((row) => [row.id, row.queue_name, row.queue_job_id])).toContainEqual([
      runId,
      'clinrank-training-g0',
      jobId,
    ]);
    await restartQueueWait(pool, runId);
    expect((await waitingRuns(pool, 60)).map((row) => row.id)).not.toContain(runId);
    expect(await runStatus(pool, '00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it("reads where a snapshot's files are", async () => {
    const id = (
      await pool.query(
        `INSERT INTO dataset_snapshots (request, manifest, directory, status) VALUES ('{}', '{}', '/data/s1', 'ready') RETURNING id`,
      )
    ).rows[0].id;
    expect(await snapshotLocation(pool, id)).toEqual({ directory: '/data/s1', status: 'ready' });
    expect(await snapshotLocation(pool, '00000000-0000-0000-0000-000000000000')).toBeNull();
  });
});
