import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createTestDatabase, stopEmbeddedServer, type TestDatabase } from '../../../test-support/test-database.js';
import { PYTHON, torchPrerequisite } from '../../../test-support/training-helpers.js';
import { runCli, startCli, type CliRun } from './support/run-cli.js';

const torch = torchPrerequisite();
if (!torch.ok) console.warn(`SKIPPING the eval bertscore tests that run the trainer: ${torch.reason}`);
const withTrainer = torch.ok ? describe : describe.skip;

let database: TestDatabase;
let sql: pg.Client;
let dir: string;

/** The test database, the artifact volume and the trainer's Python, plus `extra`. */
function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { DATABASE_URL: database.url, ARTIFACT_DIR: join(dir, 'artifacts'), CLINRANK_PYTHON: PYTHON, ...extra };
}

const start = (args: string[], env: Record<string, string> = {}) => startCli(args, cliEnv(env));
const cli = (args: string[], env: Record<string, string> = {}): Promise<CliRun> => runCli(args, cliEnv(env));

function jsonl(lines: unknown[]): string {
  return lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
}

/** Two items, two models: "echo" repeats each reference (F1 1), "terse" answers one word (F1 below 1). */
const CAMPAIGN = [
  {
    id: 'q1',
    language: 'en',
    prompt: 'How should I take aspirin?',
    reference: 'take one aspirin tablet daily with food',
    responses: [
      { id: 'e', text: 'Take one aspirin tablet daily, with food.', model: 'echo' },
      { id: 't', text: 'rest', model: 'terse' },
    ],
  },
  {
    id: 'q2',
    language: 'ar',
    prompt: 'ماذا أفعل؟',
    reference: 'اشرب الماء كثيرا',
    responses: [
      { id: 'e', text: 'اشرب الماء كثيرا', model: 'echo' },
      { id: 't', text: 'نم', model: 'terse' },
    ],
  },
];

beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'clinrank-cli-bertscore-'));
  const created = await cli([
    'projects',
    'create',
    '--slug',
    'bs-cli',
    '--name',
    'BERTScore CLI',
    '--kind',
    'pairwise',
    '--json',
  ]);
  expect(created).toMatchObject({ code: 0 });
  writeFileSync(join(dir, 'campaign.jsonl'), jsonl(CAMPAIGN));
  expect(await cli(['import', '--project', 'bs-cli', join(dir, 'campaign.jsonl')])).toMatchObject({ code: 0 });
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
}, 60_000);

