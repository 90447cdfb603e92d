// Finding 7 (the worker's children get too much), replayed through the API and a real node agent.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { ok } from '../support/assertions.js';
import { createProject, importLines } from '../evaluation/support/evaluation-helpers.js';
import { pollUntil, REPO_ROOT } from '../../../../test-support/training-helpers.js';
import { spawn } from 'node:child_process';

const REQUEST = `mutation ($p: ID!, $e: String) { requestBertScore(projectId: $p, encoderPath: $e) { id status config } }`;

let api: TestPlatform;
let work: string;
let modelRoot: string;
let lead: string;
let projectId: string;

beforeAll(async () => {
  work = realpathSync(mkdtempSync(join(tmpdir(), 'clinrank-sec-sandbox-')));
  modelRoot = join(work, 'models');
  mkdirSync(join(modelRoot, 'enc-tiny'), { recursive: true });
  mkdirSync(join(work, 'secrets'));
  symlinkSync(join(work, 'secrets'), join(modelRoot, 'escape'));
  api = await startTestPlatform({ MODEL_ROOTS: modelRoot, ARTIFACT_DIR: join(work, 'artifacts') });
  lead = (await api.createUser('sec-sandbox-lead', 'lead')).token;
  projectId = await createProject(api, lead, {
    slug: 'sec-sandbox',
    name: 'Sandbox',
    kind: 'pairwise',
    allowTies: true,
    overlap: 1,
  });
  await importLines(api, lead, projectId, [
    {
      id: 'q1',
      language: 'en',
      prompt: 'How should I take aspirin?',
      reference: 'with food',
      responses: [
        { id: 'a', text: 'with food', model: 'm1' },
        { id: 'b', text: 'rest', model: 'm2' },
      ],
    },
  ]);
}, 60_000);

afterAll(async () => {
  await api?.close();
  rmSync(work, { recursive: true, force: true });
});

async function runCount(): Promise<number> {
  const [row] = await api.platform.dataSource.query(`SELECT count(*)::int AS n FROM training_runs`);
  return row.n;
}

describe('model paths lie under MODEL_ROOTS', () => {
  it('refuses any other server path at request time, naming the option, and queues nothing', async () => {
    for (const path of ['/etc', join(modelRoot, '..', 'secrets'), '../secrets', 'escape', join(modelRoot, 'missing')]) {
      const result = await api.gql(REQUEST, { p: projectId, e: path }, lead);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'options.encoder' });
      expect(result.errors?.[0].message).toMatch(/MODEL_ROOTS/);
    }
    expect(await runCount()).toBe(0);
  });

  it('accepts a model inside a root, and shows people its name, not the server path', async () => {
    const run = ok(await api.gql(REQUEST, { p: projectId, e: 'enc-tiny' }, lead)).requestBertScore;
    expect(run.config.options).toMatchObject({ encoder: 'enc-tiny', input: 'input.jsonl' });
    const listed = ok(
      await api.gql(
        `query ($p: ID) { trainingRuns(projectId: $p) { id config } }`,
        { p: projectId },
        await api.createUser('sec-sandbox-ml', 'ml_engineer').then((user) => user.token),
      ),
    ).trainingRuns;
    expect(JSON.stringify(listed)).not.toContain(work);
    const [stored] = await api.platform.dataSource.query(`SELECT config FROM training_runs WHERE id = $1`, [run.id]);
    expect(stored.config.options.encoder).toBe(join(modelRoot, 'enc-tiny'));
    await api.platform.dataSource.query(
      `UPDATE training_runs SET status = 'cancelled', finished_at = now() WHERE id = $1`,
      [run.id],
    );
  });
});

describe("the trainer's environment", () => {
  it('a real node agent starts the trainer without DATABASE_URL or any secret', async () => {
    // A stand-in for python: it records the environment it was given, then fails the run.
    const envFile = join(work, 'trainer-env.txt');
    const fakePython = join(work, 'fake-python.sh');
    writeFileSync(
      fakePython,
      `#!/bin/sh\nif [ "$1" = "-c" ]; then exit 0; fi\nenv > '${envFile}'\necho "fake trainer refuses to train" >&2\nexit 3\n`,
    );
    chmodSync(fakePython, 0o755);
    const run = ok(await api.gql(REQUEST, { p: projectId, e: null }, lead)).requestBertScore;
    const agent = spawn(
      process.execPath,
      [
        join(REPO_ROOT, 'bin/clinrank.mjs'),
        'worker',
        '--max-jobs',
        '1',
        '--gpus',
        'none',
        '--name',
        'sec-node',
        '--work-dir',
        join(work, 'node'),
        '--heartbeat-seconds',
        '1',
        '--poll-seconds',
        '1',
        '--exit-after',
        '1',
      ],
      {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATABASE_URL: api.config.databaseUrl!,
          ARTIFACT_DIR: join(work, 'artifacts'),
          LOG_LEVEL: 'silent',
          CLINRANK_PYTHON: fakePython,
          JWT_SECRET: 'jwt-secret-that-must-not-reach-the-trainer-0123456789',
          AWS_SECRET_ACCESS_KEY: 'aws-secret-that-must-not-reach-the-trainer',
          METRICS_TOKEN: 'metrics-token-that-must-not-reach-the-trainer',
        },
        stdio: 'ignore',
      },
    );
    try {
      const detail = async () =>
        ok(await api.gql(`query ($id: ID!) { trainingRun(id: $id) { run { status error } } }`, { id: run.id }, lead))
          .trainingRun;
      const done = await pollUntil(detail, (value) => ['succeeded', 'failed'].includes(value.run.status), 90_000);
      expect(done.run.status).toBe('failed');
    } finally {
      if (agent.exitCode === null) agent.kill('SIGKILL');
    }
    expect(existsSync(envFile)).toBe(true);
    const env = readFileSync(envFile, 'utf8');
    expect(env).toMatch(/^PYTHONPATH=/m);
    expect(env).toMatch(/^HF_HUB_OFFLINE=1$/m);
    for (const leaked of [
      'DATABASE_URL',
      'JWT_SECRET',
      'AWS_SECRET_ACCESS_KEY',
      'METRICS_TOKEN',
      'must-not-reach',
      api.config.databaseUrl!,
    ])
      expect(env).not.toContain(leaked);
    // The failed run's files are shown to the lead by artifact id only.
    const detail = ok(
      await api.gql(
        `query ($id: ID!) { trainingRun(id: $id) { run { config } artifacts { uri } } }`,
        { id: run.id },
        lead,
      ),
    ).trainingRun;
    expect(JSON.stringify(detail)).not.toContain(work);
  }, 150_000);
});
