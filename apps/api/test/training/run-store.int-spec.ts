import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  appendLogs,
  appendMetrics,
  auditRefusedUpload,
  claimRun,
  finishRun,
  heartbeat,
  markRunning,
  ownsLiveRun,
  reapStaleRuns,
  registerNode,
  releaseRun,
  runArtifacts,
  type HeartbeatContract,
} from '@clinrank/worker';
import pg from 'pg';
import { stopEmbeddedServer, type TestDatabase } from '../../../../test-support/test-database.js';
import { createMigratedTestDatabase } from '../../../../test-support/medium-services.js';

// The run store's SQL on a real, migrated PostgreSQL: attempt numbering, the recorded heartbeat contract, fencing.

const FAST: HeartbeatContract = { intervalSeconds: 1, leaseSeconds: 4 };
const SLOW: HeartbeatContract = { intervalSeconds: 45, leaseSeconds: 135 };
const ARTIFACT = {
  name: 'model.pt',
  kind: 'reward_model',
  uri: 'file:///store/runs/r/attempt-1/model.pt',
  bytes: 7,
  sha256: 'a'.repeat(64),
};

describe('run store (fencing, attempts, heartbeat contract)', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let nodeA: { id: string; name: string; heartbeat: HeartbeatContract };
  let nodeB: { id: string; name: string; heartbeat: HeartbeatContract };
  let runId: string;

  const run = async () => (await pool.query(`SELECT * FROM training_runs WHERE id = $1`, [runId])).rows[0];
  const attempts = async () =>
    (
      await pool.query(
        `SELECT attempt, node_name, outcome, error, last_heartbeat, heartbeat_seconds, lease_seconds FROM training_attempts WHERE run_id = $1 ORDER BY attempt`,
        [runId],
      )
    ).rows;
  const audit = async () =>
    (await pool.query(`SELECT actor, action, details FROM audit_log WHERE entity_id = $1 ORDER BY id`, [runId])).rows;
  const claim = async (node: typeof nodeA) => {
    const claimed = await claimRun(pool, runId, node, []);
    if (!claimed) throw new Error('the run was not claimable');
    return { runId, attempt: claimed.attempt, nodeId: node.id };
  };

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 3 });
    const register = async (name: string, heartbeat: HeartbeatContract) => ({
      id: await registerNode(pool, { name, hostname: 'test', gpus: [], maxJobs: 1, heartbeat }),
      name,
      heartbeat,
    });
    nodeA = await register('node-a', FAST);
    nodeB = await register('node-b', SLOW);
  }, 60_000);

  beforeEach(async () => {
    const { rows } = await pool.query(
      `INSERT INTO training_runs (kind, config, max_attempts) VALUES ('reward_model', '{}', 2) RETURNING id`,
    );
    runId = rows[0].id;
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
    await stopEmbeddedServer();
  }, 60_000);

  it("records the claiming node's heartbeat contract and deadline, and an attempt row", async () => {
    await claim(nodeB);
    const row = (
      await pool.query(
        `SELECT attempts, heartbeat_seconds, lease_seconds, extract(epoch FROM heartbeat_deadline - heartbeat_at)::int AS grace FROM training_runs WHERE id = $1`,
        [runId],
      )
    ).rows[0];
    expect(row).toEqual({ attempts: 1, heartbeat_seconds: 45, lease_seconds: 135, grace: 135 });
    expect(await attempts()).toEqual([
      expect.objectContaining({
        attempt: 1,
        node_name: 'node-b',
        outcome: null,
        heartbeat_seconds: 45,
        lease_seconds: 135,
      }),
    ]);
  });

  it("reaps a run only after its owner's recorded deadline, whatever the reaper's own timeout", async () => {
    const fence = await claim(nodeB);
    await markRunning(pool, runId, fence.attempt, nodeB.id);
    // Silent for 50 s: past a 4 s reaper's timeout, well within node-b's 135 s lease.
    await pool.query(
      `UPDATE training_runs SET heartbeat_at = now() - interval '50 seconds', heartbeat_deadline = now() + interval '85 seconds' WHERE id = $1`,
      [runId],
    );
    expect(await reapStaleRuns(pool, 4, 'system:test')).toEqual({ requeued: [], failed: [] });
    expect((await run()).status).toBe('running');
    // A beat moves the deadline on by node-b's own lease.
    expect(await heartbeat(pool, nodeB.id, [{ runId, attempt: fence.attempt }])).toEqual([]);
    const grace = (
      await pool.query(
        `SELECT extract(epoch FROM heartbeat_deadline - now())::int AS grace FROM training_runs WHERE id = $1`,
        [runId],
      )
    ).rows[0].grace;
    expect(grace).toBeGreaterThan(130);

    await pool.query(
      `UPDATE training_runs SET heartbeat_at = now() - interval '136 seconds', heartbeat_deadline = now() - interval '1 second' WHERE id = $1`,
      [runId],
    );
    const reaped = await reapStaleRuns(pool, 1000, 'system:test');
    expect(reaped.requeued.map((row) => row.id)).toEqual([runId]);
    expect(await run()).toMatchObject({
      status: 'queued',
      node_id: null,
      node_name: null,
      heartbeat_deadline: null,
      error: expect.stringMatching(/^node node-b stopped heartbeating \(last heartbeat \S+Z, attempt 1 of 2\)$/),
    });
    const [lost] = await attempts();
    expect(lost).toMatchObject({ attempt: 1, node_name: 'node-b', outcome: 'lost' });
    expect(Date.now() - new Date(lost.last_heartbeat).getTime()).toBeGreaterThan(130_000);
    expect(await audit()).toEqual([
      {
        actor: 'system:test',
        action: 'training.requeue',
        details: expect.objectContaining({ attempt: 1, node: 'node-b', leaseSeconds: 135 }),
      },
    ]);
  });

  it('keeps attempt numbers growing through a release, and does not count released attempts against the limit', async () => {
    const first = await claim(nodeA);
    expect(await releaseRun(pool, first, 'system:worker/node-a')).toMatchObject({
      status: 'queued',
      attempts: 1,
      released_attempts: 1,
      node_name: null,
      error: 'released by node node-a on shutdown',
    });
    expect(await releaseRun(pool, first, 'system:worker/node-a')).toBeNull(); // no longer its run
    const second = await claim(nodeA);
    expect(second.attempt).toBe(2);
    await pool.query(`UPDATE training_runs SET heartbeat_deadline = now() - interval '1 second' WHERE id = $1`, [
      runId,
    ]);
    expect((await reapStaleRuns(pool, 4, 'system:test')).requeued).toHaveLength(1); // 2 attempts, 1 released: 1 of 2 used
    const third = await claim(nodeB);
    expect(third.attempt).toBe(3);
    await pool.query(`UPDATE training_runs SET heartbeat_deadline = now() - interval '1 second' WHERE id = $1`, [
      runId,
    ]);
    expect((await reapStaleRuns(pool, 4, 'system:test')).failed).toHaveLength(1);
    expect(await run()).toMatchObject({ status: 'failed', attempts: 3, node_name: 'node-b' });
    expect((await attempts()).map((row) => [row.attempt, row.node_name, row.outcome])).toEqual([
      [1, 'node-a', 'released'],
      [2, 'node-a', 'lost'],
      [3, 'node-b', 'lost'],
    ]);
    expect((await audit()).map((row) => row.action)).toEqual([
      'training.release',
      'training.requeue',
      'training.lost_fail',
    ]);
  });

  it("refuses a stale attempt's telemetry and upload; only the finishing attempt promotes its artifacts", async () => {
    const stale = await claim(nodeA);
    expect(await appendMetrics(pool, stale, [{ step: 1, name: 'loss', value: 0.7 }])).toBe(true);
    await pool.query(`UPDATE training_runs SET heartbeat_deadline = now() - interval '1 second' WHERE id = $1`, [
      runId,
    ]);
    await reapStaleRuns(pool, 4, 'system:test');
    const current = await claim(nodeB);

    expect(await appendMetrics(pool, stale, [{ step: 2, name: 'loss', value: 0.6 }])).toBe(false);
    expect(await appendLogs(pool, stale, [{ stream: 'stdout', line: 'late' }])).toBe(false);
    expect(await ownsLiveRun(pool, stale)).toBe(false);
    expect(
      await finishRun(pool, stale, { status: 'succeeded', exitCode: 0, error: null, summary: {} }, [ARTIFACT]),
    ).toBe(false);
    expect(await runArtifacts(pool, runId)).toEqual([]);
    expect(await auditRefusedUpload(pool, stale, 'system:worker/node-a', 'the attempt no longer owns the run')).toEqual(
      { status: 'claimed', attempt: 2, nodeName: 'node-b' },
    );

    expect(await appendLogs(pool, current, [{ stream: 'stdout', line: 'mine' }])).toBe(true);
    const promoted = { ...ARTIFACT, uri: 'file:///store/runs/r/attempt-2/model.pt' };
    expect(
      await finishRun(pool, current, { status: 'succeeded', exitCode: 0, error: null, summary: { ok: true } }, [
        promoted,
      ]),
    ).toBe(true);
    expect(await runArtifacts(pool, runId)).toEqual([
      { name: 'model.pt', kind: 'reward_model', uri: promoted.uri, bytes: 7, sha256: ARTIFACT.sha256 },
    ]);
    expect((await pool.query(`SELECT attempt FROM training_artifacts WHERE run_id = $1`, [runId])).rows).toEqual([
      { attempt: 2 },
    ]);
    expect(await finishRun(pool, current, { status: 'failed', exitCode: 1, error: 'again', summary: null })).toBe(
      false,
    ); // finished once
    expect(await appendLogs(pool, current, [{ stream: 'agent', line: 'after the end' }])).toBe(true); // still its attempt
    expect((await pool.query(`SELECT attempt, step FROM training_metrics WHERE run_id = $1`, [runId])).rows).toEqual([
      { attempt: 1, step: 1 },
    ]);
    expect((await attempts()).map((row) => [row.attempt, row.outcome])).toEqual([
      [1, 'lost'],
      [2, 'succeeded'],
    ]);
    expect((await audit()).map((row) => row.action)).toEqual(['training.requeue', 'training.upload_refused']);
  });
});
