// The fault test: 20 annotators label through the real server while it is killed with SIGKILL and restarted, and while
// its PostgreSQL is stopped and started again. Clients retry as the web client does (same submissionId, on network
// errors and UNAVAILABLE). Every acknowledged label must be stored exactly once: 0 lost, 0 duplicated.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import pg from 'pg';
import { freePort } from '../../../../test-support/test-database.js';
import { startOwnPostgres, type OwnPostgres } from './support/own-postgres.js';

const ROOT = resolve(process.cwd());
const ANNOTATORS = 20;
const ITEMS = 400;
const PASSWORD = 'Fault-Test-Password-2026';

let postgres: OwnPostgres;
let server: ChildProcess | null = null;
let port: number;
let serverLog = '';

function startServer(): ChildProcess {
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: postgres.url,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'fault-test-secret-4f1c9a7e2b6d8c3a5e0f9b1d7c2a6e4f',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (serverLog = (serverLog + chunk).slice(-20_000)));
  child.stderr!.on('data', (chunk) => (serverLog = (serverLog + chunk).slice(-20_000)));
  return child;
}

async function waitHealthy(timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`the server did not become healthy:\n${serverLog}`);
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

type Answer = { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } | 'network';

async function gql(query: string, variables: Record<string, unknown>, token?: string): Promise<Answer> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(15_000),
    });
    if (response.status >= 500) return 'network';
    return (await response.json()) as Answer;
  } catch {
    return 'network';
  }
}

const retryable = (answer: Answer) => answer === 'network' || answer.errors?.[0]?.extensions?.code === 'UNAVAILABLE';

/** Sends until the server gives an answer that is not "try again", as the web client's withRetry does. */
async function untilAnswered(
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<Exclude<Answer, 'network'>> {
  for (;;) {
    const answer = await gql(query, variables, token);
    if (!retryable(answer)) return answer as Exclude<Answer, 'network'>;
    await sleep(150);
  }
}

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--server-only', '--quiet'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  postgres = await startOwnPostgres();
  port = await freePort();
  server = startServer();
  await waitHealthy();
}, 180_000);

afterAll(async () => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  await postgres?.destroy();
});

