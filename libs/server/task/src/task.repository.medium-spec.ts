import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registeredSql } from '@clinrank/server-core';
import {
  englishAnnotator,
  pairwiseProjectWithAnnotator,
  startMediumContext,
  SYSTEM_ACTOR,
  type MediumContext,
} from '../../../../test-support/medium-services.js';
import { explainAnalyzed, planBuffers, planNodes } from '../../../../test-support/query-plan.js';
import { TaskRepository } from './task.repository.js';

describe('TaskRepository (real PostgreSQL)', () => {
  let context: MediumContext;
  let repository: TaskRepository;
  beforeAll(async () => {
    context = await startMediumContext();
    repository = new TaskRepository(context.dataSource);
  }, 120_000);
  afterAll(async () => {
    await context?.close();
  });

  it('skips an item another transaction holds locked instead of waiting for it', async () => {
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-skip-locked', 2);
    const second = await englishAnnotator(context, 'medium-skip-locked-b');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let lockedFirst!: (id: string) => void;
    const firstId = new Promise<string>((resolve) => (lockedFirst = resolve));
    const holder = context.dataSource.transaction(async (manager) => {
      const candidate = await repository.lockNextCandidate(manager, {
        projectId: project.id,
        gold: false,
        overlap: project.overlap,
        annotator,
        excluded: [],
      });
      lockedFirst(candidate!.id);
      await held;
    });
    const taken = await firstId;
    const other = await context.dataSource.transaction((manager) =>
      repository.lockNextCandidate(manager, {
        projectId: project.id,
        gold: false,
        overlap: project.overlap,
        annotator: second,
        excluded: [],
      }),
    );
    release();
    await holder;
    expect(other).not.toBeNull();
    expect(other!.id).not.toBe(taken);
    expect(other!.responses.map((response) => response.text)).toEqual([
      expect.stringContaining('Answer one'),
      expect.stringContaining('Answer two'),
    ]);
  });

  it("reads a candidate's answers and the project's limit once, however many held items the scan passes over", async () => {
    const held = 8;
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-held-head', held + 4, 2);
    const holder = context.dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      // The queue's head as concurrent submits hold it: each has its item's row locked until it commits.
      const locked: { id: string }[] = await holder.query(
        `SELECT id FROM items WHERE project_id = $1 ORDER BY label_count DESC, id LIMIT $2 FOR UPDATE`,
        [project.id, held],
      );
      const statement = registeredSql().find((sql) => sql.name === 'task.lock-next-candidate')!;
      const parameters = [project.id, false, 2, ['en'], [], annotator.id, []];

      const plan = await explainAnalyzed(context.dataSource, statement.text, parameters);
      const nodes = planNodes(plan);
      const passedOver = nodes.find((node) => node['Node Type'] === 'LockRows')!.Plans![0]['Actual Rows'];
      const loopsOver = (relation: string) =>
        nodes.filter((node) => node['Relation Name'] === relation).reduce((sum, node) => sum + node['Actual Loops'], 0);
      // The held items and the free one after them all reach the lock.
      expect(passedOver).toBe(held + 1);
      // Each of them counts its answers against the limit; the free one alone builds its answers' JSON.
      expect(loopsOver('responses')).toBe(held + 2);
      // The project's row: once for the largest target, once for the limit.
      expect(loopsOver('projects')).toBe(2);

      const [candidate] = await context.dataSource.query(statement.text, parameters);
      expect(locked.map((item) => item.id)).not.toContain(candidate.id);
      expect(candidate.responses.map((response: { text: string }) => response.text)).toEqual([
        expect.stringContaining('Answer one'),
        expect.stringContaining('Answer two'),
      ]);
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
  });

  it('inserts a lease only while the item has a free slot, counting live leases and labels', async () => {
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-lease', 1, 1);
    const second = await englishAnnotator(context, 'medium-lease-b');
    const lease = await context.dataSource.transaction(async (manager) => {
      const candidate = await repository.lockNextCandidate(manager, {
        projectId: project.id,
        gold: false,
        overlap: 1,
        annotator,
        excluded: [],
      });
      const order = candidate!.responses.map((response) => response.id);
      return repository.insertLeaseIfSlotFree(manager, {
        projectId: project.id,
        itemId: candidate!.id,
        annotatorId: annotator.id,
        displayOrder: order,
        leaseSeconds: 600,
        overlap: 1,
      });
    });
    expect(lease).toMatchObject({ item_id: expect.any(String), display_order: expect.any(Array) });
    expect(lease!.expires_at.getTime() - Date.now()).toBeGreaterThan(590_000);
    // The one slot is held: no candidate for the next annotator, and a direct insert is refused.
    const refused = await context.dataSource.transaction(async (manager) => ({
      candidate: await repository.lockNextCandidate(manager, {
        projectId: project.id,
        gold: false,
        overlap: 1,
        annotator: second,
        excluded: [],
      }),
      insert: await repository.insertLeaseIfSlotFree(manager, {
        projectId: project.id,
        itemId: lease!.item_id,
        annotatorId: second.id,
        displayOrder: lease!.display_order,
        leaseSeconds: 600,
        overlap: 1,
      }),
      taken: await repository.takenSlots(manager, lease!.item_id, null),
      takenByOthers: await repository.takenSlots(manager, lease!.item_id, annotator.id),
    }));
    expect(refused).toEqual({ candidate: null, insert: null, taken: 1, takenByOthers: 0 });
  });

  it('reopens a submitted task as a fresh lease and marks a skipped one with its reason', async () => {
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-reopen', 2);
    const task = await context.services.tasks.nextTask(annotator, project.slug);
    await context.dataSource.query(`UPDATE tasks SET status = 'submitted', finished_at = now() WHERE id = $1`, [
      task!.taskId,
    ]);
    await context.dataSource.transaction((manager) => repository.reopenLease(manager, task!.taskId, 120));
    const reopened = await context.dataSource.transaction((manager) => repository.lockTask(manager, task!.taskId));
    expect(reopened).toMatchObject({
      id: task!.taskId,
      status: 'leased',
      annotator_id: annotator.id,
      project_id: project.id,
    });
    const [row] = await context.dataSource.query(
      `SELECT finished_at, expires_at > now() + interval '100 seconds' AS fresh FROM tasks WHERE id = $1`,
      [task!.taskId],
    );
    expect(row).toEqual({ finished_at: null, fresh: true });
    await context.dataSource.transaction((manager) => repository.markSkipped(manager, task!.taskId, 'unclear'));
    const [skipped] = await context.dataSource.query(`SELECT status, skip_reason FROM tasks WHERE id = $1`, [
      task!.taskId,
    ]);
    expect(skipped).toEqual({ status: 'skipped', skip_reason: 'unclear' });
  });

  it('serves an annotator far ahead of the team without re-reading their own or the finished items', async () => {
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-ahead', 260, 3);
    const ahead = 120;
    const choice = { choice: 'a', strength: null };
    let onScreen = (await context.services.tasks.nextTask(annotator, project.id))!.taskId;
    for (let label = 0; label < ahead; label += 1) {
      const result = await context.services.labels.submit(
        annotator.id,
        {
          taskId: onScreen,
          submissionId: randomUUID(),
          content: { judgements: { accuracy: choice, helpfulness: choice, safety: choice, overall: choice } },
          flags: [],
          timeSpentMs: 500,
        },
        SYSTEM_ACTOR,
        { annotator, projectIdOrSlug: project.id, exclude: [] },
      );
      onScreen = result.next!.taskId;
    }
    // Their labelled items wait for two more annotators each, at the head of the fullest-first order; 100 items that
    // others finished sit above them.
    await context.dataSource.query(
      `UPDATE items SET label_count = 3 WHERE id IN (
         SELECT id FROM items i WHERE project_id = $1 AND label_count = 0
            AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.item_id = i.id) ORDER BY id LIMIT 100)`,
      [project.id],
    );
    // Vacuumed, so the buffer count below measures the plan, not the dead row versions autovacuum has yet to clear
    // (each label and lease writes new versions of the item's row).
    for (const table of ['items', 'tasks']) await context.dataSource.query(`VACUUM (ANALYZE) ${table}`);

    const statement = registeredSql().find((sql) => sql.name === 'task.lock-next-candidate')!;
    const parameters = [project.id, false, 3, ['en'], [], annotator.id, []];
    const [candidate] = await context.dataSource.query(`${statement.text}`, parameters);
    const [{ label_count: labelCount, mine }] = await context.dataSource.query(
      `SELECT label_count, EXISTS (SELECT 1 FROM tasks WHERE item_id = $1 AND annotator_id = $2) AS mine
         FROM items WHERE id = $1`,
      [candidate.id, annotator.id],
    );
    expect({ labelCount, mine }).toEqual({ labelCount: 0, mine: false });

    const plan = await explainAnalyzed(context.dataSource, statement.text, parameters);
    const queueScan = planNodes(plan).find((node) => node['Index Name'] === 'items_queue')!;
    // The finished items are below the index condition: the scan starts under the largest target.
    expect(queueScan['Index Cond']).toContain('label_count <');
    // The annotator's own items are one hash, not a probe each.
    expect(queueScan.Filter).toContain('hashed SubPlan');
    // About one buffer per own item passed over (each cost about ten as an anti-join after the subqueries).
    expect(plan['Shared Hit Blocks']).toBeLessThan(2 * ahead);
  }, 120_000);

  it("reads an annotator's finished tasks for the queue's project row only under a quota, their one use", async () => {
    const history = 2000;
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-long-history', history + 2, 1);
    await context.dataSource.query(
      `INSERT INTO tasks (project_id, item_id, annotator_id, status, display_order, expires_at, finished_at)
       SELECT $1, id, $2, 'submitted', '{}', now(), now() FROM items WHERE project_id = $1 ORDER BY id LIMIT $3`,
      [project.id, annotator.id, history],
    );
    // Statistics, but no vacuum: on a busy table the visibility map lags, so a count of tasks reads their rows.
    await context.dataSource.query(`ANALYZE tasks`);
    const statement = registeredSql().find((sql) => sql.name === 'task.eligible-projects')!;
    const parameters = [project.id, null, annotator.id];

    const [free] = await repository.eligibleProjects(annotator.id, project.id, null);
    expect(free).toMatchObject({ quota: null, submitted: 0 });
    // 46 when it counted the 2,000 finished tasks without a quota; the rest of the row reads about 11.
    expect(planBuffers(await explainAnalyzed(context.dataSource, statement.text, parameters))).toBeLessThan(25);

    await context.dataSource.query(
      `INSERT INTO project_members (project_id, user_id, status, quota) VALUES ($1, $2, 'member', $3)`,
      [project.id, annotator.id, history + 1],
    );
    const [capped] = await repository.eligibleProjects(annotator.id, project.id, null);
    expect(capped).toMatchObject({ quota: history + 1, submitted: history });
  }, 120_000);

  it('counts what is left for an annotator as the item-by-item definition does, from one hash of their finished items', async () => {
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-left', 240, 2);
    const { project: locked } = await pairwiseProjectWithAnnotator(context, 'medium-left-locked', 20, 1);
    const { project: other } = await pairwiseProjectWithAnnotator(context, 'medium-left-other', 30, 1);
    await context.dataSource.query(`UPDATE projects SET locked = true WHERE id = $1`, [locked.id]);
    await context.dataSource.query(`UPDATE projects SET max_responses = 2 WHERE id = $1`, [project.id]);
    // Every kind of item the count must pass over or keep, spread by position: other languages and specialties, full
    // items (overlap 2) and items with a target of their own, items over the response limit.
    await context.dataSource.query(
      `WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM items WHERE project_id = $1)
       UPDATE items i SET language = CASE WHEN n.k % 5 = 0 THEN 'fr' ELSE 'en' END,
                          specialty = CASE WHEN n.k % 11 = 0 THEN 'oncology' ELSE '' END,
                          label_count = n.k % 4,
                          target_overlap = CASE WHEN n.k % 9 = 0 THEN 3 END
         FROM numbered n WHERE i.id = n.id`,
      [project.id],
    );
    await context.dataSource.query(
      `INSERT INTO responses (item_id, external_id, position, text, source, model)
       SELECT id, 'r3', 2, 'Answer three', 'model', 'model-c'
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS k FROM items WHERE project_id = $1) n WHERE n.k % 6 = 0`,
      [project.id],
    );
    // The annotator's own tasks in every state, in this project and another.
    await context.dataSource.query(
      `INSERT INTO tasks (project_id, item_id, annotator_id, status, display_order, expires_at, finished_at)
       SELECT project_id, id, $2, (ARRAY['leased', 'submitted', 'skipped', 'released'])[1 + (k / 3) % 4], '{}',
              now() + interval '1 hour', now()
         FROM (SELECT id, project_id, row_number() OVER (ORDER BY id) AS k FROM items WHERE project_id = ANY($1)) n
        WHERE n.k % 3 = 0`,
      [[project.id, other.id], annotator.id],
    );
    await context.dataSource.query(`ANALYZE items; ANALYZE tasks; ANALYZE responses`);
    // The count's definition, item by item, as it was written before the hash.
    const byDefinition = (reference: string | null, languages: string[], specialties: string[]) =>
      context.dataSource.query(
        `SELECT i.project_id, count(*) AS remaining
           FROM items i JOIN projects p ON p.id = i.project_id
          WHERE NOT p.locked AND ($1::text IS NULL OR p.id::text = $1 OR p.slug = $1)
            AND i.label_count < coalesce(i.target_overlap, p.overlap)
            AND (SELECT count(*) FROM responses r WHERE r.item_id = i.id) <= (SELECT q.max_responses FROM projects q WHERE q.id = i.project_id)
            AND (cardinality($2::text[]) = 0 OR i.language = ANY($2))
            AND (cardinality($3::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($3))
            AND NOT EXISTS (SELECT 1 FROM tasks a WHERE a.item_id = i.id AND a.annotator_id = $4 AND a.status <> 'leased')
          GROUP BY i.project_id`,
        [reference, languages, specialties, annotator.id],
      );
    const sorted = (rows: { project_id: string; remaining: string }[]) =>
      rows.map((row) => `${row.project_id} ${row.remaining}`).sort();
    for (const reference of [null, project.id, 'medium-left', locked.id, 'medium-left-other'])
      for (const [languages, specialties] of [
        [['en'], []],
        [['en', 'fr'], ['cardiology']],
        [[], []],
      ]) {
        const counted = await repository.remainingByProject({ id: annotator.id, languages, specialties }, reference);
        const expected = await byDefinition(reference, languages, specialties);
        expect(sorted(counted)).toEqual(sorted(expected));
      }
    const [everything] = await repository.remainingByProject({ ...annotator, languages: [] }, 'medium-left');
    // Enough of each kind to count: neither everything nor nothing is left.
    expect(Number(everything.remaining)).toBeGreaterThan(20);
    expect(Number(everything.remaining)).toBeLessThan(200);

    const statement = registeredSql().find((sql) => sql.name === 'task.remaining-by-project')!;
    const plan = await explainAnalyzed(context.dataSource, statement.text, [project.id, ['en'], [], annotator.id]);
    const nodes = planNodes(plan);
    // The annotator's finished items are one hash that each item is looked up in, whatever the tables' sizes.
    expect(nodes.some((node) => node.Filter?.includes('hashed SubPlan'))).toBe(true);
    expect(nodes.map((node) => node['Node Type'])).not.toContain('Nested Loop Anti Join');
    // The project's row is read once, for the join; its response limit is not looked up again per item.
    expect(nodes.filter((node) => node['Relation Name'] === 'projects')).toHaveLength(1);
  }, 120_000);

  it("counts one project's items without reading a larger project's", async () => {
    const { project: small, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-left-small', 30, 2);
    const large = await context.services.projects.create(
      { slug: 'medium-left-large', name: 'medium-left-large', kind: 'pairwise', overlap: 2 },
      SYSTEM_ACTOR,
    );
    await context.dataSource.query(
      `INSERT INTO items (project_id, external_id, language, prompt, content_hash)
       SELECT $1, 'large-' || g, 'en', 'Question ' || g, md5(g::text) FROM generate_series(1, 20000) g`,
      [large.id],
    );
    await context.dataSource.query(`VACUUM (ANALYZE) items`);
    const queueAnnotator = { id: annotator.id, languages: ['en'], specialties: [] };

    for (const reference of [small.id, 'medium-left-small'])
      expect(await repository.remainingByProject(queueAnnotator, reference)).toEqual([
        { project_id: small.id, remaining: '30' },
      ]);
    expect(await repository.remainingByProject(queueAnnotator, 'no-such-project')).toEqual([]);
    // Through the service, which resolves a slug to the project's id before it counts.
    expect(await context.services.tasks.remainingFor(queueAnnotator, 'medium-left-small')).toBe(30);
    expect(await context.services.tasks.remainingFor(queueAnnotator, 'no-such-project')).toBe(0);

    const statement = registeredSql().find((sql) => sql.name === 'task.remaining-in-project')!;
    const plan = await explainAnalyzed(context.dataSource, statement.text, [small.id, ['en'], [], annotator.id]);
    const itemReads = planNodes(plan).filter((node) => node['Relation Name'] === 'items');
    expect(itemReads.map((node) => node['Node Type'])).not.toContain('Seq Scan');
    // Joined through projects, the count read all 20,030 items here: about 500 buffers more.
    expect(itemReads.reduce((rows, node) => rows + node['Actual Rows'], 0)).toBe(30);
  }, 120_000);
});

describe('TaskRepository on an adaptive-overlap project (real PostgreSQL)', () => {
  let context: MediumContext;
  beforeAll(async () => {
    context = await startMediumContext();
  }, 120_000);
  afterAll(async () => {
    await context?.close();
  });

  it('never reads the items adaptive overlap closed below its maximum', async () => {
    const adaptiveOverlap = { min: 2, max: 4, confidence: 0.75 };
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-closed', 600, 2, {
      adaptiveOverlap,
    });
    const closed = 400;
    // Items closed at two agreeing labels (target 2, below max 4) sit at the head of the fullest-first order.
    await context.dataSource.query(
      `UPDATE items SET label_count = 2, target_overlap = 2
         WHERE id IN (SELECT id FROM items WHERE project_id = $1 ORDER BY id LIMIT $2)`,
      [project.id, closed],
    );
    const [{ id: open }] = await context.dataSource.query(
      `SELECT id FROM items WHERE project_id = $1 AND label_count = 0 ORDER BY id DESC LIMIT 1`,
      [project.id],
    );
    await context.dataSource.query(`UPDATE items SET label_count = 1, target_overlap = 2 WHERE id = $1`, [open]);
    await context.dataSource.query(`VACUUM (ANALYZE) items`);

    const statement = registeredSql().find((sql) => sql.name === 'task.lock-next-candidate')!;
    const parameters = [project.id, false, 2, ['en'], [], annotator.id, []];
    const [candidate] = await context.dataSource.query(statement.text, parameters);
    // The partly labelled open item comes first, as before.
    expect(candidate.id).toBe(open);
    const plan = await explainAnalyzed(context.dataSource, statement.text, parameters);
    // The closed items are not in the queue's index at all: a handful of buffers, not one per closed item.
    expect(planBuffers(plan)).toBeLessThan(closed / 10);
  }, 120_000);
});
