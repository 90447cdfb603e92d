#!/usr/bin/env node
/**
 * Labelling throughput: N concurrent annotators loop nextTask → submitLabel over HTTP against the real API (started here,
 * NODE_ENV=production, on a fresh database of the local PostgreSQL), for a fixed duration. Then pgbench runs an
 * equivalent raw transaction (insert one assignment-like row and one label-like row) against the same PostgreSQL server,
 * with the same client count and duration, and our throughput is printed as a fraction of it.
 *
 *   node bench/labelling-throughput.mjs [--annotators 100] [--duration 15] [--items 4000] [--runs 3] [--port 3917] [--think-ms 0] [--api-workers 1]
 *
 * By default annotators loop with no pause (a closed loop: latency ≈ annotators / throughput, by Little's law);
 * --think-ms adds a pause between tasks, as a clinician reading the answers would, to measure latency at a given load.
 * The server's own CPU time per label (from /proc) is printed too: it does not depend on what else runs on the machine.
 *
 * DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); a database
 * clinrank_bench_* is created per run and dropped afterwards. PGBENCH overrides the pgbench binary; BENCH_CPU_PROF=dir
 * writes a V8 CPU profile of the server there (open it in Chrome DevTools, or summarise it with bench/labelling-profile-summary.mjs).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value <= 0) {
    process.stderr.write(`option --${name} must be a positive whole number\n`);
    process.exit(2);
  }
  return value;
}

const ANNOTATORS = option('annotators', 100);
const DURATION_S = option('duration', 15);
const ITEMS = option('items', 4000);
const RUNS = option('runs', 1);
const PORT = option('port', 3917);
// Pinned (default 1) so figures stay comparable across releases; the API's own default is one per core.
const API_WORKERS = option('api-workers', 1);
const THINK_MS = process.argv.includes('--think-ms') ? option('think-ms', 0) : 0;
const WARMUP_S = 2;
const OVERLAP = 3;
const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const PGBENCH = process.env.PGBENCH || '/usr/lib/postgresql/15/bin/pgbench';
const API = `http://127.0.0.1:${PORT}`;

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

function databaseUrl(name) {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(sql) {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

async function gql(query, variables = {}, token) {
  const response = await fetch(`${API}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** User + system CPU time of a process and its live children (the API workers) in ms, from /proc (Linux); NaN elsewhere. */
function processCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return (
      ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 +
      children.reduce((sum, child) => sum + processCpuMs(Number(child)), 0)
    );
  } catch {
    return Number.NaN;
  }
}

function startServer(url) {
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('hex'),
    PORT: String(PORT),
    HOST: '127.0.0.1',
    DATABASE_URL: url,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    API_WORKERS: String(API_WORKERS),
  };
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const server = spawn(process.execPath, [...profile, join(root, 'dist/apps/api/src/main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdoutBytes = 0;
  server.stdout.on('data', (chunk) => {
    if (stdoutBytes === 0) process.stderr.write(`[server stdout] ${chunk.toString().slice(0, 500)}\n`);
    stdoutBytes += chunk.length;
  });
  server.stderr.on('data', (chunk) => {
    const text = chunk.toString();
    if (!text.startsWith('clinrank is running')) process.stderr.write(`[server] ${text}`);
  });
  return server;
}

async function waitForHealth(server) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${API}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the server did not become healthy within 60 s');
}

async function stopServer(server) {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

/** The first admin comes from the CLI, as an operator would create it. */
function createAdmin(url, password) {
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'bin/clinrank.mjs'),
      'users',
      'create',
      '--username',
      'bench-admin',
      '--role',
      'admin',
      '--password-stdin',
    ],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
      input: `${password}\n`,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`clinrank users create failed: ${result.stderr}`);
}

const login = async (username, password) =>
  (
    await gql(`mutation ($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }`, {
      u: username,
      p: password,
    })
  ).login.token;

async function inBatches(count, size, make) {
  const results = [];
  for (let start = 0; start < count; start += size)
    results.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(size, count - start) }, (_, offset) => make(start + offset)),
      )),
    );
  return results;
}

