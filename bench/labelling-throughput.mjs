#!/usr/bin/env node
/**
 * Labelling throughput: N concurrent annotators label over HTTP against the real API (started here, NODE_ENV=production,
 * on a fresh database of the local PostgreSQL), for a fixed duration: one `submitLabel(next:)` per label, which returns
 * the next task (a server without `next` gets the older nextTask → submitLabel pair). Then pgbench runs, against the
 * same PostgreSQL server with the same client count and duration:
 *  - the raw-insert floor: insert one task-like row and one label-like row (`pgbenchTps`, `fraction`);
 *  - the SQL floor: the exact statements the API runs for one label, taken from the repositories' named-sql registry,
 *    bound to the same kinds of parameters, as named prepared statements (`sqlFloorLabelsPerSecond`, `fractionOfSqlFloor`);
 *  - with --think-ms, the SQL floor again, throttled to the labels/s the API served: its latency percentiles at that
 *    pace (`sqlFloorP99`, `sqlFloorAtRate`), the floor under the API's p99.
 *
 *   node bench/labelling-throughput.mjs [--annotators 100] [--duration 15] [--items 4000] [--runs 3] [--port 3917] [--think-ms 0] [--api-workers 1] [--floor-clients N] [--other-projects N] [--baseline DIR]
 *
 * --floor-clients N runs the SQL floor with N pgbench clients (default: one per annotator), say the API's pool size.
 * --other-projects N adds N open projects (copies of the bench project's settings, with no items) to the database
 * before the annotators start, as a server that many teams share holds: a label's cost should not grow with them.
 *
 * --baseline DIR also runs the API built from another checkout (say, a worktree of the current release) in every run,
 * right after ours, on a fresh database with the same set-up, and reports our labels/s as a ratio of its labels/s.
 *
 * By default annotators loop with no pause (a closed loop: latency ≈ annotators / throughput, by Little's law);
 * --think-ms adds a pause between tasks, as a clinician reading the answers would, to measure latency at a given load.
 * The server's own CPU time per label (from /proc) is printed too: it does not depend on what else runs on the machine.
 * So is the machine's: all cores' busy time per label, split into the API, every PostgreSQL process, this load
 * generator and the rest (which includes PostgreSQL backends that exited in the window). On a saturated machine
 * labels/s is the cores' time over that total, whoever spends it. `databaseSessionsOpened` counts the PostgreSQL
 * sessions the API opened in the window (PostgreSQL's own count): a new one costs a backend's start, so at a
 * clinician's pace it tells whether the pool kept its connections. `transactionsPerLabel` is the database's
 * transactions over the labels answered in the window: near 1 when every submit also leased the next task itself.
 * `buffersPerLabel` (the database's buffer reads) and `walBytesPerLabel` (the server's WAL) are PostgreSQL's work per
 * label, which a busy core does not change: on a noisy machine they compare two versions where labels/s cannot.
 * `leaseSlotsTakenPerLabel` (from the server's /metrics) counts the lease inserts that found the locked item's slot
 * taken when re-counted, each one a further search; null for a server without that counter.
 *
 * DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); a database
 * clinrank_bench_* is created per run and dropped afterwards. PGBENCH overrides the pgbench binary;
 * BENCH_SERVER_NODE_FLAGS passes flags to the servers' node (say, a V8 GC setting to try); BENCH_CPU_PROF=dir
 * writes a V8 CPU profile of the server there (open it in Chrome DevTools, or summarise it with bench/labelling-profile-summary.mjs).
 * To find what the slowest labels waited for: BENCH_TRACE=file appends a line per run, every measured label's start
 * (ms after the annotators started) and latency; BENCH_SERVER_LOG=file appends the servers' stdout (with
 * BENCH_SERVER_NODE_FLAGS=--trace-gc, their GC events).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { databaseUrl, SERVER_URL, textOption, wholeNumberOption, withClient } from './bench-options.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const ANNOTATORS = wholeNumberOption('annotators', 100);
const DURATION_S = wholeNumberOption('duration', 15);
const ITEMS = wholeNumberOption('items', 4000);
const RUNS = wholeNumberOption('runs', 1);
const PORT = wholeNumberOption('port', 3917);
// Pinned (default 1) so figures stay comparable across releases; the API's own default is one per core.
const API_WORKERS = wholeNumberOption('api-workers', 1);
const THINK_MS = wholeNumberOption('think-ms', 0, { min: 0 });
// The SQL floor's pgbench clients: one per annotator by default; the API's pool size (20) to compare at equal
// connections, since PostgreSQL on two cores does less work per label with fewer backends.
const FLOOR_CLIENTS = wholeNumberOption('floor-clients', ANNOTATORS);
if (FLOOR_CLIENTS > ANNOTATORS) {
  process.stderr.write(`option --floor-clients must be at most --annotators (${ANNOTATORS}): each client is one\n`);
  process.exit(2);
}
// Projects of other teams on the same server, none with items: what a submit's statements read grows with them when
// a statement scans the projects table.
const OTHER_PROJECTS = wholeNumberOption('other-projects', 0, { min: 0 });
const BASELINE_DIR = textOption('baseline', null);
const BASELINE = BASELINE_DIR === null ? null : resolve(BASELINE_DIR);
const LEASE_SECONDS_FALLBACK = 1800;
const WARMUP_S = 2;
const OVERLAP = 3;
const PGBENCH = process.env.PGBENCH || '/usr/lib/postgresql/15/bin/pgbench';
const API = `http://127.0.0.1:${PORT}`;

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

/** User + system CPU time of each PostgreSQL process on the machine (postmaster, backends, WAL writer...) in ms, by pid. */
function postgresCpuMs() {
  const byPid = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith('postgres')) continue;
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      byPid.set(entry, ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    } catch {
      /* the process ended while we looked */
    }
  }
  return byPid;
}

