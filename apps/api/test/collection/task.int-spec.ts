import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import {
  NEXT_TASK,
  SKIP,
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
  lead = await api.createUser('lead-queue', 'lead');
}, 60_000);

afterAll(async () => {
  await api?.close();
});

async function skip(token: string, task: Task) {
  ok(await api.gql(SKIP, { input: { taskId: task.taskId, reason: 'not my field' } }, token));
}

/** Takes and skips tasks until the queue is empty, returning every task seen. */
async function drain(token: string, projectId: string, limit = 500): Promise<Task[]> {
  const seen: Task[] = [];
  for (
    let task = await nextTask(api, token, projectId);
    task && seen.length < limit;
    task = await nextTask(api, token, projectId)
  ) {
    seen.push(task);
    await skip(token, task);
  }
  return seen;
}

async function isGold(taskId: string): Promise<boolean> {
  const [row] = await api.platform.dataSource.query(
    `SELECT i.is_gold FROM tasks a JOIN items i ON i.id = a.item_id WHERE a.id = $1`,
    [taskId],
  );
  return row.is_gold;
}

describe('nextTask routing', () => {
  it("offers only items in the annotator's languages and specialties (items without a specialty are open to all)", async () => {
    const projectId = await createProject(api, lead.token, {
      slug: 'routing',
      name: 'Routing',
      kind: 'pairwise',
      overlap: 3,
    });
    await importJsonl(
      api,
      lead.token,
      projectId,
      [
        itemLine('en-cardio'),
        itemLine('zh-cardio', { language: 'zh' }),
        itemLine('en-neuro', { specialty: 'neurology' }),
        itemLine('en-general', { specialty: '' }),
        itemLine('ar-neuro', { language: 'ar', specialty: 'neurology' }),
      ].join('\n'),
    );
    const cardiologist = await api.createUser('dr-heart', 'annotator', {
      languages: ['en'],
      specialties: ['cardiology'],
    });
    const seen = await drain(cardiologist.token, projectId);
    const externalIds = await api.platform.dataSource.query(
      `SELECT i.external_id FROM tasks a JOIN items i ON i.id = a.item_id WHERE a.annotator_id = $1 ORDER BY 1`,
      [cardiologist.id],
    );
    expect(seen).toHaveLength(2);
    expect(externalIds.map((row: { external_id: string }) => row.external_id)).toEqual(['en-cardio', 'en-general']);
  });

  it('never hands out an item the annotator already labelled or skipped', async () => {
    const projectId = await createProject(api, lead.token, {
      slug: 'no-repeat',
      name: 'No repeat',
      kind: 'pairwise',
      overlap: 3,
    });
    await importJsonl(api, lead.token, projectId, ['n1', 'n2', 'n3', 'n4'].map((id) => itemLine(id)).join('\n'));
    const annotator = await api.createUser('ann-norepeat', 'annotator');
    const taken: string[] = [];
    for (let round = 0; round < 4; round += 1) {
      const task = (await nextTask(api, annotator.token, projectId))!;
      taken.push(task.taskId);
      if (round % 2) await skip(annotator.token, task);
      else ok(await submit(api, annotator.token, task));
    }
    expect(await nextTask(api, annotator.token, projectId)).toBeNull();
    expect(await count(api, `SELECT count(DISTINCT item_id) FROM tasks WHERE annotator_id = $1`, [annotator.id])).toBe(
      4,
    );
  });

  it('gives back the same live lease when asked twice, instead of a second item', async () => {
    const projectId = await createProject(api, lead.token, {
      slug: 'same-lease',
      name: 'Same lease',
      kind: 'pairwise',
    });
    await importJsonl(api, lead.token, projectId, [itemLine('s1'), itemLine('s2')].join('\n'));
    const annotator = await api.createUser('ann-twice', 'annotator');
    const first = (await nextTask(api, annotator.token, projectId))!;
    const again = (await nextTask(api, annotator.token, projectId))!;
    expect(again.taskId).toBe(first.taskId);
  });

  it('serves items already started first, so that items get finished', async () => {
    const projectId = await createProject(api, lead.token, {
      slug: 'started-first',
      name: 'Started first',
      kind: 'pairwise',
      overlap: 3,
    });
    await importJsonl(api, lead.token, projectId, ['f1', 'f2', 'f3', 'f4', 'f5'].map((id) => itemLine(id)).join('\n'));
    const itemOf = async (task: Task) =>
      (await api.platform.dataSource.query(`SELECT item_id FROM tasks WHERE id = $1`, [task.taskId]))[0].item_id;
    const first = await api.createUser('ann-start-1', 'annotator');
    const task = (await nextTask(api, first.token, projectId))!;
    ok(await submit(api, first.token, task));
    const started = await itemOf(task);
    for (const name of ['ann-start-2', 'ann-start-3']) {
      const other = await api.createUser(name, 'annotator');
      const next = (await nextTask(api, other.token, projectId))!;
      expect(await itemOf(next)).toBe(started);
      ok(await submit(api, other.token, next));
    }
    const fourth = await api.createUser('ann-start-4', 'annotator');
    expect(await itemOf((await nextTask(api, fourth.token, projectId))!)).not.toBe(started);
  });
});

