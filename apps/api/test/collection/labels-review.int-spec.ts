import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import {
  EDIT,
  SKIP,
  SUBMIT,
  contentFor,
  count,
  createProject,
  importJsonl,
  itemLine,
  nextTask,
  ok,
  submit,
  type Task,
} from './support/collection-helpers.js';

let api: TestPlatform;
let lead: { id: string; token: string };

beforeAll(async () => {
  api = await startTestPlatform();
  lead = await api.createUser('lead-review', 'lead');
}, 60_000);

afterAll(async () => {
  await api?.close();
});

async function auditFor(entityId: string) {
  const data = ok(
    await api.gql<{ auditLog: { entries: { actor: string; action: string; before: any; after: any }[] } }>(
      `query ($id: String) { auditLog(entityId: $id) { entries { actor action before after } } }`,
      { id: entityId },
      lead.token,
    ),
  );
  return data.auditLog.entries;
}

describe('submission', () => {
  let projectId: string;
  let annotator: { id: string; token: string };

  beforeAll(async () => {
    projectId = await createProject(api, lead.token, { slug: 'submit', name: 'Submit', kind: 'pairwise', overlap: 3 });
    await importJsonl(api, lead.token, projectId, ['s1', 's2', 's3', 's4', 's5'].map((id) => itemLine(id)).join('\n'));
    annotator = await api.createUser('ann-submit', 'annotator');
  });

  it('is idempotent: the same submission id twice stores one label and says duplicate', async () => {
    const task = (await nextTask(api, annotator.token, projectId))!;
    const input = {
      taskId: task.taskId,
      submissionId: randomUUID(),
      content: contentFor(task),
      flags: ['factual_error'],
      timeSpentMs: 4000,
    };
    const first = ok(await api.gql(SUBMIT, { input }, annotator.token)).submitLabel;
    const retry = ok(await api.gql(SUBMIT, { input }, annotator.token)).submitLabel;
    expect([first.duplicate, retry.duplicate]).toEqual([false, true]);
    expect(retry.label.id).toBe(first.label.id);
    expect(await count(api, `SELECT count(*) FROM labels WHERE submission_id = $1`, [input.submissionId])).toBe(1);
    expect(
      await count(api, `SELECT count(*) FROM audit_log WHERE action = 'label.create' AND entity_id = $1`, [
        first.label.id,
      ]),
    ).toBe(1);
  });

  it('stores once under concurrent retries of one submission', async () => {
    const task = (await nextTask(api, annotator.token, projectId))!;
    const input = {
      taskId: task.taskId,
      submissionId: randomUUID(),
      content: contentFor(task),
      flags: [],
      timeSpentMs: 100,
    };
    const results = await Promise.all(Array.from({ length: 8 }, () => api.gql(SUBMIT, { input }, annotator.token)));
    const answers = results.map((result) => ok(result).submitLabel);
    expect(answers.filter((answer) => !answer.duplicate)).toHaveLength(1);
    expect(new Set(answers.map((answer) => answer.label.id)).size).toBe(1);
    expect(await count(api, `SELECT count(*) FROM labels WHERE submission_id = $1`, [input.submissionId])).toBe(1);
    expect(
      await count(api, `SELECT label_count FROM items i JOIN tasks a ON a.item_id = i.id WHERE a.id = $1`, [
        task.taskId,
      ]),
    ).toBe(1);
  });

  it("refuses another person's submission id and another person's task", async () => {
    const other = await api.createUser('ann-other', 'annotator');
    const mine = (await nextTask(api, annotator.token, projectId))!;
    const theirs = (await nextTask(api, other.token, projectId))!;
    const submissionId = randomUUID();
    ok(
      await api.gql(
        SUBMIT,
        { input: { taskId: mine.taskId, submissionId, content: contentFor(mine), timeSpentMs: 1 } },
        annotator.token,
      ),
    );
    const stolenId = await api.gql(
      SUBMIT,
      { input: { taskId: theirs.taskId, submissionId, content: contentFor(theirs), timeSpentMs: 1 } },
      other.token,
    );
    expect(stolenId.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'submissionId' });
    const stolenTask = await api.gql(
      SUBMIT,
      {
        input: {
          taskId: theirs.taskId,
          submissionId: randomUUID(),
          content: contentFor(theirs),
          timeSpentMs: 1,
        },
      },
      annotator.token,
    );
    expect(stolenTask.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('answers invalid input with a coded error and writes nothing at all', async () => {
    const task = (await nextTask(api, annotator.token, projectId))!;
    const base = {
      taskId: task.taskId,
      submissionId: randomUUID(),
      content: contentFor(task),
      flags: [],
      timeSpentMs: 10,
    };
    const judgements = (contentFor(task) as { judgements: Record<string, unknown> }).judgements;
    const { safety: _safety, ...withoutSafety } = judgements;
    const cases: [Record<string, unknown>, string][] = [
      [{ content: { judgements: withoutSafety } }, 'judgements'],
      [{ content: { judgements: { ...judgements, overall: { choice: 'maybe' } } } }, 'judgements.overall.choice'],
      [
        { content: { judgements: { ...judgements, overall: { choice: 'tie', strength: 'much' } } } },
        'judgements.overall.strength',
      ],
      [{ flags: ['boring'] }, 'flags'],
      [{ submissionId: 'not-a-uuid' }, ''],
      [{ timeSpentMs: -5 }, ''],
    ];
    const auditBefore = await count(api, `SELECT count(*) FROM audit_log`);
    for (const [change, field] of cases) {
      const result = await api.gql(SUBMIT, { input: { ...base, ...change } }, annotator.token);
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      if (field) expect(result.errors?.[0].extensions?.field).toBe(field);
      expect(result.errors?.[0].message.length).toBeGreaterThan(10);
    }
    expect(await count(api, `SELECT count(*) FROM labels WHERE task_id = $1`, [task.taskId])).toBe(0);
    expect(await api.platform.dataSource.query(`SELECT status FROM tasks WHERE id = $1`, [task.taskId])).toEqual([
      { status: 'leased' },
    ]);
    expect(await count(api, `SELECT count(*) FROM audit_log`)).toBe(auditBefore);
    expect(ok(await submit(api, annotator.token, task)).submitLabel.duplicate).toBe(false);
  });

  it('requires a rationale where the project asks for one, and checks rating scales', async () => {
    const ratingId = await createProject(api, lead.token, {
      slug: 'rated',
      name: 'Rated',
      kind: 'rating',
      scaleMin: 1,
      scaleMax: 4,
      requireRationale: true,
    });
    await importJsonl(api, lead.token, ratingId, itemLine('rated-1'));
    const task = (await nextTask(api, annotator.token, ratingId))!;
    const noReason = await submit(api, annotator.token, task);
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rationale' });
    const content = contentFor(task) as { scores: Record<string, Record<string, number>> };
    content.scores.accuracy[task.responses[0].id] = 5;
    const offScale = await submit(api, annotator.token, task, { content, rationale: 'because' });
    expect(offScale.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scores.accuracy' });
    const fine = ok(await submit(api, annotator.token, task, { rationale: 'Answer A names the red flags.' }))
      .submitLabel.label;
    expect(fine.content.scores.accuracy[task.responses[0].id]).toBe(4);
  });
});

describe('editing, skipping and the audit log', () => {
  let projectId: string;
  let annotator: { id: string; token: string };
  let labelId: string;
  let task: Task;

  beforeAll(async () => {
    projectId = await createProject(api, lead.token, { slug: 'edits', name: 'Edits', kind: 'pairwise', overlap: 2 });
    await importJsonl(api, lead.token, projectId, ['e1', 'e2', 'e3'].map((id) => itemLine(id)).join('\n'));
    annotator = await api.createUser('ann-edit', 'annotator');
    task = (await nextTask(api, annotator.token, projectId))!;
    labelId = ok(await submit(api, annotator.token, task)).submitLabel.label.id;
  });

  it('lets annotators edit their own label, recording before and after', async () => {
    const edited = ok(
      await api.gql(
        EDIT,
        { input: { labelId, content: contentFor(task, 1), flags: ['unsafe'], rationale: 'changed my mind' } },
        annotator.token,
      ),
    ).editLabel;
    expect(edited).toMatchObject({
      flags: ['unsafe'],
      rationale: 'changed my mind',
      content: { judgements: { overall: { choice: 'b' } } },
    });
    const entries = await auditFor(labelId);
    expect(entries.map((entry) => entry.action).sort()).toEqual(['label.create', 'label.update']);
    const update = entries.find((entry) => entry.action === 'label.update')!;
    expect(update.actor).toBe('user:ann-edit');
    expect(update.before).toMatchObject({ flags: [], content: { judgements: { overall: { choice: 'a' } } } });
    expect(update.after).toMatchObject({
      flags: ['unsafe'],
      rationale: 'changed my mind',
      content: { judgements: { overall: { choice: 'b' } } },
    });
  });

  it("refuses edits of someone else's label", async () => {
    const intruder = await api.createUser('ann-intruder', 'annotator');
    const result = await api.gql(EDIT, { input: { labelId, content: contentFor(task), flags: [] } }, intruder.token);
    expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('audits skips with the reason', async () => {
    const next = (await nextTask(api, annotator.token, projectId))!;
    ok(await api.gql(SKIP, { input: { taskId: next.taskId, reason: 'outside my competence' } }, annotator.token));
    const [entry] = await auditFor(next.taskId);
    expect(entry).toMatchObject({
      actor: 'user:ann-edit',
      action: 'task.skip',
      before: { status: 'leased' },
      after: { status: 'skipped', reason: 'outside my competence' },
    });
    const again = await api.gql(SKIP, { input: { taskId: next.taskId, reason: 'twice' } }, annotator.token);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('keeps the audit log append-only', async () => {
    await expect(api.platform.dataSource.query(`UPDATE audit_log SET actor = 'someone-else'`)).rejects.toThrow();
    await expect(api.platform.dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow();
  });

  it('stops edits, submissions and new tasks once the lead locks the project', async () => {
    const open = (await nextTask(api, annotator.token, projectId))!;
    ok(
      await api.gql(
        `mutation ($id: ID!) { setProjectLocked(id: $id, locked: true) { locked } }`,
        { id: projectId },
        lead.token,
      ),
    );
    const edit = await api.gql(EDIT, { input: { labelId, content: contentFor(task), flags: [] } }, annotator.token);
    expect(edit.errors?.[0].extensions?.code).toBe('PROJECT_LOCKED');
    const late = await submit(api, annotator.token, open);
    expect(late.errors?.[0].extensions?.code).toBe('PROJECT_LOCKED');
    const next = await api.gql(
      `query ($p: ID) { nextTask(projectId: $p) { taskId } }`,
      { p: projectId },
      annotator.token,
    );
    expect(next.errors?.[0].extensions?.code).toBe('PROJECT_LOCKED');
    const [row] = await api.platform.dataSource.query(`SELECT content, flags FROM labels WHERE id = $1`, [labelId]);
    expect(row.flags).toEqual(['unsafe']);
    ok(
      await api.gql(
        `mutation ($id: ID!) { setProjectLocked(id: $id, locked: false) { locked } }`,
        { id: projectId },
        lead.token,
      ),
    );
    expect(
      ok(await api.gql(EDIT, { input: { labelId, content: contentFor(task), flags: [] } }, annotator.token)).editLabel
        .flags,
    ).toEqual([]);
  });
});

describe('leads', () => {
  let projectId: string;
  const ids: Record<string, string> = {};
  const annotators: { id: string; token: string }[] = [];

  /** Picks `externalId` as the better answer, whichever side it is shown on. */
  function prefer(task: Task, responseUuid: string) {
    const choice = task.responses[0].id === responseUuid ? 'a' : 'b';
    return {
      judgements: Object.fromEntries(
        ['accuracy', 'helpfulness', 'safety', 'overall'].map((criterion) => [criterion, { choice }]),
      ),
    };
  }

  beforeAll(async () => {
    projectId = await createProject(api, lead.token, { slug: 'review', name: 'Review', kind: 'pairwise', overlap: 3 });
    await importJsonl(
      api,
      lead.token,
      projectId,
      [itemLine('d1', { gold: { criterion: 'overall', preferred: 'r1' } }), itemLine('d2')].join('\n'),
    );
    for (const row of await api.platform.dataSource.query(
      `SELECT i.external_id || '/' || r.external_id AS key, r.id FROM responses r JOIN items i ON i.id = r.item_id WHERE i.project_id = $1`,
      [projectId],
    ))
      ids[row.key] = row.id;
    // Judge 1 and 2 prefer r1 on both items; judge 3 prefers r2 on d1 (disagreeing, and missing the gold) and r1 on d2.
    for (const [index, name] of ['judge-1', 'judge-2', 'judge-3'].entries()) {
      const user = await api.createUser(name, 'annotator');
      annotators.push(user);
      for (let round = 0; round < 2; round += 1) {
        const task = (await nextTask(api, user.token, projectId))!;
        const item = task.prompt!.match(/Question (d\d)/)![1];
        const preferred = index === 2 && item === 'd1' ? 'r2' : 'r1';
        ok(
          await submit(api, user.token, task, {
            content: prefer(task, ids[`${item}/${preferred}`]),
            timeSpentMs: 1000 * (index + 1),
          }),
        );
      }
    }
  });

  it('sees progress per project and per annotator', async () => {
    const { projectProgress } = ok(
      await api.gql(
        `query ($p: ID!) { projectProgress(projectId: $p) { items responses labels completeItems inProgressItems pendingItems annotators { username labels medianTimeMs } } }`,
        { p: projectId },
        lead.token,
      ),
    );
    expect(projectProgress).toMatchObject({
      items: 2,
      responses: 4,
      labels: 6,
      completeItems: 2,
      inProgressItems: 0,
      pendingItems: 0,
    });
    // Each judge labelled both items in the same time: judge-n spent n × 1000 ms each, so the median is n × 1000.
    expect(projectProgress.annotators).toEqual([
      { username: 'judge-1', labels: 2, medianTimeMs: 1000 },
      { username: 'judge-2', labels: 2, medianTimeMs: 2000 },
      { username: 'judge-3', labels: 2, medianTimeMs: 3000 },
    ]);
  });

  it('lists the items whose labels disagree, and records an adjudication', async () => {
    const query = `query ($p: ID!) { disagreements(projectId: $p) { total rows { itemId externalId labels majority majorityLabel majorityExcerpt agreement adjudicated } } }`;
    const { disagreements } = ok(await api.gql(query, { p: projectId }, lead.token));
    // d1: two votes for r1, one for r2 → majority r1 with 2/3 agreement; d2 is unanimous and not listed.
    expect(disagreements.total).toBe(1);
    expect(disagreements.rows[0]).toMatchObject({
      externalId: 'd1',
      labels: 3,
      majority: ids['d1/r1'],
      adjudicated: false,
    });
    // Shown to the lead as the response's letter in the item's order and its first words, not its UUID.
    const [r1] = await api.platform.dataSource.query(`SELECT text FROM responses WHERE id = $1`, [ids['d1/r1']]);
    expect(disagreements.rows[0].majorityLabel).toBe('A');
    expect(r1.text.startsWith(disagreements.rows[0].majorityExcerpt.replace(/…$/, ''))).toBe(true);
    expect(disagreements.rows[0].agreement).toBeCloseTo(2 / 3, 10);
    const itemId = disagreements.rows[0].itemId;
    const bad = await api.gql(
      `mutation ($input: AdjudicateInput!) { adjudicate(input: $input) { itemId } }`,
      { input: { itemId, content: { a: ids['d1/r1'], b: ids['d1/r2'], judgements: {} } } },
      lead.token,
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const content = {
      a: ids['d1/r1'],
      b: ids['d1/r2'],
      judgements: Object.fromEntries(
        ['accuracy', 'helpfulness', 'safety', 'overall'].map((criterion) => [criterion, { choice: 'a' }]),
      ),
    };
    const review = ok(
      await api.gql(
        `mutation ($input: AdjudicateInput!) { adjudicate(input: $input) { adjudication { lead rationale content } labels { annotator } responses { model } } }`,
        { input: { itemId, content, rationale: 'r2 misses the red flags' } },
        lead.token,
      ),
    ).adjudicate;
    expect(review.adjudication).toMatchObject({
      lead: 'lead-review',
      rationale: 'r2 misses the red flags',
      content: { a: ids['d1/r1'], judgements: { overall: { choice: 'a' } } },
    });
    expect(review.labels.map((label: { annotator: string }) => label.annotator).sort()).toEqual([
      'judge-1',
      'judge-2',
      'judge-3',
    ]);
    expect(review.responses.map((response: { model: string }) => response.model).sort()).toEqual([
      'secret-model-alpha',
      'secret-model-beta',
    ]);
    expect(ok(await api.gql(query, { p: projectId }, lead.token)).disagreements.rows[0].adjudicated).toBe(true);
    expect(
      await count(api, `SELECT count(*) FROM audit_log WHERE action = 'item.adjudicate' AND entity_id = $1`, [itemId]),
    ).toBe(1);
  });

  it('compares outcomes by response, not by the screen side each clinician saw', async () => {
    const sides = await createProject(api, lead.token, { slug: 'sides', name: 'Sides', kind: 'pairwise', overlap: 2 });
    const vote = (annotator: string, a: string, b: string, choice: string) => ({
      annotator,
      kind: 'pairwise',
      a,
      b,
      criterion: 'overall',
      choice,
    });
    const line = (id: string, annotations: unknown[]) =>
      JSON.stringify({
        id,
        language: 'en',
        prompt: `Question ${id}`,
        responses: [
          { id: 'r1', text: 'One' },
          { id: 'r2', text: 'Two' },
        ],
        annotations,
      });
    // s1: both chose r1, one pressing A and one B (they saw the answers swapped): no disagreement.
    // s2: both pressed A, but one saw r2 there: they disagree.
    await importJsonl(
      api,
      lead.token,
      sides,
      [
        line('s1', [vote('x', 'r1', 'r2', 'a'), vote('y', 'r2', 'r1', 'b')]),
        line('s2', [vote('x', 'r1', 'r2', 'a'), vote('y', 'r2', 'r1', 'a')]),
      ].join('\n'),
    );
    const { disagreements } = ok(
      await api.gql(
        `query ($p: ID!) { disagreements(projectId: $p) { total rows { externalId agreement majorityLabel } } }`,
        { p: sides },
        lead.token,
      ),
    );
    expect(disagreements).toMatchObject({ total: 1, rows: [{ externalId: 's2', agreement: 0.5 }] });
    // One vote each: either answer may lead, but it is named by letter.
    expect(['A', 'B']).toContain(disagreements.rows[0].majorityLabel);
  });

  it('sees gold accuracy per annotator', async () => {
    const { goldAccuracy } = ok(
      await api.gql(
        `query ($p: ID!) { goldAccuracy(projectId: $p) { username goldLabels correct accuracy } }`,
        { p: projectId },
        lead.token,
      ),
    );
    // Only d1 is gold (preferred r1): judges 1 and 2 picked r1, judge 3 picked r2.
    expect(goldAccuracy).toEqual([
      { username: 'judge-1', goldLabels: 1, correct: 1, accuracy: 1 },
      { username: 'judge-2', goldLabels: 1, correct: 1, accuracy: 1 },
      { username: 'judge-3', goldLabels: 1, correct: 0, accuracy: 0 },
    ]);
  });
});
