import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import {
  AlternatingDisagreement,
  SUBMIT,
  count,
  createProject,
  importJsonl,
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

/** Three answers; on clear items everyone puts them in text order, on contested ones odd annotators reverse it. */
function itemLine(id: string, contested = false): string {
  return JSON.stringify({
    id,
    language: 'en',
    prompt: `Question ${id}${contested ? ' (contested)' : ''}: is chest pain on exertion worrying?`,
    responses: ['one', 'two', 'three'].map((n, k) => ({ id: `r${k}`, text: `Answer ${k + 1} (${n}) to ${id}` })),
  });
}

/** The shown answers, best first: text order, or its reverse for a clinician who disagrees. */
function preferred(task: Task, reversed: boolean): Task['responses'] {
  const inTextOrder = [...task.responses].sort((x, y) => (x.text < y.text ? -1 : 1));
  return reversed ? inTextOrder.reverse() : inTextOrder;
}

const KINDS = {
  ranking: {
    project: { kind: 'ranking', allowTies: false },
    content: (task: Task, reversed: boolean) => ({ ranking: preferred(task, reversed).map((r) => [r.id]) }),
  },
  rating: {
    project: { kind: 'rating', criteria: ['accuracy', 'safety'], scaleMin: 1, scaleMax: 3 },
    content: (task: Task, reversed: boolean) => {
      const order = preferred(task, reversed);
      const scores = Object.fromEntries(order.map((r, rank) => [r.id, 3 - rank]));
      return { scores: Object.fromEntries(task.project.criteria.map((criterion) => [criterion, scores])) };
    },
  },
} as const;

describe.each(Object.keys(KINDS) as (keyof typeof KINDS)[])('adaptive overlap on %s projects', (kind) => {
  const { project: settings, content } = KINDS[kind];

  it(`closes items at two agreeing labels and never assigns more than max, with ${ANNOTATORS} annotators at once`, async () => {
    const lead = await api.createUser(`lead-adaptive-${kind}`, 'lead');
    const projectId = await createProject(api, lead.token, {
      slug: `adaptive-${kind}`,
      name: `Adaptive ${kind}`,
      ...settings,
      adaptiveOverlap: OVERLAP,
    });
    const lines = [
      ...Array.from({ length: CLEAR_ITEMS }, (_, index) => itemLine(`clear-${index}`)),
      ...Array.from({ length: CONTESTED_ITEMS }, (_, index) => itemLine(`contested-${index}`, true)),
    ];
    expect((await importJsonl(api, lead.token, projectId, lines.join('\n'))).imported).toBe(lines.length);
    const annotators = await Promise.all(
      Array.from({ length: ANNOTATORS }, (_, index) => api.createUser(`adaptive-${kind}-${index}`, 'annotator')),
    );

    // A disagreeing label ranks the answers in reverse text order.
    const contest = new AlternatingDisagreement();
    const submitOne = async (annotator: number, task: Task) => {
      const reversed = contest.next(task, annotator);
      const input = {
        taskId: task.taskId,
        submissionId: randomUUID(),
        content: content(task, reversed),
        flags: [],
        timeSpentMs: 800,
      };
      expect(ok(await api.gql(SUBMIT, { input }, annotators[annotator].token)).submitLabel.duplicate).toBe(false);
    };
    async function work(annotator: number): Promise<number> {
      let given = 0;
      const token = annotators[annotator].token;
      for (let task = await nextTask(api, token, projectId); task; task = await nextTask(api, token, projectId)) {
        given += 1;
        await submitOne(annotator, task);
      }
      return given;
    }
    // An uncertain item opens a slot after others were told "nothing left": go round until a round hands out nothing.
    while ((await Promise.all(annotators.map((_, index) => work(index)))).some((n) => n > 0));

    const perItem: { external_id: string; labels: number; target: number | null; leases: number }[] =
      await api.platform.dataSource.query(
        `SELECT i.external_id, i.label_count AS labels, i.target_overlap AS target,
                (SELECT count(*)::int FROM tasks a WHERE a.item_id = i.id AND a.status <> 'skipped') AS leases
           FROM items i WHERE i.project_id = $1 ORDER BY i.external_id`,
        [projectId],
      );
    expect(perItem).toHaveLength(lines.length);
    for (const item of perItem) {
      expect(item.labels).toBeLessThanOrEqual(OVERLAP.max);
      expect(item.leases).toBeLessThanOrEqual(OVERLAP.max);
      expect(item.labels).toBeGreaterThanOrEqual(OVERLAP.min);
      expect(item.labels).toBe(item.target);
    }
    const contested = perItem.filter((item) => item.external_id.startsWith('contested'));
    // The first two labels of every contested item split, so contested items ask for more clinicians.
    expect(contested.some((item) => item.labels > OVERLAP.min)).toBe(true);
    const clear = perItem.filter((item) => item.external_id.startsWith('clear'));
    expect(clear.filter((item) => item.labels === OVERLAP.min).length).toBeGreaterThanOrEqual(CLEAR_ITEMS / 2);
    const total = await count(api, `SELECT count(*) FROM labels WHERE project_id = $1`, [projectId]);
    expect(total).toBeLessThan(perItem.length * OVERLAP.max);

    // The model has learned which clinicians agree with their colleagues: a new item closes at exactly two agreeing
    // labels from the two it trusts most. (Which two depends on who happened to disagree on the contested items.)
    const [firstTrusted, secondTrusted, ...others] = contest.mostAgreeing(annotators.length);
    expect((await importJsonl(api, lead.token, projectId, itemLine('late-0'))).imported).toBe(1);
    for (const annotator of [firstTrusted, secondTrusted]) {
      const task = await nextTask(api, annotators[annotator].token, projectId);
      if (!task) throw new Error(`annotator ${annotator} got no task for the new item`);
      await submitOne(annotator, task);
    }
    expect(await nextTask(api, annotators[others[0]].token, projectId)).toBeNull();
    expect(
      await count(api, `SELECT target_overlap FROM items WHERE project_id = $1 AND external_id = 'late-0'`, [
        projectId,
      ]),
    ).toBe(2);
  }, 180_000);
});

describe('adaptive overlap on every criterion', () => {
  it('keeps a pairwise item open while a criterion other than overall is split, and the setting round-trips', async () => {
    const lead = await api.createUser('lead-adaptive-every', 'lead');
    const projectId = await createProject(api, lead.token, {
      slug: 'adaptive-every',
      name: 'Adaptive every',
      kind: 'pairwise',
      criteria: ['safety'],
      adaptiveOverlap: { ...OVERLAP, criteria: 'EVERY' },
    });
    const read = async () =>
      ok(
        await api.gql(
          `query ($id: String!) { project(id: $id) { adaptiveOverlap { min max confidence criteria } } }`,
          { id: projectId },
          lead.token,
        ),
      ).project.adaptiveOverlap;
    expect(await read()).toEqual({ ...OVERLAP, criteria: 'EVERY' });
    const line = (id: string) =>
      JSON.stringify({
        id,
        language: 'en',
        prompt: `Question ${id}`,
        responses: [
          { id: 'r1', text: `Answer one to ${id}` },
          { id: 'r2', text: `Answer two to ${id}` },
        ],
      });
    const history = Array.from({ length: 8 }, (_, k) => line(`agree-${k}`));
    expect((await importJsonl(api, lead.token, projectId, [...history, line('split-0')].join('\n'))).imported).toBe(9);
    const annotators = await Promise.all([0, 1].map((k) => api.createUser(`adaptive-every-${k}`, 'annotator')));
    // Both prefer answer one overall and on safety, except on split-0, where they split on safety.
    for (const [k, annotator] of annotators.entries()) {
      for (let task = await nextTask(api, annotator.token, projectId); task;) {
        const one = task.responses[0].text.startsWith('Answer one') ? 'a' : 'b';
        const other = one === 'a' ? 'b' : 'a';
        const safety = (task.prompt ?? '').includes('split') && k === 1 ? other : one;
        const content = {
          judgements: { overall: { choice: one, strength: null }, safety: { choice: safety, strength: null } },
        };
        const input = {
          taskId: task.taskId,
          submissionId: randomUUID(),
          content,
          flags: [],
          timeSpentMs: 900,
        };
        ok(await api.gql(SUBMIT, { input }, annotator.token));
        task = await nextTask(api, annotator.token, projectId);
      }
    }
    const target = () =>
      count(api, `SELECT target_overlap FROM items WHERE project_id = $1 AND external_id = 'split-0'`, [projectId]);
    expect(await count(api, `SELECT count(*) FROM labels WHERE project_id = $1`, [projectId])).toBe(18);
    expect(await target()).toBe(3);
    // Back to 'overall' only: every item is decided again, and split-0's agreeing overall judgements close it.
    ok(
      await api.gql(
        `mutation ($input: UpdateProjectInput!) { updateProject(input: $input) { id } }`,
        { input: { id: projectId, adaptiveOverlap: { ...OVERLAP, criteria: 'OVERALL' } } },
        lead.token,
      ),
    );
    expect((await read()).criteria).toBe('OVERALL');
    expect(await target()).toBe(2);
  }, 60_000);
});
