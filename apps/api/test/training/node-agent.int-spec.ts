import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryArtifactStore, NodeAgent, type Sql } from '@clinrank/worker';
import pg from 'pg';
import { stopEmbeddedServer, type TestDatabase } from '../../../../test-support/test-database.js';
import { createMigratedTestDatabase } from '../../../../test-support/medium-services.js';

// The node agent's own lifecycle on a real, migrated PostgreSQL, with a heartbeat held back to open its race window.

const IS_NODE_HEARTBEAT = /UPDATE training_nodes SET last_heartbeat = now\(\), status = CASE/;

/** The pool, except that while `hold` is set each node heartbeat waits for `release` before it reaches the database. */
function withHeldHeartbeats(pool: pg.Pool) {
  let release: () => void = () => undefined;
  let gate = Promise.resolve();
  let held: () => void = () => undefined;
  const state = {
    hold(): Promise<void> {
      gate = new Promise((resolve) => (release = resolve));
      return new Promise((resolve) => (held = resolve));
    },
    release: () => release(),
  };
  const db: Sql = {
    async query(text, params) {
      if (IS_NODE_HEARTBEAT.test(text)) {
        held();
        await gate;
      }
      return pool.query(text, params);
    },
  };
  return { db, ...state };
}

describe('node agent lifecycle', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let dir: string;

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
    dir = mkdtempSync(join(tmpdir(), 'clinrank-agent-'));
  }, 60_000);

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
    await stopEmbeddedServer();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('stays offline once stopped, even when a heartbeat was in flight as it shut down', async () => {
    const heartbeats = withHeldHeartbeats(pool);
    const log: string[] = [];
    const agent = new NodeAgent({
      db: heartbeats.db,
      closeDb: async () => undefined,
      databaseUrl: database.url,
      name: 'node-racing',
      gpus: [],
      maxJobs: 1,
      store: new DirectoryArtifactStore(join(dir, 'artifacts')),
      workDir: join(dir, 'work'),
      python: '/usr/bin/python3',
      trainerRoot: dir,
      heartbeatSeconds: 1,
      heartbeatTimeoutSeconds: 4,
      keepFailedBytes: 0,
      pollSeconds: 60,
      onTerm: 'requeue',
      log: (message) => log.push(message),
    });
    await agent.start();
    const status = async () =>
      (await pool.query(`SELECT status FROM training_nodes WHERE name = 'node-racing'`)).rows[0].status;
    expect(await status()).toBe('online');

    await heartbeats.hold(); // the next timed heartbeat is now in flight, held before it reaches the database
    const stopping = agent.stop('requeue');
    await new Promise((resolve) => setTimeout(resolve, 300));
    heartbeats.release();
    await stopping;
    await agent.stopped;

    expect(await status()).toBe('offline');
    expect(log.at(-1)).toBe('node node-racing offline after 0 runs');
  }, 30_000);
});