/**
 * CPU the PostgreSQL processes alive at `end` used since `start`. A backend that exits in between (a connection
 * closed) takes its time with it; that time shows up as "other".
 */
function postgresCpuSince(start, end) {
  let total = 0;
  for (const [pid, ms] of end) {
    const before = start.get(pid) ?? 0;
    total += ms >= before ? ms - before : ms; // less than before: a new process that reused the pid
  }
  return total;
}

/** Busy and total CPU time of the whole machine (all cores) in ms, from /proc/stat. */
function machineCpuMs() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = ticks[3] + ticks[4];
  const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0);
  return { busy: ((total - idle) * 1000) / 100, total: (total * 1000) / 100 };
}

/** Where the machine's CPU went while the annotators labelled: per label, and the share of all cores that was busy. */
function cpuSplit() {
  const start = { pg: postgresCpuMs(), self: process.cpuUsage(), machine: machineCpuMs() };
  return (labels, serverMs) => {
    const machine = machineCpuMs();
    const busy = machine.busy - start.machine.busy;
    const postgres = postgresCpuSince(start.pg, postgresCpuMs());
    const self = process.cpuUsage(start.self);
    const loadGenerator = (self.user + self.system) / 1000;
    const per = (ms) => ms / Math.max(1, labels);
    return {
      postgresCpuMsPerLabel: per(postgres),
      loadGeneratorCpuMsPerLabel: per(loadGenerator),
      otherCpuMsPerLabel: per(busy - serverMs - postgres - loadGenerator),
      machineCpuMsPerLabel: per(busy),
      machineBusyShare: busy / Math.max(1, machine.total - start.machine.total),
    };
  };
}

