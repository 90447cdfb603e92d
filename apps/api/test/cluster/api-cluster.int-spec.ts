import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  createTestDatabase,
  freePort,
  stopEmbeddedServer,
  type TestDatabase,
} from '../../../../test-support/test-database.js';
import { contentFor, itemLine, SUBMIT, TASK_FIELDS, type Task } from '../collection/support/collection-helpers.js';

// API_WORKERS=2: the built server forks two API processes on one port over one PostgreSQL. Annotators hammering both
// must keep every queue rule — no item over its overlap, no annotator twice on an item, no label lost or doubled.
const WORKERS = 2;
const ANNOTATORS = 8;
const ITEMS = 24;
const OVERLAP = 3;
// Small pools, so that the annotators below fill them: the processes together may hold at most WORKERS × POOL.
const POOL = 2;

let database: TestDatabase;
let dataDir: string;
let server: ChildProcess;
/** Everything the server printed so far. */
let output: () => string;
let url: string;
/** The environment the cluster started with, for the other starts below. */
async function gql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const login = async (username: string, password: string) =>
  (
    await gql<{ login: { token: string } }>(
      'mutation ($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }',
      { u: username, p: password },
    )
  ).login.token;

/** The forked API processes of the primary, read from /proc. */
function workerPids(): number[] {
  const listing = spawnSync('ps', ['-o', 'pid=', '--ppid', String(server.pid)], { encoding: 'utf8' });
  return listing.stdout
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter(Boolean);
}

