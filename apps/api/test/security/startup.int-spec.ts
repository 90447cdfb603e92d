import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  freePort,
  stopEmbeddedServer,
  type TestDatabase,
} from '../../../../test-support/test-database.js';

// Finding 1 and 6 as an operator meets them: the built server started by hand, listening beyond loopback with the
// demo accounts seeded, must warn, sign with a key of its own, and keep /metrics shut without METRICS_TOKEN.

let database: TestDatabase;
let dataDir: string;
let server: ChildProcess;
let output = '';
let port: number;

async function healthy(): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the API exited with ${server.exitCode}:\n${output}`);
    if (/clinrank is running/.test(output)) return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`the API did not start:\n${output}`);
}

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--server-only', '--quiet'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  database = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'clinrank-startup-'));
  port = await freePort();
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    HOST: '0.0.0.0',
    PORT: String(port),
    DATABASE_URL: database.url,
    CLINRANK_DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    WEB_DIR: '/nonexistent',
  };
  server = spawn(process.execPath, ['dist/apps/api/src/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout?.on('data', (chunk) => (output += chunk));
  server.stderr?.on('data', (chunk) => (output += chunk));
  await healthy();
}, 120_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((done) => server.once('exit', done));
    server.kill('SIGTERM');
    await exited;
  }
  await database?.drop();
  await stopEmbeddedServer();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('starting the server beyond loopback', () => {
  it('warns in the banner that the demo accounts are reachable, and that /metrics is off', () => {
    expect(output).toMatch(/WARNING: demo accounts with the public password "demo" are reachable on 0\.0\.0\.0/);
    expect(output).toMatch(/\/metrics is switched off: HOST 0\.0\.0\.0 is not loopback and METRICS_TOKEN is unset/);
  });

  it('signs with a random key created for its data directory, readable by its owner only', () => {
    const key = join(dataDir, 'jwt-secret');
    expect(readFileSync(key, 'utf8').length).toBeGreaterThanOrEqual(32);
    expect(statSync(key).mode & 0o777).toBe(0o600);
  });

  it('refuses /metrics without METRICS_TOKEN', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('clinrank_http_request_duration_seconds');
  });
});
