import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

export const ROOT = resolve(process.cwd());

export interface TestServer {
  url: string;
  /** The server's database when it runs on DATABASE_URL's server (not the embedded one). */
  databaseUrl?: string;
  stop(): Promise<void>;
  log(): string;
}

/** A free TCP port on localhost. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Builds the API and the UI (`node scripts/build.mjs`), once per test file. */
export function buildAll(): void {
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
}

async function createDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `clinrank_e2e_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`the API did not become healthy within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Starts `node dist/apps/api/src/main.js` with the demo seed on a fresh database: a uniquely named one on the
 * DATABASE_URL server when set (dropped afterwards), else the embedded PostgreSQL in a temp data dir.
 */
export async function startServer(extraEnv: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    SEED_DEMO: 'true',
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...extraEnv,
  };
  let cleanup: () => Promise<void>;
  if (process.env.DATABASE_URL) {
    const database = await createDatabase(process.env.DATABASE_URL);
    env.DATABASE_URL = database.url;
    cleanup = database.drop;
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'clinrank-e2e-'));
    delete env.DATABASE_URL;
    env.CLINRANK_DATA_DIR = dataDir;
    env.EMBEDDED_PG_PORT = String(await freePort());
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  }
  let output = '';
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output = (output + chunk).slice(-20000)));
  child.stderr!.on('data', (chunk) => (output = (output + chunk).slice(-20000)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, () => output, 120_000);
  } catch (error) {
    child.kill('SIGKILL');
    await cleanup();
    throw error;
  }
  return {
    url,
    databaseUrl: env.DATABASE_URL,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([exited, new Promise((done) => (timer = setTimeout(done, 15_000)))]);
        clearTimeout(timer);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await cleanup();
    },
  };
}

/** The server a spec runs against: E2E_BASE_URL when set (an already running platform), else a fresh build on a fresh database. */
export async function serverForSpec(): Promise<TestServer> {
  const external = process.env.E2E_BASE_URL;
  if (external) return { url: external, stop: async () => undefined, log: () => '' };
  buildAll();
  return startServer();
}
