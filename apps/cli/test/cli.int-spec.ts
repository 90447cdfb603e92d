import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createTestDatabase, stopEmbeddedServer, type TestDatabase } from '../../../test-support/test-database.js';
import { runCli, type CliRun } from './support/run-cli.js';

let database: TestDatabase;
let sql: pg.Client;
let dir: string;

/** Runs `node bin/clinrank.mjs …` as an operator would, on the test database. */
function cli(args: string[], stdin?: string): Promise<CliRun> {
  return runCli(args, { DATABASE_URL: database.url }, stdin);
}

/** Runs commands one after another: concurrent `clinrank` starts may race rebuilding dist/ when sources just changed. */
async function cliEach(commands: string[][]): Promise<CliRun[]> {
  const runs: CliRun[] = [];
  for (const args of commands) runs.push(await cli(args));
  return runs;
}

function line(id: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    id,
    language: 'en',
    prompt: `question ${id}`,
    responses: [
      { id: 'r1', text: `one ${id}` },
      { id: 'r2', text: `two ${id}` },
    ],
    ...extra,
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'clinrank-cli-test-'));
  // Migrate once up front so later commands can run in parallel without racing to create the schema.
  const first = await cli(['projects', 'list', '--json']);
  expect(first).toMatchObject({ code: 0, stdout: '[]\n' });
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
}, 60_000);

