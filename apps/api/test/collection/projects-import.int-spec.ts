import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { count, createProject, importJsonl, itemLine, nextTask, ok, submit } from './support/collection-helpers.js';

let api: TestPlatform;
let lead: { id: string; token: string };

beforeAll(async () => {
  api = await startTestPlatform();
  lead = await api.createUser('lead-pi', 'lead');
}, 60_000);

afterAll(async () => {
  await api?.close();
});

describe('projects', () => {
  it('creates a project with the documented defaults and lists it', async () => {
    const created = ok(
      await api.gql(
        `mutation { createProject(input: {slug: "cardio-ab", name: "Cardiology A/B", kind: pairwise}) { slug kind criteria overlap scaleMin scaleMax goldRate leaseSeconds guidelineVersion locked currentGuidelines { version markdown } } }`,
        {},
        lead.token,
      ),
    );
    expect(created.createProject).toMatchObject({
      slug: 'cardio-ab',
      kind: 'pairwise',
      criteria: ['accuracy', 'helpfulness', 'safety'],
      overlap: 3,
      scaleMin: 1,
      scaleMax: 5,
      goldRate: 0,
      guidelineVersion: 1,
      locked: false,
    });
    expect(created.createProject.currentGuidelines.version).toBe(1);
    const list = ok(await api.gql<{ projects: { slug: string }[] }>(`{ projects { slug } }`, {}, lead.token));
    expect(list.projects.map((project) => project.slug)).toContain('cardio-ab');
  });

  it('answers bad project input with coded errors and writes nothing', async () => {
    const cases: [string, string, string][] = [
      ['{slug: "Bad Slug", name: "x", kind: pairwise}', 'BAD_USER_INPUT', 'slug'],
      ['{slug: "ok-slug", name: "x", kind: rating, overlap: 0}', 'BAD_USER_INPUT', 'overlap'],
      ['{slug: "ok-slug", name: "x", kind: rating, scaleMin: 5, scaleMax: 2}', 'BAD_USER_INPUT', 'scale'],
      ['{slug: "ok-slug", name: "x", kind: rating, leaseSeconds: 5}', 'BAD_USER_INPUT', 'leaseSeconds'],
      ['{slug: "ok-slug", name: "x", kind: rating, criteria: ["overall"]}', 'BAD_USER_INPUT', 'criteria'],
      ['{slug: "cardio-ab", name: "again", kind: pairwise}', 'CONFLICT', 'slug'],
    ];
    for (const [input, code, mention] of cases) {
      const result = await api.gql(`mutation { createProject(input: ${input}) { id } }`, {}, lead.token);
      expect(result.errors?.[0].extensions?.code).toBe(code);
      expect(result.errors?.[0].message).toContain(mention);
    }
    expect(await count(api, `SELECT count(*) FROM projects WHERE slug = 'ok-slug'`)).toBe(0);
  });

  it('is refused to annotators', async () => {
    const annotator = await api.createUser('ann-proj', 'annotator');
    const result = await api.gql(
      `mutation { createProject(input: {slug: "sneaky", name: "x", kind: pairwise}) { id } }`,
      {},
      annotator.token,
    );
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('versions guidelines, and every label records the version it was made under', async () => {
    const projectId = await createProject(api, lead.token, {
      slug: 'guideline-versions',
      name: 'Guidelines',
      kind: 'pairwise',
      overlap: 2,
      guidelines: '# v1',
    });
    await importJsonl(api, lead.token, projectId, [itemLine('g1'), itemLine('g2')].join('\n'));
    const annotator = await api.createUser('ann-guide', 'annotator');
    const first = (await nextTask(api, annotator.token, projectId))!;
    expect(first.project.guidelineVersion).toBe(1);
    const v1 = ok(await submit(api, annotator.token, first)).submitLabel.label;
    const updated = ok(
      await api.gql(
        `mutation ($id: ID!) { updateGuidelines(input: {projectId: $id, markdown: "# v2: flag dosing errors"}) { guidelineVersion } }`,
        { id: projectId },
        lead.token,
      ),
    );
    expect(updated.updateGuidelines.guidelineVersion).toBe(2);
    const second = (await nextTask(api, annotator.token, projectId))!;
    expect(second.project.guidelineVersion).toBe(2);
    const v2 = ok(await submit(api, annotator.token, second)).submitLabel.label;
    expect([v1.guidelineVersion, v2.guidelineVersion]).toEqual([1, 2]);
    const old = ok(
      await api.gql(
        `query ($id: ID!) { guidelines(projectId: $id, version: 1) { version markdown } }`,
        { id: projectId },
        annotator.token,
      ),
    );
    expect(old.guidelines).toEqual({ version: 1, markdown: '# v1' });
    const stored = await api.platform.dataSource.query(
      `SELECT guideline_version FROM labels WHERE project_id = $1 ORDER BY created_at`,
      [projectId],
    );
    expect(stored.map((row: { guideline_version: number }) => row.guideline_version)).toEqual([1, 2]);
  });
});

/** A file with one good line between each kind of broken line; built as bytes so the invalid UTF-8 survives. */
function brokenFile(): { bytes: string; expected: Record<number, RegExp> } {
  const lines = [
    itemLine('ok-1'), // 1
    '{"id": "broken", "language": "en"', // 2: invalid JSON
    JSON.stringify({ id: 'no-responses', language: 'en', prompt: 'q?' }), // 3: missing field
    itemLine('unknown-ref', { gold: { criterion: 'overall', preferred: 'r9' } }), // 4: unknown response id
    itemLine('bad-score', {
      annotations: [{ annotator: 'ext-1', kind: 'pairwise', a: 'r1', b: 'r2', choice: 'maybe' }],
    }), // 5: bad choice
    itemLine('ok-1'), // 6: duplicate item id
    itemLine('dup-resp', {
      responses: [
        { id: 'r1', text: 'x' },
        { id: 'r1', text: 'y' },
      ],
    }), // 7: duplicate response ids
    itemLine('too-long', {
      responses: [
        { id: 'r1', text: 'x'.repeat(100 * 1024 + 1) },
        { id: 'r2', text: 'y' },
      ],
    }), // 8: over the size limit
    itemLine('ok-2'), // 9
  ];
  return {
    bytes: lines.join('\n') + '\n',
    expected: {
      2: /invalid JSON/,
      3: /missing|not a list/,
      4: /unknown response id "r9"/,
      5: /must be one of a, b, tie, both_bad/,
      6: /duplicate id "ok-1"/,
      7: /duplicate response id "r1"/,
      8: /over the 102400-byte limit/,
    },
  };
}

describe('import', () => {
  let projectId: string;

  beforeAll(async () => {
    projectId = await createProject(api, lead.token, {
      slug: 'import-rules',
      name: 'Import',
      kind: 'pairwise',
      overlap: 1,
      languages: ['en', 'zh', 'ar'],
    });
  });

  it('with --strict imports nothing when any line is bad', async () => {
    const { bytes } = brokenFile();
    const report = await importJsonl(api, lead.token, projectId, bytes, true);
    expect(report).toMatchObject({ imported: 0, committed: false, rejected: 7 });
    expect(await count(api, `SELECT count(*) FROM items WHERE project_id = $1`, [projectId])).toBe(0);
  });

  it('reports every bad line with its number, field and reason, and imports the good ones', async () => {
    const { bytes, expected } = brokenFile();
    const report = await importJsonl(api, lead.token, projectId, bytes);
    expect(report).toMatchObject({ imported: 2, unchanged: 0, rejected: 7 });
    expect(report.problems.map((problem) => problem.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    for (const problem of report.problems) {
      expect(problem.reason).toMatch(expected[problem.line]);
      expect(problem.field).not.toBe('');
    }
    expect(report.problems.find((problem) => problem.line === 4)?.field).toBe('gold.preferred');
    const ids = await api.platform.dataSource.query(
      `SELECT external_id FROM items WHERE project_id = $1 ORDER BY external_id`,
      [projectId],
    );
    expect(ids.map((row: { external_id: string }) => row.external_id)).toEqual(['ok-1', 'ok-2']);
  });

  it('rejects a score outside the project scale', async () => {
    const ratingId = await createProject(api, lead.token, {
      slug: 'import-scale',
      name: 'Scale',
      kind: 'rating',
      scaleMin: 1,
      scaleMax: 4,
    });
    const line = itemLine('scored', {
      annotations: [{ annotator: 'nist', kind: 'rating', response: 'r1', criterion: 'overall', score: 7 }],
    });
    const report = await importJsonl(api, lead.token, ratingId, line);
    expect(report.rejected).toBe(1);
    expect(report.problems[0]).toEqual({
      line: 1,
      field: 'annotations[0].score',
      reason: '7 is outside the project scale 1-4',
    });
  });

  it('reports invalid UTF-8 bytes on their line (CLI path, raw bytes)', async () => {
    const bytes = Buffer.concat([
      Buffer.from(itemLine('utf-ok') + '\n'),
      Buffer.from('{"id": "bad-bytes", "language": "en", "prompt": "'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}\n'),
    ]);
    const project = await api.services.projects.get(projectId);
    const report = await api.services.imports.importFile(
      project,
      bytes,
      { strict: false },
      { kind: 'system', name: 'test' },
    );
    expect(report.problems).toEqual([{ line: 2, field: '(line)', reason: 'invalid UTF-8' }]);
    expect(report.imported).toBe(1);
  });

  it('re-importing the same file changes nothing', async () => {
    const before = await api.platform.dataSource.query(
      `SELECT id, content_hash FROM items WHERE project_id = $1 ORDER BY id`,
      [projectId],
    );
    const auditBefore = await count(
      api,
      `SELECT count(*) FROM audit_log WHERE project_id = $1 AND action LIKE 'item.%'`,
      [projectId],
    );
    const report = await importJsonl(api, lead.token, projectId, brokenFile().bytes);
    expect(report).toMatchObject({ imported: 0, updated: 0, unchanged: 2, rejected: 7 });
    expect(
      await api.platform.dataSource.query(`SELECT id, content_hash FROM items WHERE project_id = $1 ORDER BY id`, [
        projectId,
      ]),
    ).toEqual(before);
    expect(
      await count(api, `SELECT count(*) FROM audit_log WHERE project_id = $1 AND action LIKE 'item.%'`, [projectId]),
    ).toBe(auditBefore);
  });

  it('refuses to change the text of a response that already has labels, and reports it', async () => {
    const annotator = await api.createUser('ann-import', 'annotator', { languages: ['en'] });
    const task = (await nextTask(api, annotator.token, projectId))!;
    ok(await submit(api, annotator.token, task));
    const labelledId = (
      await api.platform.dataSource.query(
        `SELECT i.external_id FROM items i JOIN labels l ON l.item_id = i.id WHERE i.project_id = $1`,
        [projectId],
      )
    )[0].external_id;
    const changed = JSON.parse(itemLine(labelledId));
    changed.responses[0].text = 'A quietly rewritten answer';
    const report = await importJsonl(api, lead.token, projectId, JSON.stringify(changed));
    expect(report.rejected).toBe(1);
    expect(report.problems[0]).toMatchObject({
      line: 1,
      field: 'responses',
      reason: expect.stringContaining('"r1" already has labels'),
    });
    const [row] = await api.platform.dataSource.query(
      `SELECT r.text FROM responses r JOIN items i ON i.id = r.item_id WHERE i.project_id = $1 AND i.external_id = $2 AND r.external_id = 'r1'`,
      [projectId, labelledId],
    );
    expect(row.text).toBe(`Answer one to ${labelledId}`);
  });

  it('keeps Chinese, Arabic and emoji byte for byte', async () => {
    const texts = {
      zh: '胸痛持续超过二十分钟，应立即拨打120。',
      ar: 'يجب الاتصال بالإسعاف فوراً إذا استمر ألم الصدر 🚑',
      emoji: '💊🫀 take 1×/day — ✅',
    };
    const line = JSON.stringify({
      id: 'unicode',
      language: 'zh',
      prompt: '我胸口疼怎么办？',
      responses: [
        { id: 'zh', text: texts.zh },
        { id: 'ar', text: texts.ar },
        { id: 'emoji', text: texts.emoji },
      ],
    });
    const report = await importJsonl(api, lead.token, projectId, line);
    expect(report.imported).toBe(1);
    const rows: { external_id: string; text: string }[] = await api.platform.dataSource.query(
      `SELECT r.external_id, r.text FROM responses r JOIN items i ON i.id = r.item_id WHERE i.external_id = 'unicode' AND i.project_id = $1`,
      [projectId],
    );
    for (const row of rows)
      expect(
        Buffer.from(row.text, 'utf8').equals(Buffer.from(texts[row.external_id as keyof typeof texts], 'utf8')),
      ).toBe(true);
    const zhAnnotator = await api.createUser('ann-zh', 'annotator', { languages: ['zh'] });
    const task = (await nextTask(api, zhAnnotator.token, projectId))!;
    expect(task.prompt).toBe('我胸口疼怎么办？');
    // A pairwise task over three answers shows one pair of them, texts intact.
    expect(task.responses).toHaveLength(2);
    for (const response of task.responses) expect(Object.values(texts)).toContain(response.text);
  });

  it('counts imported external annotations as labels from non-login users', async () => {
    const ratingId = await createProject(api, lead.token, {
      slug: 'import-annotations',
      name: 'Annotations',
      kind: 'rating',
      scaleMin: 1,
      scaleMax: 4,
    });
    const annotations = [
      { annotator: 'assessor-1', kind: 'rating', response: 'r1', criterion: 'overall', score: 3 },
      { annotator: 'assessor-1', kind: 'rating', response: 'r2', criterion: 'overall', score: 1 },
    ];
    const report = await importJsonl(api, lead.token, ratingId, itemLine('annotated', { annotations }));
    expect(report).toMatchObject({ imported: 1, labelsImported: 1 });
    const [user] = await api.platform.dataSource.query(
      `SELECT kind, password_hash FROM users WHERE username = 'ext:assessor-1'`,
    );
    expect(user).toEqual({ kind: 'external', password_hash: null });
    const again = await importJsonl(api, lead.token, ratingId, itemLine('annotated', { annotations }));
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 1, labelsImported: 0 });
    expect(await count(api, `SELECT count(*) FROM labels WHERE project_id = $1`, [ratingId])).toBe(1);
  });
});
