import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@clinrank/server-core';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let embedded: Promise<EmbeddedDatabase> | null = null;
let embeddedDir: string | null = null;

/** The server tests run on: DATABASE_URL when set (CI points it at the machine's PostgreSQL), else an embedded one. */
async function serverUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  if (!embedded) {
    embeddedDir = mkdtempSync(join(tmpdir(), 'clinrank-test-pg-'));
    const dir = embeddedDir;
    embedded = freePort().then((port) => startEmbeddedPostgres(dir, port, pino({ level: 'silent' })));
  }
  return (await embedded).url;
}

/** Stops the embedded server, if this test file started one. */
export async function stopEmbeddedServer(): Promise<void> {
  if (!embedded) return;
  await (await embedded).stop();
  if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
  embedded = null;
}

/** A fresh, uniquely named database on the test server, dropped afterwards. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = new URL(await serverUrl());
  const name = `clinrank_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: base.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