function startServer(url, serverRoot = root) {
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
  const nodeFlags = (process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
  const server = spawn(process.execPath, [...profile, ...nodeFlags, join(serverRoot, 'dist/apps/api/src/main.js')], {
    cwd: serverRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdoutBytes = 0;
  server.stdout.on('data', (chunk) => {
    if (process.env.BENCH_SERVER_LOG) appendFileSync(process.env.BENCH_SERVER_LOG, chunk);
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
function createAdmin(url, password, serverRoot = root) {
  const result = spawnSync(
    process.execPath,
    [
      join(serverRoot, 'bin/clinrank.mjs'),
      'users',
      'create',
      '--username',
      'bench-admin',
      '--role',
      'admin',
      '--password-stdin',
    ],
    {
      cwd: serverRoot,
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

const createProject = async (adminToken, slug) =>
  (
    await gql(
      `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id criteria } }`,
      { input: { slug, name: slug, kind: 'pairwise', overlap: OVERLAP } },
      adminToken,
    )
  ).createProject;

async function setUp(adminToken) {
  const project = await createProject(adminToken, 'bench');
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

/**
 * The GraphQL documents for a server, by its checked-in schema: a release from before the annotator/task rename (issue
 * 15) names a task's id `assignmentId`, later ones `taskId`.
 */
function documentsFor(serverRoot) {
  const schema = readFileSync(join(serverRoot, 'apps/api/schema.gql'), 'utf8');
  const id = /\btaskId: ID!/.test(schema) ? 'taskId' : 'assignmentId';
  return {
    id,
    next: `query ($p: ID) { nextTask(projectId: $p) { ${id} responses { id } } }`,
    submit: `mutation ($input: SubmitLabelInput!) { submitLabel(input: $input) { duplicate label { id } } }`,
    submitNext: `mutation ($input: SubmitLabelInput!, $next: NextTaskInput) {
  submitLabel(input: $input, next: $next) { duplicate label { id } next { ${id} responses { id } } } }`,
    // Whether the server takes `submitLabel(next:)`.
    withNext: schema.includes('input NextTaskInput'),
  };
}

const OURS = documentsFor(root);

/**
 * Every annotator labels until the clock runs out; only labels finished inside the window count. One label is one
 * submitLabel(next:) request, or a nextTask → submitLabel pair on a server without `next`.
 */
async function drive(project, tokens, documents) {
  const withNext = documents.withNext;
  const judgements = Object.fromEntries(
    [...project.criteria, 'overall'].map((criterion) => [criterion, { choice: 'a' }]),
  );
  const latencies = [];
  // Every measured label's start (ms after the annotators started) and latency, when BENCH_TRACE asks for them.
  const trace = process.env.BENCH_TRACE ? [] : null;
  let labels = 0;
  let errors = 0;
  let ranDry = 0;
  let allLabels = 0;
  // Labels answered inside the window whenever they started: what the database's counts over the window compare with.
  let answeredInWindow = 0;
  let measuring = false;
  const start = performance.now();
  const warmupEnd = start + WARMUP_S * 1000;
  const end = warmupEnd + DURATION_S * 1000;
  const input = (task) => ({
    [documents.id]: task[documents.id],
    submissionId: randomUUID(),
    content: { judgements },
    flags: [],
    timeSpentMs: 1000,
  });
  async function annotator(token) {
    // undefined: not known yet (first load, or after an error): ask nextTask.
    let task;
    while (performance.now() < end) {
      const begin = performance.now();
      try {
        if (task === undefined) task = (await gql(documents.next, { p: project.id }, token)).nextTask;
        if (!task) {
          // The queue said "nothing left" before the clock ran out: counted, because it must not happen while items are open.
          if (performance.now() < end) ranDry += 1;
          return;
        }
        if (withNext)
          task = (await gql(documents.submitNext, { input: input(task), next: { projectId: project.id } }, token))
            .submitLabel.next;
        else {
          await gql(documents.submit, { input: input(task) }, token);
          task = undefined;
        }
      } catch (error) {
        task = undefined;
        errors += 1;
        if (errors <= 3) log(`error: ${error.message.slice(0, 300)}`);
        continue;
      }
      const finished = performance.now();
      allLabels += 1;
      if (finished >= warmupEnd && finished <= end) answeredInWindow += 1;
      if (THINK_MS) await new Promise((resolve) => setTimeout(resolve, THINK_MS * (0.5 + Math.random())));
      if (begin >= warmupEnd && finished <= end) {
        measuring = true;
        latencies.push(finished - begin);
        trace?.push({ startMs: Math.round(begin - start), ms: finished - begin });
        labels += 1;
      }
    }
  }
  await Promise.all(tokens.map(annotator));
  if (trace) appendFileSync(process.env.BENCH_TRACE, `${JSON.stringify(trace)}\n`);
  if (!measuring) throw new Error('no request completed inside the measuring window');
  latencies.sort((left, right) => left - right);
  const at = (share) => percentile(latencies, share);
  return {
    labels,
    answeredInWindow,
    labelsPerSecond: labels / DURATION_S,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors,
    ranDry,
    allLabels,
  };
}

/** Free client connections on the server, as many as the annotators at most. */
async function pgbenchClients(client) {
  const [{ n: used }] = (
    await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend'`)
  ).rows;
  const [{ max }] = (await client.query(`SELECT current_setting('max_connections')::int AS max`)).rows;
  const clients = Math.min(ANNOTATORS, max - used - 2);
  if (clients < ANNOTATORS)
    log(
      `pgbench: only ${max - used} connections free on the server; running ${clients} clients instead of ${ANNOTATORS}`,
    );
  return clients;
}

/**
 * Runs one pgbench script; returns its tps (without the initial connection time), and with `latencies` every
 * transaction's latency in ms from pgbench's per-transaction log.
 */
function pgbench(url, script, clients, extraArgs = [], { latencies = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'clinrank-pgbench-'));
  const file = join(dir, 'label.sql');
  writeFileSync(file, script);
  const logArgs = latencies ? ['-l', `--log-prefix=${join(dir, 'tx')}`] : [];
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
      ...extraArgs,
      ...logArgs,
      '-f',
      file,
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
  const logged = latencies ? transactionLatencies(dir) : undefined;
  rmSync(dir, { recursive: true, force: true });
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(result.stdout)?.[1]);
  const aborted = /number of failed transactions: ([1-9]\d*)|aborted/.exec(result.stdout + result.stderr);
  if (result.status !== 0 || !Number.isFinite(tps) || aborted)
    throw new Error(`pgbench failed: ${result.stderr || result.stdout}`);
  return latencies ? { tps, latencies: logged } : tps;
}

/**
 * Latencies (ms, sorted) from pgbench's per-transaction logs in `dir` (one file per thread): "client transaction
 * latency_us script epoch_s epoch_us [schedule_lag_us]". Under --rate pgbench counts the latency from the scheduled
 * start, so it includes the lag (waiting for a free client), as the API's latency includes its own queueing. Each
 * client's first transaction is left out: it reads the seed and prepares and plans every statement, which the API's
 * pooled connections did long before (as the API's own first labels fall in the warm-up).
 */
function transactionLatencies(dir) {
  const byClient = new Map();
  for (const name of readdirSync(dir).filter((file) => file.startsWith('tx.'))) {
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 6) continue;
      const client = byClient.get(fields[0]) ?? [];
      client.push({ transaction: Number(fields[1]), ms: Number(fields[2]) / 1000 });
      byClient.set(fields[0], client);
    }
  }
  const values = [...byClient.values()].flatMap((transactions) =>
    transactions.sort((left, right) => left.transaction - right.transaction).slice(1),
  );
  return values.map((transaction) => transaction.ms).sort((left, right) => left - right);
}

/** The value at `share` (0–1) of sorted `values`, as drive() reads its percentiles. */
function percentile(values, share) {
  return values[Math.min(values.length - 1, Math.ceil(share * values.length) - 1)];
}

/** The same two inserts, raw: a task-like row and a label-like row in one transaction, per client loop. */
async function runPgbench(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`
    CREATE TABLE bench_tasks (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), item_id bigint NOT NULL, annotator_id int NOT NULL, status text NOT NULL,
      display_order uuid[] NOT NULL, leased_at timestamptz NOT NULL DEFAULT now(), expires_at timestamptz NOT NULL);
    CREATE INDEX ON bench_tasks (item_id) WHERE status = 'leased';
    CREATE TABLE bench_labels (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), item_id bigint NOT NULL, annotator_id int NOT NULL, submission_id uuid NOT NULL UNIQUE,
      content jsonb NOT NULL, flags text[] NOT NULL, display_order uuid[] NOT NULL, created_at timestamptz NOT NULL DEFAULT now());`);
  const clients = await pgbenchClients(client);
  await client.end();
  const tps = pgbench(
    url,
    `\\set item random(1, ${ITEMS})
BEGIN;
INSERT INTO bench_tasks (item_id, annotator_id, status, display_order, expires_at) VALUES (:item, :client_id, 'leased', ARRAY[gen_random_uuid(), gen_random_uuid()], now() + interval '30 minutes');
INSERT INTO bench_labels (item_id, annotator_id, submission_id, content, flags, display_order) VALUES (:item, :client_id, gen_random_uuid(), '{"kind": "pairwise", "judgements": {"overall": {"choice": "a"}}}', '{}', ARRAY[gen_random_uuid(), gen_random_uuid()]);
COMMIT;
`,
    clients,
  );
  return { tps, clients };
}

/** The statements the API runs for one label in the steady state, in order, from the repositories' registry. */
const SQL_FLOOR_STATEMENTS = [
  'label.lock-task-for-submission',
  'label.insert-submitted-with-audit',
  'task.insert-lease-if-slot-free',
];

/** The registered statements by name, loaded from the repositories' TypeScript as `npm run queries` loads them. */
async function registeredStatements() {
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      join(root, 'scripts/ts-loader.mjs'),
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(join(root, 'libs/server/label/src/label.repository.ts'))});
       const { registeredSql } = await import('@clinrank/server-core');
       process.stdout.write(JSON.stringify(registeredSql()));`,
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`could not load the named-sql registry: ${child.stderr}`);
  return new Map(JSON.parse(child.stdout).map((statement) => [statement.name, statement.text]));
}

/** A statement's text with $n replaced by pgbench variables (bound as parameters under -M prepared), then `extra`. */
function bind(text, variables, extra = '') {
  const sql = text.replace(/\$(\d+)/g, (_, n) => {
    const name = variables[Number(n) - 1];
    if (!name) throw new Error(`no pgbench variable for $${n}`);
    return `:${name}`;
  });
  return `${sql.trimEnd()}${extra ? ` ${extra}` : ';'}\n`;
}

/**
 * The SQL floor, set up while the API still runs: projects of their own with enough items that pgbench cannot empty
 * them (cloned in SQL from the bench project), and one live lease per annotator taken through the API, as a client
 * holds one task on screen. Returns the pgbench script: per label, BEGIN, the three registry statements with the same kinds
 * of values the API binds, COMMIT; each lease's id is the next label's task (and its submission id, a fresh uuid).
 */
async function prepareSqlFloor(url, adminToken, benchProject, annotatorTokens) {
  const tokens = annotatorTokens.slice(0, FLOOR_CLIENTS);
  // One project per pgbench client, so that a client's next item is never taken by another between its lock and its
  // lease (the API tries the next candidate then; a pgbench script cannot branch on that). The floor thus leaves out
  // contention on items: it is an upper bound.
  const projects = await inBatches(tokens.length, 10, (index) => createProject(adminToken, `bench-floor-${index}`));
  const perClient = Math.max(50, Math.ceil((4000 * DURATION_S) / tokens.length));
  const copies = Math.ceil(perClient / ITEMS);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO items (project_id, external_id, language, specialty, prompt, messages, metadata, content_hash)
       SELECT f.id, i.external_id || '-floor-' || g, i.language, i.specialty, i.prompt, i.messages, i.metadata, i.content_hash
         FROM unnest($2::uuid[]) AS f(id)
        CROSS JOIN LATERAL (SELECT * FROM items i CROSS JOIN generate_series(1, $3::int) g WHERE i.project_id = $1
                             ORDER BY g, i.external_id LIMIT $4) i`,
      [benchProject.id, projects.map((project) => project.id), copies, perClient],
    );
    await client.query(
      `INSERT INTO responses (item_id, external_id, position, text, source, model)
       SELECT n.id, r.external_id, r.position, r.text, r.source, r.model
         FROM items n JOIN items o ON o.project_id = $1 AND o.external_id = split_part(n.external_id, '-floor-', 1)
         JOIN responses r ON r.item_id = o.id
        WHERE n.project_id = ANY($2::uuid[])`,
      [benchProject.id, projects.map((project) => project.id)],
    );
    await client.query(`ANALYZE items; ANALYZE responses`);
    const seeds = await inBatches(tokens.length, 10, async (index) => ({
      client: index,
      task: (await gql(OURS.next, { p: projects[index].id }, tokens[index])).nextTask.taskId,
    }));
    await client.query(
      `CREATE TABLE bench_floor_seed (client int PRIMARY KEY, task uuid NOT NULL, annotator uuid NOT NULL, project uuid NOT NULL)`,
    );
    await client.query(
      `INSERT INTO bench_floor_seed SELECT s.client, s.task, a.annotator_id, a.project_id
         FROM json_to_recordset($1::json) AS s(client int, task uuid) JOIN tasks a ON a.id = s.task`,
      [JSON.stringify(seeds)],
    );
    const floor = projects[0];
    const [{ lease_seconds: leaseSeconds, guideline_version: guidelineVersion }] = (
      await client.query(`SELECT lease_seconds, guideline_version FROM projects WHERE id = $1`, [floor.id])
    ).rows;
    const statements = await registeredStatements();
    const text = (name) => {
      if (!statements.has(name)) throw new Error(`no statement ${name} in the registry`);
      return statements.get(name);
    };
    const judgements = Object.fromEntries(
      [...benchProject.criteria, 'overall'].map((criterion) => [criterion, { choice: 'a', strength: null }]),
    );
    const content = JSON.stringify({ judgements });
    // Constants bound as parameters, as the API binds them: -D variables (uuids and JSON included). pgbench cannot bind
    // NULL (a NULL read by gset becomes ''), so rationale and rewrite are '' here and the UI direction is 'ltr', as the
    // web client sends.
    const defines = {
      kind: 'pairwise',
      content,
      flags: '{}',
      time_spent: '1000',
      guideline_version: String(guidelineVersion ?? 1),
      pair_key: 'bench-pair-key',
      ui_direction: 'ltr',
      actor: 'user:bench-annotator',
      after: JSON.stringify({ content: { judgements }, flags: [], rationale: null, rewrite: null }),
      details: JSON.stringify({ taskId: floor.id, submissionId: floor.id }),
      gold: 'false',
      overlap: String(OVERLAP),
      languages: '{en}',
      specialties: '{cardiology}',
      no_ids: '{}',
      lease_seconds: String(leaseSeconds ?? LEASE_SECONDS_FALLBACK),
      started: '0',
    };
    const script =
      `\\if :started = 0
SELECT task AS task_id, annotator AS annotator_id, project AS project_id, NULL::text AS none FROM bench_floor_seed WHERE client = :client_id \\gset
\\set started 1
\\endif
BEGIN;
` +
      bind(text(SQL_FLOOR_STATEMENTS[0]), ['task_id', 'task_id', 'annotator_id', 'project_id', 'none'], '\\gset t_') +
      bind(
        text(SQL_FLOOR_STATEMENTS[1]),
        [
          't_project_id',
          't_item_id',
          'annotator_id',
          'task_id',
          'task_id',
          'kind',
          'content',
          'flags',
          'none',
          'none',
          'time_spent',
          't_display_order',
          'guideline_version',
          'pair_key',
          'ui_direction',
          'actor',
          'annotator_id',
          'after',
          'details',
          'project_id',
          'gold',
          'overlap',
          'languages',
          'specialties',
          'no_ids',
        ],
        '\\gset s_',
      ) +
      bind(
        text(SQL_FLOOR_STATEMENTS[2]),
        ['project_id', 's_next_item_id', 'annotator_id', 's_next_response_ids', 'lease_seconds', 'overlap'],
        '\\gset task_',
      ) +
      'COMMIT;\n';
    return {
      script,
      args: ['-M', 'prepared', ...Object.entries(defines).flatMap(([name, value]) => ['-D', `${name}=${value}`])],
    };
  } finally {
    await client.end();
  }
}

/** The SQL floor itself: the script from prepareSqlFloor, one label per transaction. */
async function runSqlFloor(url, floor) {
  const clients = await floorClients(url);
  return { tps: pgbench(url, floor.script, clients, floor.args), clients };
}

/** pgbench clients for the floor: --floor-clients, as the server's free connections allow; `prepare` runs first. */
async function floorClients(url, prepare = async () => {}) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await prepare(client);
    return Math.min(await pgbenchClients(client), FLOOR_CLIENTS);
  } finally {
    await client.end();
  }
}

