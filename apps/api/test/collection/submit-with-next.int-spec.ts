import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import {
  TASK_FIELDS,
  contentFor,
  count,
  createProject,
  importJsonl,
  itemLine,
  nextTask,
  ok,
  type Task,
} from './support/collection-helpers.js';

const SUBMIT_NEXT = `mutation ($input: SubmitLabelInput!, $next: NextTaskInput) {
  submitLabel(input: $input, next: $next) { duplicate label { id submissionId } next { ${TASK_FIELDS} } }
}`;

interface SubmitNext {
  submitLabel: { duplicate: boolean; label: { id: string; submissionId: string }; next: Task | null };
}

let api: TestPlatform;

beforeAll(async () => {
  api = await startTestPlatform();
}, 60_000);

afterAll(async () => {
  await api?.close();
});

async function projectWith(slug: string, items: number, overlap: number): Promise<string> {
  const lead = await api.createUser(`lead-${slug}`, 'lead');
  const projectId = await createProject(api, lead.token, { slug, name: slug, kind: 'pairwise', overlap });
  const report = await importJsonl(
    api,
    lead.token,
    projectId,
    Array.from({ length: items }, (_, index) => itemLine(`${slug}-${index}`)).join('\n'),
  );
  expect(report.imported).toBe(items);
  return projectId;
}

function inputFor(task: Task) {
  return {
    taskId: task.taskId,
    submissionId: randomUUID(),
    content: contentFor(task),
    flags: [],
    timeSpentMs: 700,
  };
}

describe('submitLabel(next:)', () => {
  it('returns the next task, leased, and without next answers as before', async () => {
    const projectId = await projectWith('next-basic', 3, 1);
    const annotator = await api.createUser('next-basic-annotator', 'annotator');
    const first = (await nextTask(api, annotator.token, projectId))!;
    const plain = ok(await api.gql<SubmitNext>(SUBMIT_NEXT, { input: inputFor(first) }, annotator.token)).submitLabel;
    expect(plain.next).toBeNull();
    const second = (await nextTask(api, annotator.token, projectId))!;
    const answer = ok(
      await api.gql<SubmitNext>(
        SUBMIT_NEXT,
        { input: inputFor(second), next: { projectId: 'next-basic' } },
        annotator.token,
      ),
    ).submitLabel;
    expect(answer.duplicate).toBe(false);
    expect(answer.next).toMatchObject({ project: { id: projectId }, responses: [{ label: 'A' }, { label: 'B' }] });
    expect([first.taskId, second.taskId]).not.toContain(answer.next!.taskId);
    expect(
      await count(api, `SELECT count(*) FROM tasks WHERE id = $1 AND status = 'leased' AND annotator_id = $2`, [
        answer.next!.taskId,
        annotator.id,
      ]),
    ).toBe(1);
    // The last item: nothing is left after it.
    const last = ok(
      await api.gql<SubmitNext>(SUBMIT_NEXT, { input: inputFor(answer.next!), next: {} }, annotator.token),
    ).submitLabel;
    expect(last).toMatchObject({ duplicate: false, next: null });
  });

  it('answers a retry after a lost reply with the same label and the same next task', async () => {
    const projectId = await projectWith('next-retry', 5, 1);
    const annotator = await api.createUser('next-retry-annotator', 'annotator');
    const onScreen = (await nextTask(api, annotator.token, projectId))!;
    const input = inputFor(onScreen);
    const next = { projectId, exclude: [] as string[] };
    // The first reply is lost on the way back; the client sends the very same request again.
    const lost = ok(await api.gql<SubmitNext>(SUBMIT_NEXT, { input, next }, annotator.token)).submitLabel;
    const retry = ok(await api.gql<SubmitNext>(SUBMIT_NEXT, { input, next }, annotator.token)).submitLabel;
    expect(lost.duplicate).toBe(false);
    expect(retry.duplicate).toBe(true);
    expect(retry.label).toEqual(lost.label);
    expect(retry.next).toEqual(lost.next);
    expect(await count(api, `SELECT count(*) FROM labels WHERE annotator_id = $1`, [annotator.id])).toBe(1);
    expect(
      await count(api, `SELECT count(*) FROM tasks WHERE annotator_id = $1 AND status = 'leased'`, [annotator.id]),
    ).toBe(1);
  });

  it('refuses a malformed project with a coded error and stores nothing', async () => {
    const projectId = await projectWith('next-bad', 2, 1);
    const annotator = await api.createUser('next-bad-annotator', 'annotator');
    const task = (await nextTask(api, annotator.token, projectId))!;
    const answer = await api.gql(
      SUBMIT_NEXT,
      { input: inputFor(task), next: { projectId: 'Not A Slug!' } },
      annotator.token,
    );
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'projectId' });
    expect(await count(api, `SELECT count(*) FROM labels WHERE annotator_id = $1`, [annotator.id])).toBe(0);
  });

  it('keeps every item within its overlap with parallel annotators labelling through submit-with-next', async () => {
    // Overlap 3 and more annotators than items at a time: submits often lock, as their next item, the item another
    // submit is labelling (the queue prefers items with labels); they must neither deadlock nor overfill it.
    const ITEMS = 30;
    const OVERLAP = 3;
    const projectId = await projectWith('next-load', ITEMS, OVERLAP);
    const annotators = await Promise.all(
      Array.from({ length: 20 }, (_, index) => api.createUser(`next-load-${index}`, 'annotator')),
    );
    const acknowledged: string[] = [];
    async function work(token: string): Promise<void> {
      let task = await nextTask(api, token, projectId);
      while (task) {
        const input = inputFor(task);
        const answer = ok(await api.gql<SubmitNext>(SUBMIT_NEXT, { input, next: { projectId } }, token)).submitLabel;
        acknowledged.push(input.submissionId);
        task = answer.next;
      }
    }
    await Promise.all(annotators.map((annotator) => work(annotator.token)));
    expect(acknowledged).toHaveLength(ITEMS * OVERLAP);
    expect(
      await count(
        api,
        `SELECT count(*) FROM (SELECT item_id FROM labels WHERE project_id = $1 GROUP BY item_id HAVING count(*) <> $2) off`,
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
    expect(
      await count(api, `SELECT count(DISTINCT submission_id) FROM labels WHERE submission_id = ANY($1::uuid[])`, [
        acknowledged,
      ]),
    ).toBe(ITEMS * OVERLAP);
    expect(
      await count(api, `SELECT count(*) FROM tasks WHERE project_id = $1 AND status = 'leased'`, [projectId]),
    ).toBe(0);
  });
});