/** CPU seconds a process has used, from /proc/<pid>/stat (user + system, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--server-only', '--quiet'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  database = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'clinrank-cluster-'));
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    PORT: String(port),
    DATABASE_URL: database.url,
    API_WORKERS: String(WORKERS),
    DATABASE_POOL_SIZE: String(POOL),
    CLINRANK_DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    WEB_DIR: '/nonexistent',
  };
  serverEnv = env;
  ({ child: server, output } = await startApi(env));
  url = `http://127.0.0.1:${port}`;
}, 150_000);

let serverEnv: Record<string, string | undefined>;

/** Starts the built API with `env` and waits for its banner; `output` is everything it printed so far. */
async function startApi(
  env: Record<string, string | undefined>,
): Promise<{ child: ChildProcess; output: () => string }> {
  let printed = '';
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk) => (printed += chunk));
  child.stderr?.on('data', (chunk) => (printed += chunk));
  const deadline = Date.now() + 90_000;
  while (!/clinrank is running/.test(printed)) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${printed}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not start:\n${printed}`);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  return { child, output: () => printed };
}

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

describe(`API_WORKERS=${WORKERS}`, () => {
  it('says in the banner how many API processes serve the port, and runs them', () => {
    expect(output()).toContain(`${WORKERS} API processes`);
    expect(workerPids()).toHaveLength(WORKERS);
  });

  it(`keeps the queue rules with ${ANNOTATORS} annotators spread over both processes`, async () => {
    const admin = await login('admin', 'demo');
    const lead = await login('lead', 'demo');
    const { createProject } = await gql<{ createProject: { id: string } }>(
      'mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }',
      { input: { slug: 'cluster', name: 'Cluster', kind: 'pairwise', overlap: OVERLAP } },
      lead,
    );
    const lines = Array.from({ length: ITEMS }, (_, index) => itemLine(`cluster-${index}`)).join('\n');
    const { importItems } = await gql<{ importItems: { imported: number } }>(
      'mutation ($input: ImportItemsInput!) { importItems(input: $input) { imported } }',
      { input: { projectId: createProject.id, content: lines, strict: true } },
      lead,
    );
    expect(importItems.imported).toBe(ITEMS);
    const tokens = await Promise.all(
      Array.from({ length: ANNOTATORS }, async (_, index) => {
        const username = `cluster-annotator-${index}`;
        await gql(
          'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }',
          { input: { username, role: 'annotator', password: 'cluster-pass-1', languages: ['en'] } },
          admin,
        );
        return login(username, 'cluster-pass-1');
      }),
    );

    const cpuBefore = new Map(workerPids().map((pid) => [pid, cpuSeconds(pid)]));
    let acknowledged = 0;
    const labelAll = async (token: string) => {
      for (;;) {
        const { nextTask } = await gql<{ nextTask: Task | null }>(
          `query ($p: ID) { nextTask(projectId: $p) { ${TASK_FIELDS} } }`,
          { p: createProject.id },
          token,
        );
        if (!nextTask) return;
        const input = {
          taskId: nextTask.taskId,
          submissionId: randomUUID(),
          content: contentFor(nextTask),
          flags: [],
          timeSpentMs: 400,
        };
        const { submitLabel } = await gql<{ submitLabel: { duplicate: boolean } }>(SUBMIT, { input }, token);
        expect(submitLabel.duplicate).toBe(false);
        acknowledged += 1;
      }
    };
    const connections = await sampleApiConnections();
    await Promise.all(tokens.map((token) => labelAll(token)));
    const mostConnections = await connections.stop();

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ labels: number; annotators: number }>(
        `SELECT count(l.id)::int AS labels, count(DISTINCT l.annotator_id)::int AS annotators
           FROM items i LEFT JOIN labels l ON l.item_id = i.id WHERE i.project_id = $1 GROUP BY i.id`,
        [createProject.id],
      );
      expect(rows).toHaveLength(ITEMS);
      expect(rows.every((row) => row.labels === OVERLAP && row.annotators === OVERLAP)).toBe(true);
      expect(acknowledged).toBe(ITEMS * OVERLAP);
    } finally {
      await client.end();
    }
    // Eight annotators at once fill the pools (past one connection per process), and never past them.
    expect(mostConnections).toBeGreaterThan(WORKERS);
    expect(mostConnections).toBeLessThanOrEqual(WORKERS * POOL);
    // Both processes did real work: each used CPU while the annotators labelled.
    for (const [pid, before] of cpuBefore) expect(cpuSeconds(pid) - before).toBeGreaterThan(0.05);
  }, 180_000);

  it('serves /metrics summed over every process', async () => {
    const before = await requestCount();
    await Promise.all(Array.from({ length: 20 }, () => fetch(`${url}/health`)));
    expect((await requestCount()) - before).toBeGreaterThanOrEqual(20);
  });
});

describe('SIGTERM', () => {
  it('drains and stops every process: the primary exits 0 and no worker is left', async () => {
    const workers = workerPids();
    expect(workers).toHaveLength(WORKERS);
    const exited = new Promise<number | null>((done) => server.once('exit', (code) => done(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  }, 60_000);
});

describe('DATABASE_POOL_SIZE past max_connections', () => {
  it('starts, and warns with both settings and the fixes', async () => {
    const port = await freePort();
    const started = await startApi({
      ...serverEnv,
      PORT: String(port),
      API_WORKERS: '1',
      DATABASE_POOL_SIZE: '1000',
      SEED_DEMO: 'false',
    });
    const exited = new Promise((done) => started.child.once('exit', done));
    started.child.kill('SIGTERM');
    await exited;
    expect(started.output()).toContain(
      'API_WORKERS (1) × DATABASE_POOL_SIZE (1000) may open 1000 connections, more than the',
    );
  }, 120_000);
});

/** The most connections the API processes held at once, sampled from pg_stat_activity until `stop`. */
async function sampleApiConnections(): Promise<{ stop(): Promise<number> }> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  let most = 0;
  let running = true;
  const sampling = (async () => {
    while (running) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'clinrank-api'`,
      );
      most = Math.max(most, rows[0].n);
      await new Promise((done) => setTimeout(done, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await sampling;
      await client.end();
      return most;
    },
  };
}

/** /health requests counted by /metrics. Each process saw only its share; the sum must hold them all. */
async function requestCount(): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (candidate) =>
        candidate.startsWith('clinrank_http_request_duration_seconds_count{') &&
        candidate.includes('route="/health"') &&
        candidate.includes('status="200"'),
    );
  return Number(line?.split(' ').at(-1) ?? 0);
}
