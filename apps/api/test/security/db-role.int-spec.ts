// Finding 15 (the app's database role can bypass the audit trigger), replayed on the embedded mode and on DATABASE_URL.
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { loadConfig, APP_ROLE } from '@clinrank/server-core';
import { startPlatform, type RunningPlatform } from '../../src/platform.js';
import {
  createTestDatabase,
  freePort,
  stopEmbeddedServer,
  type TestDatabase,
} from '../../../../test-support/test-database.js';

const silent = pino({ level: 'silent' });
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await stopEmbeddedServer();
});

/** What the attack tried with the API's own connection: every attempt must be refused by PostgreSQL. */
async function expectNoWayAroundTheAuditTrail(dataSource: DataSource) {
  const [me] = await dataSource.query(
    `SELECT current_user AS name, rolsuper, rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
  );
  expect(me).toEqual({ name: APP_ROLE, rolsuper: false, rolcreaterole: false, rolbypassrls: false });
  const [{ owned }] = await dataSource.query(
    `SELECT count(*)::int AS owned FROM pg_tables WHERE tableowner = current_user`,
  );
  expect(owned).toBe(0);
  await expect(dataSource.query(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied/);
  await expect(dataSource.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`)).rejects.toThrow(
    /must be owner/,
  );
  await expect(dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
  await expect(dataSource.query(`CREATE TABLE sneaky (id int)`)).rejects.toThrow(/permission denied/);
  // …while its ordinary work still goes through.
  await dataSource.query(`INSERT INTO audit_log (actor, action, entity_type) VALUES ('test', 'probe', 'none')`);
  const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'probe'`);
  expect(n).toBe(1);
  // Imports refresh the queue's planner statistics through the owner's function; the role may call it.
  await dataSource.query(`SELECT clinrank_refresh_queue_statistics()`);
  const [{ analysed }] = await dataSource.query(
    `SELECT reltuples >= 0 AS analysed FROM pg_class WHERE oid = 'items'::regclass`,
  );
  expect(analysed).toBe(true);
}

describe('the API connects as clinrank_app, migrations run as the owner', () => {
  it('in the embedded mode (no DATABASE_URL), which creates both roles', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'clinrank-sec-role-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      CLINRANK_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      SEED_DEMO: 'true',
      WEB_DIR: '/nonexistent',
    });
    const platform: RunningPlatform = await startPlatform(config, silent);
    cleanups.push(() => platform.close());
    expect(platform.database.embedded).toBe(true);
    await expectNoWayAroundTheAuditTrail(platform.dataSource);
    const [{ owner }] = await platform.dataSource.query(
      `SELECT tableowner AS owner FROM pg_tables WHERE tablename = 'audit_log'`,
    );
    expect(owner).toBe('clinrank');
    const health = await fetch(`${platform.url}/health`).then(
      (response) => response.json() as Promise<{ status: string }>,
    );
    expect(health.status).toBe('ok');
  }, 180_000);

  it('on DATABASE_URL (the owner), making the role itself when it may', async () => {
    const database: TestDatabase = await createTestDatabase();
    cleanups.push(() => database.drop());
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      SEED_DEMO: 'false',
      WEB_DIR: '/nonexistent',
    });
    const platform = await startPlatform(config, silent);
    cleanups.push(() => platform.close());
    await expectNoWayAroundTheAuditTrail(platform.dataSource);
  }, 120_000);

  it('refuses a DATABASE_APP_URL that connects as a superuser, in one line', async () => {
    const database: TestDatabase = await createTestDatabase();
    cleanups.push(() => database.drop());
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      DATABASE_APP_URL: database.url,
      SEED_DEMO: 'false',
      WEB_DIR: '/nonexistent',
    });
    await expect(startPlatform(config, silent)).rejects.toThrow(/DATABASE_APP_URL connects as (a superuser|the owner)/);
  }, 120_000);
});