/**
 * The SQL floor's latency at the API's load: the same script, throttled (--rate) to the labels/s the API served, so
 * its p99 is what PostgreSQL alone needs for one label at that pace (the floor under the think-time latency target).
 */
async function runSqlFloorAtRate(url, floor, labelsPerSecond) {
  // Each client goes on from the task its last label leased (the seeds were submitted by the first floor run).
  const clients = await floorClients(url, (client) =>
    client.query(
      `UPDATE bench_floor_seed s SET task = (SELECT a.id FROM tasks a WHERE a.annotator_id = s.annotator AND a.project_id = s.project
                                               AND a.status = 'leased' ORDER BY a.leased_at DESC LIMIT 1)`,
    ),
  );
  const rate = Math.max(1, labelsPerSecond).toFixed(1);
  const { latencies } = pgbench(url, floor.script, clients, [...floor.args, '--rate', rate], { latencies: true });
  if (latencies.length === 0) throw new Error('pgbench logged no transaction at the throttled rate');
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), transactions: latencies.length };
}

/** The server's own /metrics (loopback needs no token): its request histogram, GC pauses and event-loop delay. */
async function scrapeServer() {
  try {
    return await (await fetch(`${API}/metrics`)).text();
  } catch {
    return '';
  }
}

/** Sums of the samples named `name` whose labels match `filter`, keyed by their `le` label (or '' without one). */
function samples(text, name, filter = () => true) {
  const sums = new Map();
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{([^}]*)\})? ([0-9.e+-]+|NaN)$/.exec(line);
    if (!match || match[1] !== name || !filter(match[2] ?? '')) continue;
    const le = /le="([^"]+)"/.exec(match[2] ?? '')?.[1] ?? '';
    sums.set(le, (sums.get(le) ?? 0) + Number(match[3]));
  }
  return sums;
}