afterAll(async () => {
  await sql?.end();
  await database?.drop();
  await stopEmbeddedServer();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('eval bertscore: usage', () => {
  it('exits 2 on options that do not go together, naming them', async () => {
    const cases: [string[], string][] = [
      [['--input', 'x.jsonl', '--project', 'bs-cli'], 'give either --input or --project, not both'],
      [[], 'give --project SLUG'],
      [
        ['--project', 'bs-cli', '--results', '--encoder', '/models/enc', '--layer', '3'],
        '--encoder, --layer cannot be used with --results',
      ],
      [['--input', 'x.jsonl', '--wait', '--format', 'csv'], '--wait, --format cannot be used with --input'],
      [['--project', 'bs-cli', '--device', 'cuda'], '--device cannot be used with --project without --results'],
      [['--project', 'bs-cli', '--format', 'md'], '--format can only be used with --wait or --results'],
      [['--project', 'bs-cli', '--wait', '--timeout', '0'], '--timeout must be at least 1 second'],
      [['--project', 'bs-cli', '--results', '--format', 'xml'], '--format must be one of json, csv, md'],
      [['--input', join(dir, 'none.jsonl')], 'no such file'],
    ];
    for (const [args, message] of cases) {
      const run = await cli(['eval', 'bertscore', ...args]);
      expect({ args, code: run.code, stderr: run.stderr }).toEqual({
        args,
        code: 2,
        stderr: expect.stringContaining(message),
      });
    }
  });

  it('has no results before a run succeeded', async () => {
    const run = await cli(['eval', 'bertscore', '--project', 'bs-cli', '--results']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('BAD_USER_INPUT: project "bs-cli" has no succeeded BERTScore run yet');
  });

  it('reports every bad line of a predictions file with its number', async () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(
      file,
      [
        '{"id": 1, "prediction": "a"}',
        '',
        '{"id": 2, "model": 7, "prediction": "a", "references": ["b"]}',
        '{oops',
      ].join('\n'),
    );
    const run = await cli(['eval', 'bertscore', '--input', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:1: missing "references"`);
    expect(run.stderr).toContain(`${file}:3: "model" must be a non-empty string when given`);
    expect(run.stderr).toContain(`${file}:4: invalid JSON`);
    expect(run.stderr).toContain('3 bad line(s)');
    expect(run.stdout).toBe('');
  });

  it('says in one line what to install when the trainer Python is missing', async () => {
    const file = join(dir, 'one.jsonl');
    writeFileSync(file, jsonl([{ id: 1, prediction: 'a', references: ['a'] }]));
    const run = await cli(['eval', 'bertscore', '--input', file], { CLINRANK_PYTHON: join(dir, 'no-python') });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^clinrank: cannot run .*no-python .*apt-get install python3-torch\) or set CLINRANK_PYTHON$/,
      ),
    ]);
  });
});

withTrainer('eval bertscore with the local trainer', () => {
  it('scores a predictions file with the built-in encoder, per model and per language', async () => {
    const file = join(dir, 'predictions.jsonl');
    writeFileSync(
      file,
      jsonl([
        { id: 1, language: 'en', prediction: 'see a doctor', references: ['see a doctor'] },
        { id: 1, model: 'tuned', language: 'ar', prediction: 'اشرب الماء', references: ['اشرب الماء كثيرا'] },
        { id: 2, model: 'tuned', language: 'en', prediction: 'rest', references: ['rest well'] },
      ]),
    );
    const run = await cli(['eval', 'bertscore', '--input', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const metrics = JSON.parse(run.stdout);
    expect(metrics).toMatchObject({ encoder: 'builtin', layer: 2, idf: false, items: 3 });
    expect(metrics.models.predictions).toMatchObject({ n: 1 });
    expect(metrics.models.predictions.f1).toBeCloseTo(1, 5);
    expect(metrics.models.tuned.n).toBe(2);
    expect(Object.keys(metrics.by_language)).toEqual(['ar', 'en']);
    expect(metrics.by_language.ar.tuned.n).toBe(1);
    expect(metrics.by_language.ar.tuned.f1).toBeLessThan(0.99);
    expect(metrics.models.tuned.f1).toBeCloseTo(
      (metrics.by_language.ar.tuned.f1 + metrics.by_language.en.tuned.f1) / 2,
      9,
    );
  });

  it("passes the trainer's own option errors on as usage errors", async () => {
    const file = join(dir, 'predictions.jsonl');
    const run = await cli(['eval', 'bertscore', '--input', file, '--layer', '9']);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe('clinrank: --layer must be between 0 and 2 for this encoder, got 9\n');
  });

  it("queues a project's run, waits for a worker, prints results in every format and reports failed runs", async () => {
    const queued = await cli(['eval', 'bertscore', '--project', 'bs-cli']);
    expect(queued.code).toBe(0);
    const run = JSON.parse(queued.stdout);
    expect(run).toMatchObject({ kind: 'bertscore', status: 'queued', gpus: 0 });
    expect(run.options.input).toBe('input.jsonl');
    const stored = await sql.query(`SELECT config->'options'->>'input' AS input FROM training_runs WHERE id = $1`, [
      run.id,
    ]);
    expect(stored.rows[0].input.startsWith(join(dir, 'artifacts'))).toBe(true);
    const audit = await sql.query(`SELECT action, actor FROM audit_log WHERE entity_id = $1`, [run.id]);
    expect(audit.rows).toEqual([{ action: 'training.start_bertscore', actor: expect.stringMatching(/^cli:/) }]);

    // Three runs for one worker: the one above, the awaited one, and one whose encoder does not exist.
    const worker = start(
      [
        'worker',
        '--max-jobs',
        '1',
        '--gpus',
        'none',
        '--name',
        'bs-cli-node',
        '--work-dir',
        join(dir, 'node'),
        '--heartbeat-seconds',
        '1',
        '--poll-seconds',
        '1',
        '--exit-after',
        '3',
      ],
      { LOG_LEVEL: 'silent' },
    );
    const exited = new Promise((resolve) => worker.once('close', resolve));
    try {
      const waited = await cli([
        'eval',
        'bertscore',
        '--project',
        'bs-cli',
        '--wait',
        '--timeout',
        '50',
        '--format',
        'md',
      ]);
      expect(waited.stderr).toMatch(/queued BERTScore run .*; waiting for a worker/);
      expect(waited.code).toBe(0);
      expect(waited.stdout.split('\n').slice(0, 4)).toEqual([
        '| Model | Precision | Recall | F1 | Answers |',
        '| --- | ---: | ---: | ---: | ---: |',
        '| echo | 100.0 | 100.0 | 100.0 | 2 |',
        expect.stringMatching(/^\| terse \| \d+\.\d \| \d+\.\d \| \d+\.\d \| 2 \|$/),
      ]);

      // An encoder outside MODEL_ROOTS is refused before anything is queued…
      const outside = await cli(['eval', 'bertscore', '--project', 'bs-cli', '--encoder', join(dir, 'no-encoder')], {
        MODEL_ROOTS: join(dir, 'models'),
      });
      expect(outside.code).not.toBe(0);
      expect(outside.stderr).toMatch(/encoder .*is not under MODEL_ROOTS/);
      // …and one inside them that is no encoder at all fails on the node, with the trainer's one-line reason.
      mkdirSync(join(dir, 'models'), { recursive: true });
      writeFileSync(join(dir, 'models', 'not-an-encoder.txt'), 'plain text\n');
      const failed = await cli(
        ['eval', 'bertscore', '--project', 'bs-cli', '--encoder', 'not-an-encoder.txt', '--wait', '--timeout', '50'],
        { MODEL_ROOTS: join(dir, 'models') },
      );
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/clinrank: BERTScore run \S+ failed: trainer exited with code 2: .*--encoder/);
      expect(failed.stdout).toBe('');
    } finally {
      const kill = setTimeout(() => worker.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(kill);
    }

    const json = JSON.parse((await cli(['eval', 'bertscore', '--project', 'bs-cli', '--results'])).stdout);
    expect(json).toMatchObject({ encoder: 'builtin', layer: 2, languages: ['ar', 'en'], language: null });
    expect(json.rows.map((row: { model: string; answers: number }) => [row.model, row.answers])).toEqual([
      ['echo', 2],
      ['terse', 2],
    ]);

    const csv = await cli([
      'eval',
      'bertscore',
      '--project',
      'bs-cli',
      '--results',
      '--language',
      'ar',
      '--format',
      'csv',
    ]);
    expect(csv.code).toBe(0);
    const [header, echo, terse] = csv.stdout.trim().split('\n');
    expect(header).toBe('Model,Precision,Recall,F1,Answers');
    expect(echo).toBe('echo,1.0000,1.0000,1.0000,1');
    expect(terse).toMatch(/^terse,0\.\d{4},0\.\d{4},0\.\d{4},1$/);

    const unknown = await cli(['eval', 'bertscore', '--project', 'bs-cli', '--results', '--language', 'fr']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('BAD_USER_INPUT: language: the latest BERTScore run');
    expect(unknown.stderr).toContain('no results for "fr": it has answers in ar, en');
  }, 180_000);
});
