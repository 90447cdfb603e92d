// Finding 4 (bad bytes) and finding 8 (no size limits), replayed against the real API on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { JSON_LIMITS, TEXT_LIMITS } from '@clinrank/domain';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { count, createProject, importJsonl, itemLine, nextTask, ok } from '../collection/support/collection-helpers.js';
import { runCli } from '../../../cli/test/support/run-cli.js';

let api: TestPlatform;
let lead: { id: string; token: string };
let annotator: { id: string; token: string };
let pairwiseId: string;

beforeAll(async () => {
  api = await startTestPlatform();
  lead = await api.createUser('sec-input-lead', 'lead');
  annotator = await api.createUser('sec-input-ann', 'annotator');
  pairwiseId = await createProject(api, lead.token, { slug: 'sec-input', name: 'Input', kind: 'pairwise', overlap: 1 });
}, 60_000);

afterAll(async () => {
  await api?.close();
});

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let level = 1; level < depth; level += 1) value = { n: value };
  return value;
}

describe('one rule for bad bytes in every string argument', () => {
  it('refuses a NUL in anonymous login with BAD_USER_INPUT naming the argument', async () => {
    const result = await api.gql(
      `mutation ($u: String!) { login(input: {username: $u, password: "whatever"}) { token } }`,
      { u: 'admin\u0000' },
    );
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.field).toBe('input.username');
    expect(result.errors?.[0].message).toMatch(/NUL/);
  });

  it('refuses a NUL written as a literal in the query text', async () => {
    const result = await api.gql(
      `mutation { createProject(input: {slug: "nul-literal", name: "bad\\u0000name", kind: pairwise}) { id } }`,
      {},
      lead.token,
    );
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(await count(api, `SELECT count(*) FROM projects WHERE slug = 'nul-literal'`)).toBe(0);
  });

  it('refuses a lone surrogate with a true message, in plain and in JSON arguments', async () => {
    const plain = await api.gql(
      `query ($p: ID!, $c: String!) { confusionMatrix(projectId: $p, coderA: $c, coderB: "x") { categories } }`,
      { p: pairwiseId, c: 'ab\ud800' },
      lead.token,
    );
    expect(plain.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'coderA' });
    expect(plain.errors?.[0].message).toMatch(/lone surrogate/);
    const task = (await nextTaskOrImport())!;
    const json = await api.gql(
      `mutation ($input: SubmitLabelInput!) { submitLabel(input: $input) { duplicate } }`,
      {
        input: {
          taskId: task.taskId,
          submissionId: randomUUID(),
          content: { judgements: { '\udc00key': { choice: 'a' } } },
          flags: [],
          timeSpentMs: 1,
        },
      },
      annotator.token,
    );
    expect(json.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(json.errors?.[0].message).toMatch(/input\.content\.judgements/);
  });
});

async function nextTaskOrImport() {
  if ((await count(api, `SELECT count(*) FROM items WHERE project_id = $1`, [pairwiseId])) === 0) {
    await importJsonl(api, lead.token, pairwiseId, [itemLine('seed-1'), itemLine('seed-2')].join('\n'));
  }
  return nextTask(api, annotator.token, pairwiseId);
}

describe('hostile nesting in the query text', () => {
  it('answers a JSON literal nested 20,000 deep with a client error, not INTERNAL or a 5xx', async () => {
    const depth = 20_000;
    const query = `mutation { submitLabel(input: {taskId: "${randomUUID()}", submissionId: "${randomUUID()}", content: ${'['.repeat(depth)}1${']'.repeat(depth)}, flags: [], timeSpentMs: 1}) { duplicate } }`;
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${annotator.token}` },
      body: JSON.stringify({ query }),
    });
    expect(response.status).toBeLessThan(500);
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0].extensions?.code).not.toBe('INTERNAL');
    expect(body.errors?.length).toBeGreaterThan(0);
  });

  it('answers JSON variables nested 20,000 deep with a client error, not INTERNAL or a 5xx', async () => {
    const depth = 20_000;
    const input = `{"taskId":"${randomUUID()}","submissionId":"${randomUUID()}","content":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)},"flags":[],"timeSpentMs":1}`;
    const body = `{"query":"mutation ($input: SubmitLabelInput!) { submitLabel(input: $input) { duplicate } }","variables":{"input":${input}}}`;
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${annotator.token}` },
      body,
    });
    expect(response.status).toBeLessThan(500);
    const answer = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(answer.errors?.length).toBeGreaterThan(0);
    expect(answer.errors?.[0].extensions?.code).not.toBe('INTERNAL');
  });
});