afterAll(async () => {
  await sql?.end();
  await database?.drop();
  await stopEmbeddedServer();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('usage', () => {
  it('answers --help for every command', async () => {
    const commands = [['projects', 'create'], ['projects', 'list'], ['import'], ['stats'], ['users', 'create']];
    const runs = await cliEach(commands.map((command) => [...command, '--help']));
    runs.forEach((run, index) => {
      expect({ command: commands[index], code: run.code, stderr: run.stderr.replace(/^build: .*\n/m, '') }).toEqual({
        command: commands[index],
        code: 0,
        stderr: '',
      });
      expect(run.stdout).toContain(`Usage: clinrank ${commands[index].join(' ')}`);
      expect(run.stdout).toContain('--help');
    });
    expect(runs[0].stdout).toMatch(
      /--kind <kind>[\s\S]*--overlap <n>[\s\S]*--criteria <list>[\s\S]*--languages <codes>[\s\S]*--specialties <list>/,
    );
    expect(runs[2].stdout).toContain('--strict');
  });

  it('exits 2 and names the wrong option', async () => {
    const cases: [string[], string][] = [
      [['projects', 'create', '--slug', 'x', '--name', 'X', '--kind', 'pairwise', '--bogus'], '--bogus'],
      [['projects', 'create', '--slug', 'x', '--name', 'X', '--kind', 'banana'], '--kind'],
      [['projects', 'create', '--slug', 'x', '--name', 'X', '--kind', 'rating', '--overlap', 'three'], '--overlap'],
      [['projects', 'create', '--slug', 'x', '--name', 'X', '--kind', 'rating', '--scale', '5-1'], '--scale'],
      [['projects', 'create', '--slug', 'x', '--name', 'X', '--kind', 'rating', '--overlap', '0'], 'overlap'],
      [['stats', '--project', 'x', '--colour'], '--colour'],
      // A mistyped required option names itself, not the required option it failed to set.
      [['stats', '--projct', 'x'], "unknown option '--projct'"],
      [['export', '--projct', 'x', '--format', 'trl'], "unknown option '--projct'"],
      [['users', 'create', '--username', 'nopass', '--role', 'annotator'], '--password-stdin'],
    ];
    const runs = await cliEach(cases.map(([args]) => args));
    runs.forEach((run, index) => {
      expect({ args: cases[index][0], code: run.code }).toEqual({ args: cases[index][0], code: 2 });
      expect(run.stderr).toContain(cases[index][1]);
    });
    expect((await sql.query(`SELECT count(*)::int AS n FROM projects`)).rows[0].n).toBe(0);
  });
});

describe('an empty platform', () => {
  it('says there are no projects instead of printing nothing', async () => {
    const run = await cli(['projects', 'list']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^no projects/);
  });
});

describe('projects, import, stats and users', () => {
  it('creates and lists projects as JSON', async () => {
    const created = await cli([
      'projects',
      'create',
      '--slug',
      'cli-cardio',
      '--name',
      'CLI cardio',
      '--kind',
      'rating',
      '--scale',
      '1-4',
      '--overlap',
      '2',
      '--criteria',
      'accuracy,safety',
      '--languages',
      'en,zh',
      '--specialties',
      'cardiology,neurology',
      '--json',
    ]);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      slug: 'cli-cardio',
      kind: 'rating',
      scaleMin: 1,
      scaleMax: 4,
      overlap: 2,
      criteria: ['accuracy', 'safety'],
      languages: ['en', 'zh'],
      specialties: ['cardiology', 'neurology'],
    });
    const duplicate = await cli(['projects', 'create', '--slug', 'cli-cardio', '--name', 'again', '--kind', 'rating']);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('CONFLICT');
    const listed = await cli(['projects', 'list', '--json']);
    expect(JSON.parse(listed.stdout).map((project: { slug: string }) => project.slug)).toEqual(['cli-cardio']);
  });

  it('imports a file: reports bad lines, prints the summary, and exits non-zero when anything was rejected', async () => {
    const file = join(dir, 'items.jsonl');
    writeFileSync(
      file,
      [line('c1'), '{not json', line('c2', { responses: [{ id: 'r1', text: 'only one' }] }), line('c3')].join('\n'),
    );
    const strict = await cli(['import', '--project', 'cli-cardio', '--strict', file]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain(
      'imported 0, updated 0, unchanged 0, rejected 2; 0 labels (strict: nothing was imported)',
    );
    expect((await sql.query(`SELECT count(*)::int AS n FROM items`)).rows[0].n).toBe(0);
    const lenient = await cli(['import', '--project', 'cli-cardio', file]);
    expect(lenient.code).toBe(1);
    expect(lenient.stdout).toContain('imported 2, updated 0, unchanged 0, rejected 2');
    expect(lenient.stderr).toContain(`${file}:2: (line): invalid JSON`);
    expect(lenient.stderr).toContain(`${file}:3: responses: needs at least 2 responses`);
    const good = join(dir, 'good.jsonl');
    writeFileSync(good, [line('c1'), line('c3'), line('c4')].join('\n') + '\n');
    const again = await cli(['import', '--project', 'cli-cardio', good, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 1, unchanged: 2, rejected: 0, problems: [] });
    const missing = await cli(['import', '--project', 'cli-cardio', join(dir, 'nope.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const unknownProject = await cli(['import', '--project', 'nope', good]);
    expect(unknownProject.code).toBe(1);
    expect(unknownProject.stderr).toContain('NOT_FOUND');
  });

  it('prints the project counts as JSON, including imported labels per annotator', async () => {
    const file = join(dir, 'graded.jsonl');
    const annotations = [
      { annotator: 'assessor-9', kind: 'rating', response: 'r1', criterion: 'overall', score: 4 },
      { annotator: 'assessor-9', kind: 'rating', response: 'r2', criterion: 'overall', score: 2 },
    ];
    writeFileSync(file, line('c5', { annotations }) + '\n');
    expect((await cli(['import', '--project', 'cli-cardio', file])).code).toBe(0);
    const stats = await cli(['stats', '--project', 'cli-cardio', '--json']);
    expect(stats.code).toBe(0);
    // c1, c3, c4 and c5 with two responses each; one imported label, one annotator.
    expect(JSON.parse(stats.stdout)).toEqual({
      project: 'cli-cardio',
      items: 4,
      responses: 8,
      labels: 1,
      completeItems: 0,
      labelsPerAnnotator: { 'ext:assessor-9': 1 },
    });
  });

  it('creates users with the password read from standard input, stored hashed', async () => {
    const created = await cli(
      [
        'users',
        'create',
        '--username',
        'dr-cli',
        '--role',
        'annotator',
        '--languages',
        'en,zh',
        '--specialties',
        'cardiology',
        '--password-stdin',
        '--json',
      ],
      'correct horse battery\n',
    );
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      username: 'dr-cli',
      role: 'annotator',
      languages: ['en', 'zh'],
      specialties: ['cardiology'],
    });
    const [row] = (await sql.query(`SELECT password_hash FROM users WHERE username = 'dr-cli'`)).rows;
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain('correct horse');
    const short = await cli(
      ['users', 'create', '--username', 'dr-short', '--role', 'annotator', '--password-stdin'],
      'short\n',
    );
    expect(short.code).toBe(2);
  });

  it('audits CLI actions as cli:<os user>', async () => {
    const expected = `cli:${userInfo().username}`;
    const { rows } = await sql.query(`SELECT DISTINCT action FROM audit_log WHERE actor = $1 ORDER BY action`, [
      expected,
    ]);
    expect(rows.map((row) => row.action)).toEqual(
      expect.arrayContaining(['item.create', 'label.create', 'project.create', 'project.import', 'user.create']),
    );
    expect((await sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor <> $1`, [expected])).rows[0].n).toBe(
      0,
    );
  });
});

describe('adaptive overlap from the command line', () => {
  it('creates an adaptive project with --overlap-min/--overlap-max/--confidence, and refuses mixed or bad settings', async () => {
    const created = await cli([
      'projects',
      'create',
      '--slug',
      'cli-adaptive',
      '--name',
      'CLI adaptive',
      '--kind',
      'pairwise',
      '--overlap-min',
      '2',
      '--overlap-max',
      '5',
      '--confidence',
      '0.8',
      '--json',
    ]);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ overlap: 2, overlapMax: 5, overlapConfidence: 0.8 });
    const listed = await cli(['projects', 'list']);
    expect(listed.stdout).toContain('cli-adaptive\tpairwise\toverlap 2–5 at confidence 0.8');
    const mixed = await cli([
      'projects',
      'create',
      '--slug',
      'm',
      '--name',
      'M',
      '--kind',
      'pairwise',
      '--overlap',
      '3',
      '--overlap-max',
      '5',
    ]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('--overlap-max');
    const ranking = await cli([
      'projects',
      'create',
      '--slug',
      'r',
      '--name',
      'R',
      '--kind',
      'ranking',
      '--overlap-max',
      '4',
      '--json',
    ]);
    // Every kind takes adaptive overlap (a ranking is decided pair by pair of its answers).
    expect(ranking.code).toBe(0);
    expect(JSON.parse(ranking.stdout)).toMatchObject({ kind: 'ranking', overlap: 2, overlapMax: 4 });
    const inverted = await cli([
      'projects',
      'create',
      '--slug',
      'i',
      '--name',
      'I',
      '--kind',
      'pairwise',
      '--overlap-min',
      '4',
      '--overlap-max',
      '3',
    ]);
    expect(inverted.code).toBe(2);
    expect(inverted.stderr).toContain('adaptiveOverlap.max');
    expect((await sql.query(`SELECT count(*)::int AS n FROM projects WHERE slug IN ('m', 'i')`)).rows[0].n).toBe(0);
  });
});