describe('overlap and leases', () => {
  it('never lets more than `overlap` people hold an item; an expired lease frees its slot', async () => {
    const projectId = await createProject(api, lead.token, {
      slug: 'leases',
      name: 'Leases',
      kind: 'pairwise',
      overlap: 2,
      leaseSeconds: 30,
    });
    await importJsonl(api, lead.token, projectId, itemLine('only-item'));
    const [a, b, c] = await Promise.all(
      ['lease-a', 'lease-b', 'lease-c'].map((name) => api.createUser(name, 'annotator')),
    );
    const taskA = (await nextTask(api, a.token, projectId))!;
    const taskB = (await nextTask(api, b.token, projectId))!;
    expect(taskA && taskB).toBeTruthy();
    expect(await nextTask(api, c.token, projectId)).toBeNull();
    await api.platform.dataSource.query(`UPDATE tasks SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      taskA.taskId,
    ]);
    const taskC = await nextTask(api, c.token, projectId);
    expect(taskC).not.toBeNull();
    // A comes back late: B and C now fill both slots, so A's answer is refused with a clear code and nothing is stored.
    const late = await submit(api, a.token, taskA);
    expect(late.errors?.[0].extensions?.code).toBe('LEASE_EXPIRED');
    ok(await submit(api, b.token, taskB));
    ok(await submit(api, c.token, taskC!));
    expect(await count(api, `SELECT count(*) FROM labels WHERE project_id = $1`, [projectId])).toBe(2);
    expect(await count(api, `SELECT label_count FROM items WHERE project_id = $1`, [projectId])).toBe(2);
  });

  it('still finds open items behind more than 25 items that are fully held by live leases', async () => {
    const projectId = await createProject(api, lead.token, {
      slug: 'held-ahead',
      name: 'Held ahead',
      kind: 'pairwise',
      overlap: 1,
    });
    await importJsonl(
      api,
      lead.token,
      projectId,
      Array.from({ length: 30 }, (_, index) => itemLine(`h-${String(index).padStart(2, '0')}`)).join('\n'),
    );
    const holders = await Promise.all(
      Array.from({ length: 26 }, (_, index) => api.createUser(`holder-${index}`, 'annotator')),
    );
    for (const holder of holders) expect(await nextTask(api, holder.token, projectId)).not.toBeNull();
    // 26 items are held, 4 are free: the next annotator must get one of those, not "nothing left".
    const late = await api.createUser('holder-late', 'annotator');
    expect(await nextTask(api, late.token, projectId)).not.toBeNull();
    expect(
      await count(api, `SELECT count(*) FROM tasks WHERE project_id = $1 AND status = 'leased'`, [projectId]),
    ).toBe(27);
  });

  it('keeps a late answer when its slot is still free', async () => {
    const projectId = await createProject(api, lead.token, {
      slug: 'late-ok',
      name: 'Late ok',
      kind: 'pairwise',
      overlap: 2,
      leaseSeconds: 30,
    });
    await importJsonl(api, lead.token, projectId, itemLine('late-item'));
    const slow = await api.createUser('ann-slow', 'annotator');
    const task = (await nextTask(api, slow.token, projectId))!;
    await api.platform.dataSource.query(`UPDATE tasks SET expires_at = now() - interval '5 minutes' WHERE id = $1`, [
      task.taskId,
    ]);
    expect(ok(await submit(api, slow.token, task)).submitLabel.duplicate).toBe(false);
  });
});

describe('gold items and blinding', () => {
  let projectId: string;

  beforeAll(async () => {
    projectId = await createProject(api, lead.token, {
      slug: 'mixed-queue',
      name: 'Mixed queue',
      kind: 'pairwise',
      overlap: 1,
      goldRate: 0.25,
    });
    const lines = Array.from({ length: 120 }, (_, index) =>
      itemLine(
        `g-${String(index).padStart(3, '0')}`,
        index % 2 ? { gold: { criterion: 'overall', preferred: 'r1' } } : {},
      ),
    );
    await importJsonl(api, lead.token, projectId, lines.join('\n'));
  });

  it("mixes gold items in at the project's rate", async () => {
    // 60 items of each kind, so neither runs out in 60 draws. Expected 60 × 0.25 = 15 gold; binomial sd = √(60·0.25·0.75) ≈ 3.35,
    // so 15 ± 4 sd is 2..28.
    const annotator = await api.createUser('ann-gold', 'annotator');
    const tasks = await drain(annotator.token, projectId, 60);
    const gold = (await Promise.all(tasks.map((task) => isGold(task.taskId)))).filter(Boolean).length;
    expect(tasks).toHaveLength(60);
    expect(gold).toBeGreaterThanOrEqual(2);
    expect(gold).toBeLessThanOrEqual(28);
  });

  it('makes gold tasks indistinguishable from the others in the API', async () => {
    const annotator = await api.createUser('ann-blind', 'annotator');
    const byKind = new Map<boolean, Record<string, unknown>>();
    for (let attempt = 0; attempt < 60 && byKind.size < 2; attempt += 1) {
      const result = await api.gql<{ nextTask: Task }>(NEXT_TASK, { projectId }, annotator.token);
      const task = ok(result).nextTask;
      byKind.set(await isGold(task.taskId), result as Record<string, unknown>);
      await skip(annotator.token, task);
    }
    const shape = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(shape)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)]))
          : typeof value;
    expect(byKind.size).toBe(2);
    expect(shape(byKind.get(true))).toEqual(shape(byKind.get(false)));
    const goldText = JSON.stringify(byKind.get(true));
    expect(goldText).not.toMatch(/gold|secret-model|preferred/i);
  });

  it("exposes no model identity, gold answer or other people's labels to annotator queries", async () => {
    const fields = async (type: string) =>
      ok(
        await api.gql<{ __type: { fields: { name: string }[] } }>(
          `query ($t: String!) { __type(name: $t) { fields { name } } }`,
          { t: type },
        ),
      )
        .__type.fields.map((field) => field.name)
        .sort();
    expect(await fields('TaskResponse')).toEqual(['id', 'label', 'text']);
    expect(await fields('Task')).toEqual([
      'expiresAt',
      'language',
      'messages',
      'project',
      'prompt',
      'responses',
      'specialty',
      'taskId',
    ]);
    expect(await fields('TaskProject')).not.toEqual(expect.arrayContaining(['goldRate']));
    const annotator = await api.createUser('ann-nosy', 'annotator');
    const asking = await api.gql(
      `query ($p: ID) { nextTask(projectId: $p) { responses { id model source } } }`,
      { p: projectId },
      annotator.token,
    );
    expect(asking.errors?.[0].message).toMatch(/Cannot query field "model"/);
    const leadOnly = [
      `query ($p: ID!) { projectProgress(projectId: $p) { labels } }`,
      `query ($p: ID!) { disagreements(projectId: $p) { total } }`,
      `query ($p: ID!) { goldAccuracy(projectId: $p) { accuracy } }`,
      `query ($p: ID!) { itemReview(itemId: $p) { gold } }`,
      `query { projects { goldRate } }`,
      `query { auditLog { total } }`,
    ];
    for (const query of leadOnly) {
      const result = await api.gql(query, query.includes('$p') ? { p: projectId } : {}, annotator.token);
      expect({ query, code: result.errors?.[0].extensions?.code }).toEqual({ query, code: 'FORBIDDEN' });
    }
  });

  it("shows only the annotator's own labels", async () => {
    const [one, two] = await Promise.all([
      api.createUser('ann-own-1', 'annotator'),
      api.createUser('ann-own-2', 'annotator'),
    ]);
    ok(await submit(api, one.token, (await nextTask(api, one.token, projectId))!));
    const mine = ok(await api.gql<{ myLabels: unknown[] }>(`{ myLabels { id } }`, {}, two.token));
    expect(mine.myLabels).toEqual([]);
  });
});

describe('display order', () => {
  it('shuffles the answers for every task and records the order shown in the label', async () => {
    const projectId = await createProject(api, lead.token, {
      slug: 'shuffle',
      name: 'Shuffle',
      kind: 'ranking',
      overlap: 24,
    });
    const responses = ['r1', 'r2', 'r3', 'r4'].map((id) => ({ id, text: `answer ${id}` }));
    await importJsonl(api, lead.token, projectId, itemLine('to-rank', { responses }));
    const annotators = await Promise.all(
      Array.from({ length: 24 }, (_, index) => api.createUser(`ann-shuffle-${index}`, 'annotator')),
    );
    const orders = new Set<string>();
    for (const annotator of annotators) {
      const task = (await nextTask(api, annotator.token, projectId))!;
      const shown = task.responses.map((response) => response.id);
      expect(task.responses.map((response) => response.label)).toEqual(['A', 'B', 'C', 'D']);
      const label = ok(await submit(api, annotator.token, task)).submitLabel.label;
      expect(label.displayOrder).toEqual(shown);
      orders.add(shown.join());
    }
    // 24 uniform draws over 4! = 24 orders: fewer than 5 distinct orders has a probability far below 1e-6.
    expect(orders.size).toBeGreaterThanOrEqual(5);
    const stored = await api.platform.dataSource.query(
      `SELECT DISTINCT array_to_string(display_order, ',') AS o FROM labels WHERE project_id = $1`,
      [projectId],
    );
    expect(stored).toHaveLength(orders.size);
  });

  it('stores pairwise choices by response id, so a means the answer shown on the left', async () => {
    const projectId = await createProject(api, lead.token, {
      slug: 'pair-sides',
      name: 'Pair sides',
      kind: 'pairwise',
    });
    await importJsonl(api, lead.token, projectId, itemLine('sides'));
    const annotator = await api.createUser('ann-sides', 'annotator');
    const task = (await nextTask(api, annotator.token, projectId))!;
    const label = ok(await submit(api, annotator.token, task)).submitLabel.label;
    expect(label.content).toMatchObject({
      a: task.responses[0].id,
      b: task.responses[1].id,
      judgements: { overall: { choice: 'a' } },
    });
  });
});
