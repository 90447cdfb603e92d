#!/usr/bin/env node
/**
 * /health latency while the API is under the two loads of issue 13: an annotator's request with 200 aliases of
 * myProgress, and 10 heavy evaluation reports (resamples 10000, distinct seeds so none is served from the cache) at
 * once. Runs the built API (NODE_ENV=production, fresh database on the local PostgreSQL) twice: with the worker-thread
 * pool (the default) and with COMPUTE_THREADS=0 (the statistics on the event loop, as before), so the floor the issue
 * names (100 ms) and the old behaviour are measured in the same run.
 *
 *   node scripts/build.mjs && flock /tmp/clinrank-bench.lock node bench/health-under-load.mjs [--items 500] [--port 3931]
 *
 * DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); a database
 * clinrank_bench_health_* is created per mode and dropped afterwards.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { databaseUrl, SERVER_URL, wholeNumberOption } from './bench-options.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ITEMS = wholeNumberOption('items', 500);
const PORT = wholeNumberOption('port', 3931);
const API = `http://127.0.0.1:${PORT}`;
const ANNOTATORS = ['dr-a', 'dr-b', 'dr-c', 'dr-d'];
const MODELS = ['model-a', 'model-b', 'model-c'];
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

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
  return response.json();
}

async function ok(query, variables, token) {
  const body = await gql(query, variables, token);
  if (body.errors?.length) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
  return body.data;
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

function itemLines() {
  return Array.from({ length: ITEMS }, (_, index) => {
    const [first, second] = [MODELS[index % 3], MODELS[(index + 1) % 3]];
    return JSON.stringify({
      id: `q${index}`,
      language: 'en',
      specialty: 'cardiology',
      prompt: `Question ${index}`,
      responses: [
        { id: 'r1', text: `Answer ${index} one`, model: first },
        { id: 'r2', text: `Answer ${index} two`, model: second },
      ],
      annotations: ANNOTATORS.map((annotator, coder) => ({
        annotator,
        kind: 'pairwise',
        a: 'r1',
        b: 'r2',
        criterion: 'overall',
        choice: ['a', 'b', 'tie'][((index * 7 + coder * 3) % 5) % 3],
      })),
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const quantile = (values, q) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))];

/** The server's own largest event-loop delay since the previous scrape (prom-client resets it on every scrape). */
async function eventLoopLagMaxMs() {
  const text = await (await fetch(`${API}/metrics`)).text();
  const value = /^clinrank_nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text)?.[1];
  return value === undefined ? Number.NaN : Number(value) * 1000;
}

async function healthOnce() {
  const started = performance.now();
  await (await fetch(`${API}/health`)).arrayBuffer();
  return performance.now() - started;
}

