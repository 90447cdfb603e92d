import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@clinrank/server-core';
import { freePort } from '../../../test-support/test-database.js';
import { runCli, startCli } from './support/run-cli.js';

// The server's embedded PostgreSQL, started as `npm start` does, on a port the CLI is not told about.
let server: EmbeddedDatabase;
let serverDir: string;
let otherPort: number;
const scratch: string[] = [];

function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clinrank-embedded-cli-'));
  scratch.push(dir);
  return dir;
}

async function query<T>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  serverDir = scratchDir();
  server = await startEmbeddedPostgres(serverDir, await freePort(), pino({ level: 'silent' }));
  otherPort = await freePort();
}, 120_000);

afterAll(async () => {
  await server?.stop();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('the CLI without DATABASE_URL', () => {
  it("finds the running embedded server through the data directory's lock file, whatever EMBEDDED_PG_PORT says", async () => {
    const env = { CLINRANK_DATA_DIR: serverDir, EMBEDDED_PG_PORT: String(otherPort) };
    const created = await runCli(
      ['projects', 'create', '--slug', 'shared', '--name', 'Shared', '--kind', 'pairwise'],
      env,
    );
    expect({ code: created.code, stderr: created.stderr.replace(/^build: .*\n/m, '') }).toEqual({
      code: 0,
      stderr: '',
    });
    expect(await query<{ slug: string }>('SELECT slug FROM projects')).toEqual([{ slug: 'shared' }]);
  }, 60_000);

  it('runs the worker against that server: the node registers in its database', async () => {
    const worker = startCli(['worker', '--gpus', 'none', '--name', 'embedded-node', '--heartbeat-seconds', '1'], {
      CLINRANK_DATA_DIR: serverDir,
      EMBEDDED_PG_PORT: String(otherPort),
    });
    let output = '';
    worker.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => worker.once('close', resolve));
    try {
      const deadline = Date.now() + 45_000;
      let nodes: { name: string }[] = [];
      while (Date.now() < deadline && nodes.length === 0) {
        nodes = await query<{ name: string }>(`SELECT name FROM training_nodes WHERE name = 'embedded-node'`).catch(
          () => [],
        );
        if (nodes.length === 0) await new Promise((resolve) => setTimeout(resolve, 300));
      }
      expect({ nodes, output: nodes.length ? '' : output }).toEqual({ nodes: [{ name: 'embedded-node' }], output: '' });
      expect(output).toContain(`using the embedded PostgreSQL of ${serverDir}`);
    } finally {
      worker.kill('SIGTERM');
      await exited;
    }
  }, 60_000);

  it('refuses to run a worker when no embedded server runs on its data directory, creating nothing', async () => {
    const empty = scratchDir();
    const run = await runCli(['worker', '--gpus', 'none'], {
      CLINRANK_DATA_DIR: empty,
      EMBEDDED_PG_PORT: String(otherPort),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`no embedded PostgreSQL is running on ${empty}`);
    expect(existsSync(join(empty, 'pg'))).toBe(false);
  }, 60_000);

  it('says so when a command creates a new, empty embedded database', async () => {
    const fresh = scratchDir();
    const run = await runCli(['projects', 'list'], { CLINRANK_DATA_DIR: fresh, EMBEDDED_PG_PORT: String(otherPort) });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`created a new, empty embedded database in ${fresh}`);
    expect(run.stdout).toMatch(/^no projects/);
  }, 120_000);
});
