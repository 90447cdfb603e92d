import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import {
  SKIP,
  SUBMIT,
  contentFor,
  count,
  createProject,
  importJsonl,
  itemLine,
  nextTask,
  ok,
} from './support/collection-helpers.js';

const ANNOTATORS = 40;
const ITEMS = 60;
const OVERLAP = 3;

let api: TestPlatform;

beforeAll(async () => {
  api = await startTestPlatform();
}, 60_000);

afterAll(async () => {
  await api?.close();
});

/** A small seeded generator (LCG), so a failing run can be replayed with the same retries and skips. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('many annotators at once', () => {
  it(`keeps every rule with ${ANNOTATORS} parallel annotators, overlap ${OVERLAP}, ${ITEMS} items`, async () => {
    const lead = await api.createUser('lead-load', 'lead');
    const projectId = await createProject(api, lead.token, {
      slug: 'load',
      name: 'Load',
      kind: 'pairwise',
      overlap: OVERLAP,
    });
    const report = await importJsonl(
      api,
      lead.token,
      projectId,
      Array.from({ length: ITEMS }, (_, index) => itemLine(`load-${index}`)).join('\n'),
    );
    expect(report.imported).toBe(ITEMS);
    const annotators = await Promise.all(
      Array.from({ length: ANNOTATORS }, (_, index) => api.createUser(`load-${index}`, 'annotator')),
    );
    const acknowledged: string[] = [];
    let retries = 0;
    let skips = 0;

    /** Labels until nextTask says null; returns how many tasks it was given. */
    async function work(token: string, random: () => number): Promise<number> {
      let given = 0;
      for (let task = await nextTask(api, token, projectId); task; task = await nextTask(api, token, projectId)) {
        given += 1;
        if (random() < 0.05) {
          ok(await api.gql(SKIP, { input: { taskId: task.taskId, reason: 'load test skip' } }, token));
          skips += 1;
          continue;
        }
        const input = {
          taskId: task.taskId,
          submissionId: randomUUID(),
          content: contentFor(task, random() < 0.5 ? 0 : 1),
          flags: [],
          timeSpentMs: 500,
        };
        const roll = random();
        if (roll < 0.1) {
          // A retry racing the first attempt (double click, flaky network): both answers must agree.
          const [first, second] = await Promise.all([
            api.gql(SUBMIT, { input }, token),
            api.gql(SUBMIT, { input }, token),
          ]);
          expect(ok(first).submitLabel.label.id).toBe(ok(second).submitLabel.label.id);
          retries += 1;
        } else if (roll < 0.2) {
          // The first answer is lost on the way back; the client retries and only then counts it as acknowledged.
          await api.gql(SUBMIT, { input }, token);
          expect(ok(await api.gql(SUBMIT, { input }, token)).submitLabel.duplicate).toBe(true);
          retries += 1;
        } else {
          expect(ok(await api.gql(SUBMIT, { input }, token)).submitLabel.duplicate).toBe(false);
        }
        acknowledged.push(input.submissionId);
      }
      return given;
    }

    // A skip reopens its slot for the others, possibly after they were told "nothing left": go round again until a
    // whole round hands out no task.
    const randoms = annotators.map((_, index) => seeded(index + 1));
    while (
      (await Promise.all(annotators.map((annotator, index) => work(annotator.token, randoms[index])))).some(
        (given) => given > 0,
      )
    );

    const db = api.platform.dataSource;
    expect(retries).toBeGreaterThan(0);
    expect(skips).toBeGreaterThan(0);
    expect(
      await count(
        api,
        `SELECT count(*) FROM (SELECT item_id FROM labels WHERE project_id = $1 GROUP BY item_id HAVING count(*) > $2) over`,
        [projectId, OVERLAP],
      ),
    ).toBe(0);
    expect(
      await count(
        api,
        `SELECT count(*) FROM (SELECT 1 FROM labels WHERE project_id = $1 GROUP BY item_id, annotator_id HAVING count(*) > 1) twice`,
        [projectId],
      ),
    ).toBe(0);
    const stored: { submission_id: string; n: string }[] = await db.query(
      `SELECT submission_id, count(*) AS n FROM labels WHERE submission_id = ANY($1::uuid[]) GROUP BY submission_id`,
      [acknowledged],
    );
    expect(stored.length).toBe(new Set(acknowledged).size);
    expect(stored.every((row) => Number(row.n) === 1)).toBe(true);
    // Everyone ran until nextTask said null, so every item is full: 60 × 3 = 180 labels, all of them acknowledged.
    expect(await count(api, `SELECT count(*) FROM labels WHERE project_id = $1`, [projectId])).toBe(ITEMS * OVERLAP);
    expect(acknowledged).toHaveLength(ITEMS * OVERLAP);
    expect(
      await count(api, `SELECT count(*) FROM items WHERE project_id = $1 AND label_count <> $2`, [projectId, OVERLAP]),
    ).toBe(0);
    expect(
      await count(api, `SELECT count(*) FROM tasks WHERE project_id = $1 AND status = 'leased'`, [projectId]),
    ).toBe(0);
    expect(
      await count(api, `SELECT count(*) FROM audit_log WHERE project_id = $1 AND action = 'label.create'`, [projectId]),
    ).toBe(ITEMS * OVERLAP);
  }, 60_000);
});