async function measure(mode, computeThreads) {
  const name = `clinrank_bench_health_${process.pid}_${computeThreads === 0 ? 'inline' : 'pool'}`;
  await admin(`CREATE DATABASE ${name}`);
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('hex'),
    PORT: String(PORT),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl(name),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    COMPUTE_THREADS: String(computeThreads),
  };
  const server = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForHealth(server);
    const created = spawnSync(
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
      { cwd: root, env: { ...env }, input: 'bench-admin-password-1\n', encoding: 'utf8' },
    );
    if (created.status !== 0) throw new Error(`clinrank users create failed: ${created.stderr}`);
    const login = async (username, password) =>
      (
        await ok(`mutation ($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }`, {
          u: username,
          p: password,
        })
      ).login.token;
    const adminToken = await login('bench-admin', 'bench-admin-password-1');
    for (const [username, role] of [
      ['bench-lead', 'lead'],
      ['bench-ml', 'ml_engineer'],
      ['bench-annotator', 'annotator'],
    ]) {
      await ok(
        `mutation ($u: String!, $r: Role!) { createUser(input: {username: $u, role: $r, password: "bench-password-long-1"}) { id } }`,
        { u: username, r: role },
        adminToken,
      );
    }
    const [lead, ml, annotator] = [
      await login('bench-lead', 'bench-password-long-1'),
      await login('bench-ml', 'bench-password-long-1'),
      await login('bench-annotator', 'bench-password-long-1'),
    ];
    const { createProject } = await ok(
      `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      { input: { slug: 'bench-campaign', name: 'Bench campaign', kind: 'pairwise', overlap: 4 } },
      lead,
    );
    const lines = itemLines();
    for (let start = 0; start < lines.length; start += 500) {
      await ok(
        `mutation ($input: ImportItemsInput!) { importItems(input: $input) { imported } }`,
        { input: { projectId: createProject.id, content: lines.slice(start, start + 500).join('\n') } },
        lead,
      );
    }
    const idle = [];
    for (let sample = 0; sample < 30; sample += 1) idle.push(await healthOnce());

    const aliases = `{ ${Array.from({ length: 200 }, (_, index) => `p${index}: myProgress { doneTotal }`).join(' ')} }`;
    const report = (seed) =>
      `{ evaluationReport(projectId: "${createProject.id}", resamples: 10000, seed: ${seed}) { judgements } }`;
    await eventLoopLagMaxMs();
    const started = performance.now();
    let running = true;
    const load = Promise.all([
      gql(aliases, {}, annotator),
      ...Array.from({ length: 10 }, (_, index) => gql(report(index + 1), {}, ml)),
    ]).then((replies) => {
      running = false;
      return { replies, seconds: (performance.now() - started) / 1000 };
    });
    const underLoad = [];
    const sampledAt = [];
    while (running) {
      sampledAt.push(performance.now() - started);
      underLoad.push(await healthOnce());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const { replies, seconds } = await load;
    const lagMax = await eventLoopLagMaxMs();
    const aliasReply = replies[0].errors?.[0]?.message ?? 'answered';
    const reportErrors = replies
      .slice(1)
      .filter((reply) => reply.errors?.length)
      .map((reply) => reply.errors[0].message);
    if (reportErrors.length) throw new Error(`reports failed: ${reportErrors[0]}`);
    const worst = underLoad.indexOf(Math.max(...underLoad));
    log(
      `${mode}: slowest /health sample sent ${(sampledAt[worst] / 1000).toFixed(2)} s into the load; samples over 100 ms: ${underLoad.filter((ms) => ms > 100).length}`,
    );
    return {
      lagMax,
      mode,
      idleMedian: median(idle),
      median: median(underLoad),
      p95: quantile(underLoad, 0.95),
      max: Math.max(...underLoad),
      samples: underLoad.length,
      loadSeconds: seconds,
      aliasReply,
      judgements: replies[1].data.evaluationReport.judgements,
    };
  } finally {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;
const results = [];
process.stdout.write(
  `| mode | /health idle (median) | /health under load: median | p95 | max | samples | server's max event-loop delay | load done in | 200-alias request |\n|---|---|---|---|---|---|---|---|---|\n`,
);
for (const [mode, threads] of [
  ['worker pool', process.env.COMPUTE_THREADS ?? ''],
  ['event loop (COMPUTE_THREADS=0)', 0],
]) {
  log(`${mode}: ${ITEMS} items × ${ANNOTATORS.length} clinicians`);
  const result = await measure(mode, threads);
  results.push(result);
  process.stdout.write(
    `| ${result.mode} | ${fmt(result.idleMedian)} | ${fmt(result.median)} | ${fmt(result.p95)} | ${fmt(result.max)} | ${result.samples} | ${fmt(result.lagMax)} | ${result.loadSeconds.toFixed(1)} s | ${result.aliasReply.slice(0, 40)} |\n`,
  );
}
process.stdout.write(
  `judgements per report: ${results[0].judgements}; max /health under load, event loop ÷ worker pool: ${(results[1].max / results[0].max).toFixed(1)}×\n`,
);