/**
 * What the server saw in the measured window, from two scrapes: the share of GraphQL requests it answered within each
 * of its histogram's bounds, its GC pause time, and the event loop's worst delay (prom-client resets that per scrape).
 */
function serverWindow(before, after) {
  if (!before || !after) return null;
  const graphql = (labels) => labels.includes('method="POST"');
  const bucketsBefore = samples(before, 'clinrank_http_request_duration_seconds_bucket', graphql);
  const bucketsAfter = samples(after, 'clinrank_http_request_duration_seconds_bucket', graphql);
  const total = (bucketsAfter.get('+Inf') ?? 0) - (bucketsBefore.get('+Inf') ?? 0);
  const within = Object.fromEntries(
    [...bucketsAfter.keys()]
      .filter((le) => le !== '+Inf')
      .map((le) => [
        `${Number(le) * 1000}ms`,
        total ? ((bucketsAfter.get(le) ?? 0) - (bucketsBefore.get(le) ?? 0)) / total : null,
      ]),
  );
  const gcSeconds = (text) => samples(text, 'clinrank_nodejs_gc_duration_seconds_sum').get('') ?? 0;
  const gcBuckets = (text) => samples(text, 'clinrank_nodejs_gc_duration_seconds_bucket');
  const gcCount = (le) => (gcBuckets(after).get(le) ?? 0) - (gcBuckets(before).get(le) ?? 0);
  const lagMax = samples(after, 'clinrank_nodejs_eventloop_lag_max_seconds').get('');
  // Absent from servers built before the counter: null, not zero.
  const slotsTaken = (text) => samples(text, 'clinrank_lease_slot_taken_total').get('');
  const slotsTakenAfter = slotsTaken(after);
  return {
    leaseSlotsTaken: slotsTakenAfter === undefined ? null : slotsTakenAfter - (slotsTaken(before) ?? 0),
    requests: total,
    shareWithin: within,
    gcPauseMs: (gcSeconds(after) - gcSeconds(before)) * 1000,
    gcPausesOver10Ms: gcCount('+Inf') - gcCount('0.01'),
    eventLoopDelayMaxMs: lagMax === undefined ? null : lagMax * 1000,
  };
}

