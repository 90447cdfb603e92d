import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import {
  AlternatingDisagreement,
  SUBMIT,
  count,
  createProject,
  importJsonl,
  itemLine,
  nextTask,
  ok,
  type Task,
} from './support/collection-helpers.js';

const ANNOTATORS = 6;
const OVERLAP = { min: 2, max: 4, confidence: 0.75 };
const CLEAR_ITEMS = 14;
const CONTESTED_ITEMS = 4;

let api: TestPlatform;

beforeAll(async () => {
  api = await startTestPlatform();
}, 60_000);

afterAll(async () => {
  await api?.close();
});

/**
 * Simulated clinicians: everyone prefers the first answer ("Answer one") unless `prefersOther`, which the tests set for
 * the labels that disagree on contested items.
 */
function choiceFor(task: Task, prefersOther: boolean): 'a' | 'b' {
  const firstShownIsOne = task.responses[0].text.startsWith('Answer one');
  return !prefersOther === firstShownIsOne ? 'a' : 'b';
}

function contentOf(task: Task, choice: 'a' | 'b') {
  return {
    judgements: Object.fromEntries(
      [...task.project.criteria, 'overall'].map((criterion) => [criterion, { choice, strength: null }]),
    ),
  };
}

describe('adaptive overlap', () => {
  it('rejects bad settings with coded errors naming the field', async () => {
    const lead = await api.createUser('lead-adaptive-errors', 'lead');
    const create = `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`;
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'pairwise', adaptiveOverlap: { min: 3, max: 2, confidence: 0.9 } }, 'adaptiveOverlap.max'],
      [{ kind: 'pairwise', adaptiveOverlap: { min: 2, max: 4, confidence: 1 } }, 'adaptiveOverlap.confidence'],
      [{ kind: 'pairwise', adaptiveOverlap: { min: 0, max: 4, confidence: 0.9 } }, 'adaptiveOverlap.min'],
    ];
    for (const [index, [input, field]] of cases.entries()) {
      const result = await api.gql(create, { input: { slug: `bad-${index}`, name: 'Bad', ...input } }, lead.token);
      expect({ field, code: result.errors?.[0].extensions?.code }).toEqual({ field, code: 'BAD_USER_INPUT' });
      expect(JSON.stringify(result.errors)).toContain(field);
    }
  });

  it(`closes items at two agreeing labels and never assigns more than max, with ${ANNOTATORS} annotators at once`, async () => {
    const lead = await api.createUser('lead-adaptive', 'lead');
    const projectId = await createProject(api, lead.token, {
      slug: 'adaptive',
      name: 'Adaptive',
      kind: 'pairwise',
      adaptiveOverlap: OVERLAP,
    });
    const project = ok(
      await api.gql(
        `query ($id: String!) { project(id: $id) { overlap adaptiveOverlap { min max confidence } } }`,
        {
          id: projectId,
        },
        lead.token,
      ),
    ).project;
    expect(project).toEqual({ overlap: 2, adaptiveOverlap: OVERLAP });
    const lines = [
      ...Array.from({ length: CLEAR_ITEMS }, (_, index) => itemLine(`clear-${index}`)),
      ...Array.from({ length: CONTESTED_ITEMS }, (_, index) =>
        itemLine(`contested-${index}`, { prompt: `Question contested-${index}: aspirin or not?` }),
      ),
    ];
    expect((await importJsonl(api, lead.token, projectId, lines.join('\n'))).imported).toBe(lines.length);
    const annotators = await Promise.all(
      Array.from({ length: ANNOTATORS }, (_, index) => api.createUser(`adaptive-${index}`, 'annotator')),
    );
    const acknowledged: string[] = [];

    const contest = new AlternatingDisagreement();
    async function work(token: string, annotator: number): Promise<number> {
      let given = 0;
      for (let task = await nextTask(api, token, projectId); task; task = await nextTask(api, token, projectId)) {
        given += 1;
        const input = {
          taskId: task.taskId,
          submissionId: randomUUID(),
          content: contentOf(task, choiceFor(task, contest.next(task, annotator))),
          flags: [],
          timeSpentMs: 800,
        };
        if (given % 3 === 0) {
          // A retry racing the first attempt: one label, both answers agree.
          const [first, second] = await Promise.all([
            api.gql(SUBMIT, { input }, token),
            api.gql(SUBMIT, { input }, token),
          ]);
          expect(ok(first).submitLabel.label.id).toBe(ok(second).submitLabel.label.id);
        } else {
          expect(ok(await api.gql(SUBMIT, { input }, token)).submitLabel.duplicate).toBe(false);
        }
        acknowledged.push(input.submissionId);
      }
      return given;
    }

    // A label that leaves an item uncertain opens a slot after others may have been told "nothing left": go round
    // again until a whole round hands out no task.
    while ((await Promise.all(annotators.map((annotator, index) => work(annotator.token, index)))).some((n) => n > 0));

    const db = api.platform.dataSource;
    const perItem: { external_id: string; labels: number; target: number | null; agreeing: boolean; leases: number }[] =
      await db.query(
        `SELECT i.external_id, i.label_count AS labels, i.target_overlap AS target,
                (SELECT count(DISTINCT CASE WHEN (l.content->'judgements'->'overall'->>'choice' = 'a') = (r.text LIKE 'Answer one%') THEN 1 ELSE 2 END) = 1
                   FROM labels l JOIN responses r ON r.id = (l.content->>'a')::uuid WHERE l.item_id = i.id) AS agreeing,
                (SELECT count(*)::int FROM tasks a WHERE a.item_id = i.id AND a.status <> 'skipped') AS leases
           FROM items i WHERE i.project_id = $1 ORDER BY i.external_id`,
        [projectId],
      );
    expect(perItem).toHaveLength(CLEAR_ITEMS + CONTESTED_ITEMS);
    for (const item of perItem) {
      // Never more than max labels or tasks, never below min, and the queue stopped exactly at the item's target.
      expect(item.labels).toBeLessThanOrEqual(OVERLAP.max);
      expect(item.leases).toBeLessThanOrEqual(OVERLAP.max);
      expect(item.labels).toBeGreaterThanOrEqual(OVERLAP.min);
      expect(item.labels).toBe(item.target);
      // Two labels only when they agree: a split pair always asks for a third clinician.
      if (item.labels === 2) expect(item.agreeing).toBe(true);
    }
    const clear = perItem.filter((item) => item.external_id.startsWith('clear'));
    // Which clear items came before the model learned the clinicians agree depends on timing; most close at two.
    expect(clear.filter((item) => item.labels === 2).length).toBeGreaterThanOrEqual(CLEAR_ITEMS / 2);
    const split = perItem.filter((item) => !item.agreeing);
    expect(split.map((item) => item.external_id)).toEqual(
      perItem.filter((item) => item.external_id.startsWith('contested')).map((item) => item.external_id),
    );
    expect(split.every((item) => item.labels > 2)).toBe(true);
    // No lost label: every acknowledged submission is stored once, and nothing else is.
    const stored = await count(api, `SELECT count(*) FROM labels WHERE submission_id = ANY($1::uuid[])`, [
      acknowledged,
    ]);
    expect(stored).toBe(acknowledged.length);
    expect(await count(api, `SELECT count(*) FROM labels WHERE project_id = $1`, [projectId])).toBe(
      acknowledged.length,
    );
    expect(
      await count(
        api,
        `SELECT count(*) FROM (SELECT 1 FROM labels WHERE project_id = $1 GROUP BY item_id, annotator_id HAVING count(*) > 1) twice`,
        [projectId],
      ),
    ).toBe(0);
    // Fewer labels than fixed overlap at max would have spent.
    expect(acknowledged.length).toBeLessThan(perItem.length * OVERLAP.max);

    // Now that the model has learned which clinicians agree with their colleagues, a new item closes at exactly two
    // agreeing labels from the two it trusts most. (Which two depends on who happened to label the contested items.)
    const [firstTrusted, secondTrusted, ...others] = contest.mostAgreeing(annotators.length);
    expect((await importJsonl(api, lead.token, projectId, itemLine('late-0'))).imported).toBe(1);
    for (const annotator of [firstTrusted, secondTrusted]) {
      const task = await nextTask(api, annotators[annotator].token, projectId);
      if (!task) throw new Error(`annotator ${annotator} got no task for the new item`);
      const input = { taskId: task.taskId, submissionId: randomUUID(), flags: [], timeSpentMs: 900 };
      ok(
        await api.gql(
          SUBMIT,
          { input: { ...input, content: contentOf(task, choiceFor(task, false)) } },
          annotators[annotator].token,
        ),
      );
    }
    expect(await nextTask(api, annotators[others[0]].token, projectId)).toBeNull();
    expect(
      await count(api, `SELECT target_overlap FROM items WHERE project_id = $1 AND external_id = 'late-0'`, [
        projectId,
      ]),
    ).toBe(2);

    // Turning adaptive overlap off gives every item the project's (fixed) overlap again.
    ok(
      await api.gql(
        `mutation ($input: UpdateProjectInput!) { updateProject(input: $input) { id adaptiveOverlap { max } } }`,
        { input: { id: projectId, adaptiveOverlap: null, overlap: 3 } },
        lead.token,
      ),
    );
    expect(
      await count(api, `SELECT count(*) FROM items WHERE project_id = $1 AND target_overlap IS NOT NULL`, [projectId]),
    ).toBe(0);
    expect(await nextTask(api, annotators[0].token, projectId)).not.toBeNull();
  }, 180_000);

  it("lists an item as complete only once it has its own target overlap, not the project's minimum", async () => {
    const lead = await api.createUser('lead-adaptive-status', 'lead');
    const projectId = await createProject(api, lead.token, {
      slug: 'adaptive-status',
      name: 'Adaptive status',
      kind: 'pairwise',
      adaptiveOverlap: OVERLAP,
    });
    expect((await importJsonl(api, lead.token, projectId, itemLine('split-0'))).imported).toBe(1);
    const annotators = await Promise.all(
      Array.from({ length: OVERLAP.max }, (_, index) => api.createUser(`adaptive-status-${index}`, 'annotator')),
    );
    const label = async (annotator: number) => {
      const task = await nextTask(api, annotators[annotator].token, projectId);
      if (!task) throw new Error(`annotator ${annotator} got no task`);
      const input = { taskId: task.taskId, submissionId: randomUUID(), flags: [], timeSpentMs: 900 };
      const content = contentOf(task, choiceFor(task, annotator % 2 === 1));
      ok(await api.gql(SUBMIT, { input: { ...input, content } }, annotators[annotator].token));
    };
    const items = async (status: string | null) =>
      ok(
        await api.gql(
          `query ($p: ID!, $f: ItemFilterInput) { items(projectId: $p, filter: $f) { total rows { externalId labels targetOverlap status } } }`,
          { p: projectId, f: status ? { status } : {} },
          lead.token,
        ),
      ).items;
    // Two clinicians split: the item needs a third, so at the project's overlap (the minimum, 2) it is still in progress.
    await label(0);
    await label(1);
    expect((await items(null)).rows).toEqual([
      { externalId: 'split-0', labels: 2, targetOverlap: 3, status: 'in_progress' },
    ]);
    expect((await items('complete')).total).toBe(0);
    expect((await items('in_progress')).total).toBe(1);
    // Labelled up to max, the item is complete whatever the posterior.
    for (let annotator = 2; annotator < OVERLAP.max; annotator++) {
      if ((await items(null)).rows[0].status === 'complete') break;
      await label(annotator);
    }
    const [row] = (await items(null)).rows;
    expect(row.status).toBe('complete');
    expect(row.labels).toBe(row.targetOverlap);
    expect((await items('complete')).total).toBe(1);
    expect((await items('in_progress')).total).toBe(0);
  }, 60_000);
});