describe('kill -9 of the API and a PostgreSQL restart under 20 annotators', () => {
  it('loses no acknowledged label and stores none twice', async () => {
    const started = Date.now();
    const mark = (what: string) =>
      process.stderr.write(`faults: ${what} at ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    // Users are made by the owner, like `clinrank users create`; their passwords are real scrypt hashes.
    const { createDataSource, startServiceContext } = await import('@clinrank/server-app');
    const { loadConfig } = await import('@clinrank/server-core');
    const ownerSource = createDataSource(postgres.url, { poolSize: 2 });
    await ownerSource.initialize();
    const context = await startServiceContext({
      config: loadConfig({ NODE_ENV: 'test', DATABASE_URL: postgres.url }),
      dataSource: ownerSource,
    });
    const { services } = context;
    const system = { kind: 'system' as const, name: 'fault-test' };
    await Promise.all([
      services.users.create(
        { username: 'fault-lead', role: 'lead', password: PASSWORD, languages: ['en'], specialties: [] },
        system,
      ),
      ...Array.from({ length: ANNOTATORS }, (_, index) =>
        services.users.create(
          { username: `fault-ann-${index}`, role: 'annotator', password: PASSWORD, languages: ['en'], specialties: [] },
          system,
        ),
      ),
    ]);
    await context.close();
    await ownerSource.destroy();
    const login = async (username: string) =>
      (
        await untilAnswered(
          `mutation ($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }`,
          { u: username, p: PASSWORD },
        )
      ).data.login.token as string;
    const lead = await login('fault-lead');
    const project = (
      await untilAnswered(
        `mutation { createProject(input: {slug: "faults", name: "Faults", kind: pairwise, overlap: 2}) { id } }`,
        {},
        lead,
      )
    ).data.createProject.id;
    const lines = Array.from({ length: ITEMS }, (_, index) =>
      JSON.stringify({
        id: `q${index}`,
        language: 'en',
        prompt: `Question ${index}?`,
        responses: [
          { id: 'a', text: `A${index}` },
          { id: 'b', text: `B${index}` },
        ],
      }),
    );
    const imported = await untilAnswered(
      `mutation ($input: ImportItemsInput!) { importItems(input: $input) { imported } }`,
      { input: { projectId: project, content: lines.join('\n'), strict: true } },
      lead,
    );
    expect(imported.data.importItems.imported).toBe(ITEMS);
    const tokens = await Promise.all(Array.from({ length: ANNOTATORS }, (_, index) => login(`fault-ann-${index}`)));

    const acknowledged = new Set<string>();
    let acknowledgedAfterRestart = 0;
    let postgresBack = Number.POSITIVE_INFINITY;
    const attempted = new Set<string>();
    let stop = false;
    let refusedAfterRetry = 0;
    const annotator = async (token: string) => {
      while (!stop) {
        const next = await untilAnswered(
          `query ($p: ID) { nextTask(projectId: $p) { taskId project { criteria } } }`,
          { p: project },
          token,
        );
        const task = next.data?.nextTask;
        if (!task) return;
        const criteria = [...task.project.criteria, 'overall'];
        const input = {
          taskId: task.taskId,
          submissionId: randomUUID(),
          content: {
            judgements: Object.fromEntries(
              criteria.map((criterion: string) => [criterion, { choice: 'a', strength: null }]),
            ),
          },
          flags: [],
          timeSpentMs: 500,
        };
        attempted.add(input.submissionId);
        const answer = await untilAnswered(
          `mutation ($input: SubmitLabelInput!) { submitLabel(input: $input) { duplicate label { submissionId } } }`,
          { input },
          token,
        );
        if (answer.data?.submitLabel) {
          acknowledged.add(answer.data.submitLabel.label.submissionId);
          if (Date.now() > postgresBack) acknowledgedAfterRestart += 1;
        } else refusedAfterRetry += 1;
      }
    };
    const load = Promise.all(tokens.map(annotator));

    mark('load started');
    await sleep(2500);
    server!.kill('SIGKILL');
    await new Promise((done) => server!.once('exit', done));
    server = startServer();
    await waitHealthy();
    mark('restarted after SIGKILL');
    await sleep(2000);
    await postgres.stop();
    await sleep(1500);
    await postgres.start();
    postgresBack = Date.now();
    await sleep(3000);
    mark('PostgreSQL restarted');
    stop = true;
    await load;
    mark(`load finished (${acknowledged.size} acknowledged)`);
    const owner = new pg.Client({ connectionString: postgres.url });
    await owner.connect();

    const { rows: stored } = await owner.query(`SELECT submission_id::text AS id FROM labels WHERE project_id = $1`, [
      project,
    ]);
    const {
      rows: [{ pairs, distinct }],
    } = await owner.query(
      `SELECT count(*)::int AS pairs, count(DISTINCT (item_id, annotator_id))::int AS distinct FROM labels WHERE project_id = $1`,
      [project],
    );
    await owner.end();
    const storedIds = stored.map((row: { id: string }) => row.id);
    const lost = [...acknowledged].filter((id) => !storedIds.includes(id));
    expect(acknowledged.size).toBeGreaterThan(50);
    expect(acknowledgedAfterRestart).toBeGreaterThan(0);
    expect(lost).toEqual([]);
    expect(new Set(storedIds).size).toBe(storedIds.length);
    expect(pairs).toBe(distinct);
    expect(storedIds.every((id: string) => attempted.has(id))).toBe(true);
    // A refusal after a retry (e.g. a lease that ran out) is a clear answer, not a loss; it must stay rare.
    expect(refusedAfterRetry).toBeLessThan(acknowledged.size / 10);
  }, 300_000);
});