/**
 * Sessions ever opened on the database and transactions ended there (PostgreSQL's own counts; they lag by up to a
 * second): a new session costs a backend's start, and its first statements run unprepared on cold caches. Beyond one
 * transaction per label come the looks for a next task that a submit's own transaction could not finish, and the
 * API's background work on the same database. Also the database's buffer reads (shared hits and misses) and the
 * server's WAL position: work per label that does not depend on how busy the machine's cores are, so two versions
 * can be compared on a noisy machine. The WAL position is the whole server's (autovacuum's writes count too).
 */
async function databaseCounts(database) {
  const { rows } = await admin(
    `SELECT sessions::int, (xact_commit + xact_rollback)::int AS transactions, (blks_hit + blks_read)::float8 AS buffers,
            pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8 AS wal
       FROM pg_stat_database WHERE datname = '${database}'`,
  );
  return rows[0] ?? { sessions: 0, transactions: 0, buffers: 0, wal: 0 };
}

/** `count` open projects besides `projectId`, with its settings and no items, created after it. */
async function addOtherProjects(url, projectId, count) {
  await withClient(url, async (client) => {
    await client.query(
      `INSERT INTO projects
       SELECT (jsonb_populate_record(NULL::projects, to_jsonb(p) || jsonb_build_object(
                 'id', gen_random_uuid(), 'slug', 'other-' || g, 'name', 'Other team ' || g,
                 'created_at', p.created_at + make_interval(secs => g)))).*
         FROM projects p, generate_series(1, $2::int) g
        WHERE p.id = $1`,
      [projectId, count],
    );
    await client.query('ANALYZE projects');
  });
}