async function setUp(adminToken) {
  const project = (
    await gql(
      `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id criteria } }`,
      { input: { slug: 'bench', name: 'Bench', kind: 'pairwise', overlap: OVERLAP } },
      adminToken,
    )
  ).createProject;
  for (let start = 0; start < ITEMS; start += 1000) {
    const lines = Array.from({ length: Math.min(1000, ITEMS - start) }, (_, offset) => {
      const id = `bench-${start + offset}`;
      return JSON.stringify({
        id,
        language: 'en',
        specialty: 'cardiology',
        prompt: `Is exertional chest pain (${id}) an emergency?`,
        responses: [
          { id: 'r1', text: 'Call emergency services now if it lasts more than a few minutes.', model: 'model-a' },
          { id: 'r2', text: 'Rest and see your doctor within the week.', model: 'model-b' },
        ],
      });
    });
    const report = (
      await gql(
        `mutation ($input: ImportItemsInput!) { importItems(input: $input) { imported rejected } }`,
        { input: { projectId: project.id, content: lines.join('\n'), strict: true } },
        adminToken,
      )
    ).importItems;
    if (report.rejected) throw new Error('the benchmark items were rejected');
  }
  const password = 'bench-annotator-password';
  await inBatches(ANNOTATORS, 10, (index) =>
    gql(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      {
        input: {
          username: `bench-annotator-${index}`,
          role: 'annotator',
          password,
          languages: ['en'],
          specialties: ['cardiology'],
        },
      },
      adminToken,
    ),
  );
  const tokens = await inBatches(ANNOTATORS, 10, (index) => login(`bench-annotator-${index}`, password));
  return { project, tokens };
}

const NEXT = `query ($p: ID) { nextTask(projectId: $p) { assignmentId responses { id } } }`;
const SUBMIT = `mutation ($input: SubmitLabelInput!) { submitLabel(input: $input) { duplicate label { id } } }`;

/** Every annotator loops nextTask → submitLabel until the clock runs out; only pairs finished inside the window count. */
async function drive(project, tokens) {
  const judgements = Object.fromEntries(
    [...project.criteria, 'overall'].map((criterion) => [criterion, { choice: 'a' }]),
  );
  const latencies = [];
  let labels = 0;
  let errors = 0;
  let ranDry = 0;
  let allLabels = 0;
  let measuring = false;
  const start = performance.now();
  const warmupEnd = start + WARMUP_S * 1000;
  const end = warmupEnd + DURATION_S * 1000;
  async function annotator(token) {
    while (performance.now() < end) {
      const begin = performance.now();
      try {
        const task = (await gql(NEXT, { p: project.id }, token)).nextTask;
        if (!task) {
          // The queue said "nothing left" before the clock ran out: counted, because it must not happen while items are open.
          if (performance.now() < end) ranDry += 1;
          return;
        }
        await gql(
          SUBMIT,
          {
            input: {
              assignmentId: task.assignmentId,
              submissionId: randomUUID(),
              content: { judgements },
              flags: [],
              timeSpentMs: 1000,
            },
          },
          token,
        );
      } catch (error) {
        errors += 1;
        if (errors <= 3) log(`error: ${error.message.slice(0, 300)}`);
        continue;
      }
      const finished = performance.now();
      allLabels += 1;
      if (THINK_MS) await new Promise((resolve) => setTimeout(resolve, THINK_MS * (0.5 + Math.random())));
      if (begin >= warmupEnd && finished <= end) {
        measuring = true;
        latencies.push(finished - begin);
        labels += 1;
      }
    }
  }
  await Promise.all(tokens.map(annotator));
  if (!measuring) throw new Error('no request completed inside the measuring window');
  latencies.sort((left, right) => left - right);
  const at = (share) => latencies[Math.min(latencies.length - 1, Math.ceil(share * latencies.length) - 1)];
  return {
    labels,
    labelsPerSecond: labels / DURATION_S,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors,
    ranDry,
    allLabels,
  };
}

