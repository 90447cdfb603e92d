import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createMigratedTestDatabase } from '../../../../test-support/medium-services.js';
import { startSilentServer } from '../../../../test-support/silent-server.js';
import { stopEmbeddedServer, type TestDatabase } from '../../../../test-support/test-database.js';
import { SessionChangeFeed } from './session-change-feed.js';
import { SESSION_CHANGES_CHANNEL } from './session-change-feed.repository.js';
import { UserRepository } from './user.repository.js';

const quiet = { info: () => undefined, warn: () => undefined };
/** Fast checks, so a lost connection is noticed within the test's patience. */
const TIMING = { checkMs: 100, answerMs: 500, retryMs: 100, maxRetryMs: 400 };

async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The feed against a real PostgreSQL: changes come from another connection, as the CLI's or another API process's
 * would. Each read passes one fixed `now`, so the cache's own expiry never runs out and only the feed (or its loss)
 * can make an account be read again.
 */
describe('SessionChangeFeed (real PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let other: pg.Client;
  let feed: SessionChangeFeed | null = null;
  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    // The repository's reads are plain SQL: a data source without entities serves them.
    dataSource = new DataSource({ type: 'postgres', url: database.url, extra: { max: 2 } });
    await dataSource.initialize();
    other = new pg.Client({ connectionString: database.url });
    await other.connect();
  }, 120_000);
  afterEach(async () => {
    await feed?.stop();
    feed = null;
  });
  afterAll(async () => {
    await other?.end();
    await dataSource?.destroy();
    await database?.drop();
    await stopEmbeddedServer();
  });

  async function newAnnotator(username: string): Promise<string> {
    const { rows } = await other.query(
      `INSERT INTO users (username, display_name, role) VALUES ($1, $1, 'annotator') RETURNING id`,
      [username],
    );
    return rows[0].id;
  }

  async function feedBackends(): Promise<number[]> {
    const { rows } = await other.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'clinrank-session-feed'`,
    );
    return rows.map((row) => row.pid);
  }

  it("drops an account that another connection changed, as the change commits, and only for a session's columns", async () => {
    const users = new UserRepository(dataSource);
    feed = new SessionChangeFeed(database.url, users, quiet, TIMING);
    await feed.start();
    expect(feed.live).toBe(true);
    const id = await newAnnotator('feed-changed');
    const now = Date.now();
    expect(await users.activeSessionUser(id, 0, now)).toMatchObject({ active: true, role: 'annotator' });

    const announced: string[] = [];
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    listener.on('notification', (message) => announced.push(message.payload ?? ''));
    await listener.query(`LISTEN ${SESSION_CHANGES_CHANNEL}`);
    try {
      await other.query(`UPDATE users SET display_name = 'Renamed' WHERE id = $1`, [id]);
      await other.query(`UPDATE users SET role = 'ml_engineer' WHERE id = $1`, [id]);
      await until(async () => (await users.activeSessionUser(id, 0, now))?.role === 'ml_engineer', 'the role shows');
      await other.query(`UPDATE users SET active = false WHERE id = $1`, [id]);
      await until(async () => (await users.activeSessionUser(id, 0, now))?.active === false, 'the deactivation shows');
      await until(() => announced.length === 2, 'both changes are announced');
      // The display name is not part of a session: no announcement for it.
      expect(announced).toEqual([id, id]);
    } finally {
      await listener.end();
    }
  });

  it('empties the cache when its connection is lost, and comes back on a new one', async () => {
    const users = new UserRepository(dataSource);
    feed = new SessionChangeFeed(database.url, users, quiet, TIMING);
    await feed.start();
    const id = await newAnnotator('feed-lost');
    const now = Date.now();
    expect(await users.activeSessionUser(id, 0, now)).toMatchObject({ active: true });

    // A change the feed cannot see: the cache keeps the account as it was.
    await other.query(`ALTER TABLE users DISABLE TRIGGER users_session_changed`);
    try {
      await other.query(`UPDATE users SET active = false WHERE id = $1`, [id]);
    } finally {
      await other.query(`ALTER TABLE users ENABLE TRIGGER users_session_changed`);
    }
    expect(await users.activeSessionUser(id, 0, now)).toMatchObject({ active: true });

    const [pid] = await feedBackends();
    await other.query(`SELECT pg_terminate_backend($1)`, [pid]);
    await until(() => !feed!.live, 'the feed notices');
    // Whatever it might have missed while down, the cache no longer answers from memory.
    expect(await users.activeSessionUser(id, 0, now)).toMatchObject({ active: false });

    await until(() => feed!.live, 'the feed is back');
    const [replacement] = await feedBackends();
    expect(replacement).not.toBe(pid);
    await other.query(`UPDATE users SET active = true WHERE id = $1`, [id]);
    expect(await users.activeSessionUser(id, 0, now)).toMatchObject({ active: true });
    await other.query(`UPDATE users SET token_version = 1 WHERE id = $1`, [id]);
    await until(async () => (await users.activeSessionUser(id, 0, now))?.token_version === 1, 'the new feed delivers');
  });

  it('keeps retrying while the database refuses it, and closes its connection when stopped', async () => {
    const users = new UserRepository(dataSource);
    const late = new URL(database.url);
    const name = `clinrank_feed_late_${process.pid}_${Date.now()}`;
    late.pathname = `/${name}`;
    const waiting = new SessionChangeFeed(late.toString(), users, quiet, TIMING);
    try {
      await waiting.start();
      expect(waiting.live).toBe(false);
      await other.query(`CREATE DATABASE ${name}`);
      await until(() => waiting.live, 'the database exists and the feed listens there');
    } finally {
      await waiting.stop();
      await other.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }

    feed = new SessionChangeFeed(database.url, users, quiet, TIMING);
    await feed.start();
    expect(await feedBackends()).toHaveLength(1);
    await feed.stop();
    expect(feed.live).toBe(false);
    await until(async () => (await feedBackends()).length === 0, 'its backend has gone');
  });

  it('gives up on a server that accepts the connection and never answers, and tries again', async () => {
    const silent = await startSilentServer();
    const stalled = new SessionChangeFeed(silent.url, new UserRepository(dataSource), quiet, {
      ...TIMING,
      connectMs: 200,
    });
    try {
      const started = Date.now();
      await stalled.start();
      expect(stalled.live).toBe(false);
      expect(Date.now() - started).toBeLessThan(2_000);
      await until(() => silent.connections() >= 2, 'it connects again');
    } finally {
      await stalled.stop();
      await silent.close();
    }
  });
});