/** The API alone on a fresh database: set up, drive, and the server's CPU per label. */
async function apiRun(name, serverRoot, afterDrive) {
  await admin(`CREATE DATABASE ${name}`);
  const url = databaseUrl(name);
  let server;
  try {
    server = startServer(url, serverRoot);
    await waitForHealth(server);
    const adminPassword = randomBytes(12).toString('hex');
    createAdmin(url, adminPassword, serverRoot);
    const adminToken = await login('bench-admin', adminPassword);
    const { project, tokens } = await setUp(adminToken);
    if (OTHER_PROJECTS) await addOtherProjects(url, project.id, OTHER_PROJECTS);
    const documents = documentsFor(serverRoot);
    const withNext = documents.withNext;
    log(
      `${serverRoot === root ? 'this checkout' : serverRoot}: ${ANNOTATORS} annotators, ${ITEMS} items, overlap ${OVERLAP}, ${withNext ? 'submitLabel(next:)' : 'nextTask → submitLabel'}: ${WARMUP_S} s warm-up + ${DURATION_S} s measured`,
    );
    const cpuBefore = processCpuMs(server.pid);
    const machineSplit = cpuSplit();
    // The machine's 1-minute load average around the measured window: what else competed for the CPU.
    const loadBefore = loadavg()[0];
    // Scraped as the measured window opens (the warm-up's first-load burst stays out of it) and as it closes.
    const metricsBefore = new Promise((resolve) => setTimeout(() => resolve(scrapeServer()), WARMUP_S * 1000));
    const countsBefore = new Promise((resolve) => setTimeout(() => resolve(databaseCounts(name)), WARMUP_S * 1000));
    const api = await drive(project, tokens, documents);
    const [before, after] = [await countsBefore, await databaseCounts(name)];
    const perAnsweredLabel = (count) => count / Math.max(1, api.answeredInWindow);
    api.databaseSessionsOpened = after.sessions - before.sessions;
    api.transactionsPerLabel = perAnsweredLabel(after.transactions - before.transactions);
    api.buffersPerLabel = perAnsweredLabel(after.buffers - before.buffers);
    api.walBytesPerLabel = perAnsweredLabel(after.wal - before.wal);
    const serverCpuMs = processCpuMs(server.pid) - cpuBefore;
    api.serverCpuMsPerLabel = serverCpuMs / Math.max(1, api.allLabels);
    api.cpu = machineSplit(api.allLabels, serverCpuMs);
    api.loadAverage = [loadBefore, loadavg()[0]];
    api.server = serverWindow(await metricsBefore, await scrapeServer());
    const slotsTaken = api.server?.leaseSlotsTaken;
    api.leaseSlotsTakenPerLabel = slotsTaken == null ? null : perAnsweredLabel(slotsTaken);
    const extra = afterDrive ? await afterDrive({ url, adminToken, project, tokens }) : undefined;
    await stopServer(server);
    return { api, url, extra };
  } catch (error) {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw error;
  } finally {
    if (server) await stopServer(server);
  }
}