/** The same two inserts, raw: an assignment-like row and a label-like row in one transaction, per client loop. */
async function runPgbench(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`
    CREATE TABLE bench_assignments (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), item_id bigint NOT NULL, annotator_id int NOT NULL, status text NOT NULL,
      display_order uuid[] NOT NULL, leased_at timestamptz NOT NULL DEFAULT now(), expires_at timestamptz NOT NULL);
    CREATE INDEX ON bench_assignments (item_id) WHERE status = 'leased';
    CREATE TABLE bench_labels (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), item_id bigint NOT NULL, annotator_id int NOT NULL, submission_id uuid NOT NULL UNIQUE,
      content jsonb NOT NULL, flags text[] NOT NULL, display_order uuid[] NOT NULL, created_at timestamptz NOT NULL DEFAULT now());`);
  const [{ n: used }] = (
    await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend'`)
  ).rows;
  const [{ max }] = (await client.query(`SELECT current_setting('max_connections')::int AS max`)).rows;
  await client.end();
  const clients = Math.min(ANNOTATORS, max - used - 2);
  if (clients < ANNOTATORS)
    log(
      `pgbench: only ${max - used} connections free on the server; running ${clients} clients instead of ${ANNOTATORS}`,
    );
  const dir = mkdtempSync(join(tmpdir(), 'clinrank-pgbench-'));
  const script = join(dir, 'label.sql');
  writeFileSync(
    script,
    `\\set item random(1, ${ITEMS})
BEGIN;
INSERT INTO bench_assignments (item_id, annotator_id, status, display_order, expires_at) VALUES (:item, :client_id, 'leased', ARRAY[gen_random_uuid(), gen_random_uuid()], now() + interval '30 minutes');
INSERT INTO bench_labels (item_id, annotator_id, submission_id, content, flags, display_order) VALUES (:item, :client_id, gen_random_uuid(), '{"kind": "pairwise", "judgements": {"overall": {"choice": "a"}}}', '{}', ARRAY[gen_random_uuid(), gen_random_uuid()]);
COMMIT;
`,
  );
  const pgUrl = new URL(url);
  const result = spawnSync(
    PGBENCH,
    [
      '-n',
      '-c',
      String(clients),
      '-j',
      '2',
      '-T',
      String(DURATION_S),
      '-f',
      script,
      '-h',
      pgUrl.hostname,
      '-p',
      pgUrl.port || '5432',
      '-U',
      decodeURIComponent(pgUrl.username || 'postgres'),
      pgUrl.pathname.slice(1),
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, PGPASSWORD: decodeURIComponent(pgUrl.password || '') },
    },
  );
  rmSync(dir, { recursive: true, force: true });
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(result.stdout)?.[1]);
  if (result.status !== 0 || !Number.isFinite(tps))
    throw new Error(`pgbench failed: ${result.stderr || result.stdout}`);
  return { tps, clients };
}

async function oneRun(run) {
  const name = `clinrank_bench_${process.pid}_${run}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = databaseUrl(name);
  let server;
  try {
    server = startServer(url);
    await waitForHealth(server);
    const adminPassword = randomBytes(12).toString('hex');
    createAdmin(url, adminPassword);
    const { project, tokens } = await setUp(await login('bench-admin', adminPassword));
    log(
      `run ${run}: ${ANNOTATORS} annotators, ${ITEMS} items, overlap ${OVERLAP}: ${WARMUP_S} s warm-up + ${DURATION_S} s measured`,
    );
    const cpuBefore = processCpuMs(server.pid);
    const api = await drive(project, tokens);
    api.serverCpuMsPerLabel = (processCpuMs(server.pid) - cpuBefore) / Math.max(1, api.allLabels);
    await stopServer(server);
    const pgbench = await runPgbench(url);
    const result = {
      ...api,
      pgbenchTps: pgbench.tps,
      pgbenchClients: pgbench.clients,
      fraction: api.labelsPerSecond / pgbench.tps,
    };
    log(`run ${run}: ${format(result)}`);
    return result;
  } finally {
    if (server) await stopServer(server);
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

const format = (r) =>
  `${r.labelsPerSecond.toFixed(1)} labels/s, nextTask+submit p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, errors ${r.errors}, annotators told "nothing left" early ${r.ranDry}, server CPU ${r.serverCpuMsPerLabel.toFixed(1)} ms/label; ` +
  `pgbench ${r.pgbenchTps.toFixed(1)} tx/s (${r.pgbenchClients} clients, -j 2) → ${(100 * r.fraction).toFixed(1)}% of raw`;

const median = (values) => {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function main() {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--server-only', '--quiet'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const results = [];
  for (let run = 1; run <= RUNS; run += 1) results.push(await oneRun(run));
  const summary = Object.fromEntries(
    ['labelsPerSecond', 'p50', 'p95', 'p99', 'serverCpuMsPerLabel', 'pgbenchTps', 'fraction'].map((key) => [
      key,
      median(results.map((result) => result[key])),
    ]),
  );
  const targets = { p99Below50ms: summary.p99 < 50, atLeast30PercentOfPgbench: summary.fraction >= 0.3 };
  process.stdout.write(
    `${JSON.stringify({ annotators: ANNOTATORS, apiWorkers: API_WORKERS, thinkMs: THINK_MS, durationSeconds: DURATION_S, items: ITEMS, overlap: OVERLAP, runs: results, median: summary, targets }, null, 2)}\n`,
  );
  const total = (key) => results.reduce((sum, result) => sum + result[key], 0);
  process.stderr.write(
    `median of ${RUNS}: ${format({ ...summary, errors: total('errors'), ranDry: total('ranDry'), pgbenchClients: results[0].pgbenchClients })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