describe('imports: all or nothing per line, and a reply that tells the truth', () => {
  it('stores the good lines around a line with a NUL, and says so', async () => {
    const projectId = await createProject(api, lead.token, {
      slug: 'sec-nul-import',
      name: 'NUL import',
      kind: 'pairwise',
    });
    const content = [itemLine('good-1'), itemLine('bad-2', { prompt: 'before\u0000after' }), itemLine('good-3')].join(
      '\n',
    );
    const report = await importJsonl(api, lead.token, projectId, content);
    expect(report).toMatchObject({ imported: 2, rejected: 1, committed: true });
    expect(report.problems).toEqual([{ line: 2, field: 'prompt', reason: expect.stringMatching(/NUL/) }]);
    const stored = await api.platform.dataSource.query(
      `SELECT external_id FROM items WHERE project_id = $1 ORDER BY external_id`,
      [projectId],
    );
    expect(stored.map((row: { external_id: string }) => row.external_id)).toEqual(['good-1', 'good-3']);
  });

  it('reports a lone surrogate anywhere in a line (metadata, annotator) instead of storing it silently', async () => {
    const projectId = await createProject(api, lead.token, {
      slug: 'sec-surrogate-import',
      name: 'Surrogate import',
      kind: 'pairwise',
    });
    const annotation = { annotator: 'ext\ud83d', kind: 'pairwise', a: 'r1', b: 'r2', choice: 'a' };
    const content = [
      itemLine('s-1', { metadata: { note: 'x\udfff' } }),
      itemLine('s-2', { annotations: [annotation] }),
      itemLine('s-3'),
    ].join('\n');
    const report = await importJsonl(api, lead.token, projectId, content);
    expect(report.imported).toBe(1);
    expect(report.problems.map((problem) => [problem.line, problem.field])).toEqual([
      [1, 'metadata.note'],
      [2, 'annotations[0].annotator'],
    ]);
    expect(report.problems.every((problem) => /lone surrogate/.test(problem.reason))).toBe(true);
  });

  it('caps metadata depth and size as per-line problems (5,000 deep no longer overflows the content hash)', async () => {
    const projectId = await createProject(api, lead.token, {
      slug: 'sec-metadata',
      name: 'Metadata',
      kind: 'pairwise',
    });
    // JSON.stringify recurses; build the 5,000-deep line as text.
    const deepLine = itemLine('m-deep', { metadata: { placeholder: true } }).replace(
      '{"placeholder":true}',
      '{"n":'.repeat(4999) + '{"leaf":true}' + '}'.repeat(4999),
    );
    const content = [
      deepLine,
      itemLine('m-33', { metadata: nested(JSON_LIMITS.maxDepth + 1) }),
      itemLine('m-32', { metadata: nested(JSON_LIMITS.maxDepth) }),
      itemLine('m-big', { metadata: { blob: 'x'.repeat(JSON_LIMITS.maxBytes) } }),
    ].join('\n');
    const result = await api.gql(
      `mutation ($input: ImportItemsInput!) { importItems(input: $input) { imported rejected committed problems { line field reason } } }`,
      { input: { projectId, content, strict: false } },
      lead.token,
    );
    const report = ok(result).importItems;
    expect(report.imported).toBe(1);
    expect(report.problems.map((problem: { line: number; field: string }) => [problem.line, problem.field])).toEqual([
      [1, 'metadata'],
      [2, 'metadata'],
      [4, 'metadata'],
    ]);
    expect(report.problems[0].reason).toMatch(/5000 levels deep; at most 32/);
    expect(report.problems[1].reason).toMatch(/33 levels deep/);
    expect(report.problems[2].reason).toMatch(/at most 65536 bytes/);
  });

  it('in strict mode saves nothing and says so', async () => {
    const projectId = await createProject(api, lead.token, { slug: 'sec-strict', name: 'Strict', kind: 'pairwise' });
    const report = await importJsonl(
      api,
      lead.token,
      projectId,
      [itemLine('t-1'), itemLine('t-2', { reference: 'a\u0000' })].join('\n'),
      true,
    );
    expect(report).toMatchObject({ imported: 0, rejected: 1, committed: false });
    expect(await count(api, `SELECT count(*) FROM items WHERE project_id = $1`, [projectId])).toBe(0);
  });

  it('the CLI stores the good lines, reports the bad one, and its summary matches the database', async () => {
    const projectId = await createProject(api, lead.token, {
      slug: 'sec-cli-import',
      name: 'CLI import',
      kind: 'pairwise',
    });
    const dir = mkdtempSync(join(tmpdir(), 'clinrank-sec-import-'));
    try {
      const file = join(dir, 'items.jsonl');
      writeFileSync(file, [itemLine('c-1'), itemLine('c-2', { prompt: 'x\u0000' }), itemLine('c-3')].join('\n'));
      const run = await runCli(['import', file, '--project', 'sec-cli-import'], {
        DATABASE_URL: api.config.databaseUrl!,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${file}:2: prompt: contains a NUL character`);
      expect(run.stdout).toMatch(/^imported 2, updated 0, unchanged 0, rejected 1/);
      expect(await count(api, `SELECT count(*) FROM items WHERE project_id = $1`, [projectId])).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('limits on free text (one table in libs/domain)', () => {
  async function validationTask() {
    const projectId = await createProject(api, lead.token, {
      slug: `sec-validation-${randomUUID().slice(0, 8)}`,
      name: 'Validation',
      kind: 'validation',
      overlap: 1,
    });
    const line = JSON.stringify({
      id: 'v1',
      language: 'en',
      prompt: 'Is it safe?',
      responses: [{ id: 's1', text: 'Synthetic answer', source: 'synthetic', generator: 'gen-a' }],
    });
    await importJsonl(api, lead.token, projectId, line);
    return { projectId, task: (await nextTask(api, annotator.token, projectId))! };
  }

  async function submitValidation(taskId: string, content: Record<string, unknown>) {
    return api.gql(
      `mutation ($input: SubmitLabelInput!) { submitLabel(input: $input) { duplicate } }`,
      { input: { taskId, submissionId: randomUUID(), content, flags: [], timeSpentMs: 1 } },
      annotator.token,
    );
  }

  it('refuses a 5 MB fixedText and 5 × 1 MB reasons, and copies neither into the audit log', async () => {
    const { projectId, task } = await validationTask();
    const huge = await submitValidation(task.taskId, { verdict: 'fix', fixedText: 'x'.repeat(5 * 1024 * 1024) });
    expect(huge.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fixedText' });
    expect(huge.errors?.[0].message).toContain(`at most ${TEXT_LIMITS.fixedText}`);
    const reasons = await submitValidation(task.taskId, {
      verdict: 'reject',
      reasons: Array.from({ length: 5 }, () => 'r'.repeat(1024 * 1024)),
    });
    expect(reasons.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reasons[0]' });
    expect(await count(api, `SELECT count(*) FROM labels WHERE project_id = $1`, [projectId])).toBe(0);
    expect(await count(api, `SELECT count(*) FROM audit_log WHERE length(coalesce(after::text, '')) > 100000`)).toBe(0);
    const fine = await submitValidation(task.taskId, {
      verdict: 'fix',
      fixedText: 'y'.repeat(TEXT_LIMITS.fixedText),
      reasons: ['hallucination'],
    });
    expect(ok(fine).submitLabel.duplicate).toBe(false);
  });

  it('limits plain string arguments that have no DTO', async () => {
    const result = await api.gql(
      `query ($p: ID!, $c: String!) { confusionMatrix(projectId: $p, coderA: $c, coderB: "x") { categories } }`,
      { p: pairwiseId, c: 'c'.repeat(TEXT_LIMITS.coder + 1) },
      lead.token,
    );
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'coderA' });
  });
});