async function oneRun(run) {
  const name = `clinrank_bench_${process.pid}_${run}`;
  const {
    api,
    url,
    extra: floor,
  } = await apiRun(name, root, ({ url, adminToken, project, tokens }) =>
    prepareSqlFloor(url, adminToken, project, tokens),
  );
  let result;
  try {
    const raw = await runPgbench(url);
    const { tps: sqlFloorLabelsPerSecond, clients: sqlFloorClients } = await runSqlFloor(url, floor);
    result = {
      ...api,
      pgbenchTps: raw.tps,
      pgbenchClients: raw.clients,
      fraction: api.labelsPerSecond / raw.tps,
      sqlFloorLabelsPerSecond,
      sqlFloorClients,
      fractionOfSqlFloor: api.labelsPerSecond / sqlFloorLabelsPerSecond,
    };
    if (THINK_MS) {
      const atRate = await runSqlFloorAtRate(url, floor, api.labelsPerSecond);
      result.sqlFloorAtRate = atRate;
      result.sqlFloorP99 = atRate.p99;
    }
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  if (BASELINE) {
    const baseName = `clinrank_bench_${process.pid}_${run}_baseline`;
    const { api: baseline } = await apiRun(baseName, BASELINE);
    await admin(`DROP DATABASE IF EXISTS ${baseName} WITH (FORCE)`);
    result.baseline = baseline;
    result.baselineLabelsPerSecond = baseline.labelsPerSecond;
    result.ratioToBaseline = result.labelsPerSecond / baseline.labelsPerSecond;
    result.baselineServerCpuMsPerLabel = baseline.serverCpuMsPerLabel;
    result.baselineBuffersPerLabel = baseline.buffersPerLabel;
    result.baselineWalBytesPerLabel = baseline.walBytesPerLabel;
  }
  log(`run ${run}: ${format(result)}`);
  log(`run ${run}: machine CPU per label: ${formatSplit(result)}; ${formatDatabaseWork(result)}`);
  if (result.baseline)
    log(
      `run ${run}: baseline's machine CPU per label: ${formatSplit(result.baseline)}; transactions per label ${result.baseline.transactionsPerLabel.toFixed(3)}; ${formatDatabaseWork(result.baseline)}`,
    );
  return result;
}

const formatDatabaseWork = (r) =>
  `database buffers per label ${r.buffersPerLabel.toFixed(0)}, WAL per label ${(r.walBytesPerLabel / 1024).toFixed(1)} KiB` +
  (r.leaseSlotsTakenPerLabel == null ? '' : `, leases refused per label ${r.leaseSlotsTakenPerLabel.toFixed(3)}`);

const formatSplit = (r) =>
  `${r.cpu.machineCpuMsPerLabel.toFixed(2)} ms (cores ${(100 * r.cpu.machineBusyShare).toFixed(0)} % busy): API ${r.serverCpuMsPerLabel.toFixed(2)}, ` +
  `PostgreSQL ${r.cpu.postgresCpuMsPerLabel.toFixed(2)}, load generator ${r.cpu.loadGeneratorCpuMsPerLabel.toFixed(2)}, other ${r.cpu.otherCpuMsPerLabel.toFixed(2)}`;

const format = (r) =>
  `${r.loadAverage ? `load ${r.loadAverage.map((load) => load.toFixed(1)).join('→')}: ` : ''}${r.labelsPerSecond.toFixed(1)} labels/s, per label p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, errors ${r.errors}, annotators told "nothing left" early ${r.ranDry}, server CPU ${r.serverCpuMsPerLabel.toFixed(2)} ms/label, database sessions opened ${r.databaseSessionsOpened}, transactions per label ${r.transactionsPerLabel.toFixed(3)}; ` +
  `pgbench ${r.pgbenchTps.toFixed(1)} tx/s (${r.pgbenchClients} clients, -j 2) → ${(100 * r.fraction).toFixed(1)}% of raw; ` +
  `SQL floor ${r.sqlFloorLabelsPerSecond.toFixed(1)} labels/s (${r.sqlFloorClients} clients) → ${(100 * r.fractionOfSqlFloor).toFixed(1)}% of it` +
  (r.sqlFloorP99 === undefined ? '' : `; SQL floor at this rate: p99 ${r.sqlFloorP99.toFixed(1)} ms`) +
  (r.baselineLabelsPerSecond === undefined
    ? ''
    : `; baseline ${r.baselineLabelsPerSecond.toFixed(1)} labels/s, ${r.baselineServerCpuMsPerLabel.toFixed(2)} ms CPU/label → ${r.ratioToBaseline.toFixed(2)}×`);

const median = (values) => {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function build(serverRoot) {
  const result = spawnSync(process.execPath, [join(serverRoot, 'scripts/build.mjs'), '--server-only', '--quiet'], {
    cwd: serverRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function main() {
  build(root);
  if (BASELINE) build(BASELINE);
  const results = [];
  for (let run = 1; run <= RUNS; run += 1) results.push(await oneRun(run));
  const keys = [
    'labelsPerSecond',
    'p50',
    'p95',
    'p99',
    'serverCpuMsPerLabel',
    'databaseSessionsOpened',
    'transactionsPerLabel',
    'buffersPerLabel',
    'walBytesPerLabel',
    'leaseSlotsTakenPerLabel',
    'pgbenchTps',
    'fraction',
    'sqlFloorLabelsPerSecond',
    'fractionOfSqlFloor',
    ...(BASELINE
      ? [
          'baselineLabelsPerSecond',
          'ratioToBaseline',
          'baselineServerCpuMsPerLabel',
          'baselineBuffersPerLabel',
          'baselineWalBytesPerLabel',
        ]
      : []),
    ...(THINK_MS ? ['sqlFloorP99'] : []),
  ];
  const summary = Object.fromEntries(keys.map((key) => [key, median(results.map((result) => result[key]))]));
  const targets = {
    p99Below50ms: summary.p99 < 50,
    atLeast30PercentOfPgbench: summary.fraction >= 0.3,
    atLeastHalfOfSqlFloor: summary.fractionOfSqlFloor >= 0.5,
    ...(BASELINE ? { atLeast3xBaseline: summary.ratioToBaseline >= 3 } : {}),
    ...(THINK_MS ? { p99Below20ms: summary.p99 < 20 } : {}),
  };
  process.stdout.write(
    `${JSON.stringify({ annotators: ANNOTATORS, apiWorkers: API_WORKERS, thinkMs: THINK_MS, durationSeconds: DURATION_S, items: ITEMS, overlap: OVERLAP, otherProjects: OTHER_PROJECTS, baseline: BASELINE, runs: results, median: summary, targets }, null, 2)}\n`,
  );
  const total = (key) => results.reduce((sum, result) => sum + result[key], 0);
  process.stderr.write(
    `median of ${RUNS}: ${format({ ...summary, errors: total('errors'), ranDry: total('ranDry'), pgbenchClients: results[0].pgbenchClients, sqlFloorClients: results[0].sqlFloorClients })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
