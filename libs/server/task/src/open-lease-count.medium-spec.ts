import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DomainError } from '@clinrank/domain';
import { metricsRegistry } from '@clinrank/server-core';
import { createRng } from '@clinrank/statistics';
import { ALL_MIGRATIONS } from '../../../../migrations/index.js';
import {
  englishAnnotator,
  pairwiseProjectWithAnnotator,
  startMediumContext,
  SYSTEM_ACTOR,
  type MediumContext,
} from '../../../../test-support/medium-services.js';

const CHOICE = { choice: 'a', strength: null };
const CONTENT = { judgements: { accuracy: CHOICE, helpfulness: CHOICE, safety: CHOICE, overall: CHOICE } };

/**
 * The queue trusts the open-lease count on the item's row (migration OpenLeaseCount) to pass over fully leased items
 * without reading `tasks`. A count above the truth would hide an item with free slots; one below, or a bound later
 * than an open lease's expiry, would let the search offer a slot that is taken.
 */
describe('the open-lease count on items (real PostgreSQL)', () => {
  let context: MediumContext;
  beforeAll(async () => {
    context = await startMediumContext();
  }, 120_000);
  afterAll(async () => {
    await context?.close();
  });

  /** Items whose count or bound disagrees with their tasks, with both sides. */
  async function driftedItems(projectId: string): Promise<unknown[]> {
    return context.dataSource.query(
      `SELECT i.id, i.open_leases, i.open_leases_live_until, coalesce(t.open, 0)::int AS open, t.earliest
         FROM items i
         LEFT JOIN (SELECT item_id, count(*) AS open, min(expires_at) AS earliest FROM tasks WHERE status = 'leased' GROUP BY item_id) t
           ON t.item_id = i.id
        WHERE i.project_id = $1
          AND (i.open_leases <> coalesce(t.open, 0)
               OR (i.open_leases_live_until IS NULL) <> (t.open IS NULL)
               OR i.open_leases_live_until > t.earliest)`,
      [projectId],
    );
  }

  async function openLeases(projectId: string): Promise<number> {
    const [row] = await context.dataSource.query(
      `SELECT coalesce(sum(open_leases), 0)::int AS n FROM items WHERE project_id = $1`,
      [projectId],
    );
    return row.n;
  }

  const submission = (taskId: string) => ({
    taskId,
    submissionId: randomUUID(),
    content: CONTENT,
    flags: [],
    timeSpentMs: 500,
  });

  it('stays exact while annotators lease, submit, skip, undo and let leases lapse, and a lead re-queues items', async () => {
    const { project, annotator: first } = await pairwiseProjectWithAnnotator(context, 'medium-open-leases', 10, 2);
    const annotators = [first];
    for (let n = 1; n < 6; n++) annotators.push(await englishAnnotator(context, `medium-open-leases-${n}`));
    const onScreen = new Map<string, string | null>(annotators.map((a) => [a.id, null]));
    const random = createRng(16);
    const done: Record<string, number> = {};

    /** One step of one annotator: takes a task when none is on screen, otherwise does something with it. */
    async function step(annotator: (typeof annotators)[number]): Promise<void> {
      const taskId = onScreen.get(annotator.id);
      const roll = random();
      const action = !taskId ? 'lease' : roll < 0.4 ? 'submit' : roll < 0.55 ? 'skip' : roll < 0.7 ? 'undo' : 'lapse';
      done[action] = (done[action] ?? 0) + 1;
      if (action === 'lease') {
        onScreen.set(annotator.id, (await context.services.tasks.nextTask(annotator, project.id))?.taskId ?? null);
      } else if (action === 'submit') {
        const withNext = roll < 0.2 ? { annotator, projectIdOrSlug: project.id, exclude: [] } : null;
        const result = await context.services.labels.submit(annotator.id, submission(taskId!), SYSTEM_ACTOR, withNext);
        onScreen.set(annotator.id, result.next?.taskId ?? null);
      } else if (action === 'skip') {
        await context.services.tasks.skip(annotator.id, taskId!, 'not my field', SYSTEM_ACTOR);
        onScreen.set(annotator.id, null);
      } else if (action === 'undo') {
        const { label } = await context.services.labels.submit(annotator.id, submission(taskId!), SYSTEM_ACTOR);
        onScreen.set(annotator.id, await context.services.labels.retract(annotator.id, label.id, SYSTEM_ACTOR));
      } else {
        // The lease runs out (and another annotator may take the slot); the annotator moves on.
        await context.dataSource.query(`UPDATE tasks SET expires_at = now() - interval '1 second' WHERE id = $1`, [
          taskId,
        ]);
        onScreen.set(annotator.id, null);
      }
    }

    for (let round = 0; round < 30; round++) {
      const steps = annotators.map((annotator) =>
        step(annotator).catch((error: unknown) => {
          // A colleague's move can make an action refused (a re-queued task, a lapsed lease taken): a coded error.
          if (!(error instanceof DomainError)) throw error;
          onScreen.set(annotator.id, null);
        }),
      );
      if (round % 4 === 3) {
        const [item] = await context.dataSource.query(
          `SELECT item_id FROM tasks WHERE project_id = $1 AND status = 'leased' ORDER BY leased_at DESC LIMIT 1`,
          [project.id],
        );
        if (item) {
          done['re_queue'] = (done['re_queue'] ?? 0) + 1;
          steps.push(
            context.services.items.bulk(project.id, [item.item_id], 're_queue', false, SYSTEM_ACTOR).then(() => {}),
          );
        }
      }
      await Promise.all(steps);
      expect({ round, drifted: await driftedItems(project.id) }).toEqual({ round, drifted: [] });
    }
    // Every kind of step ran, and leases were open at the end, so the checks above were not vacuous.
    expect(Object.keys(done).sort()).toEqual(['lapse', 'lease', 're_queue', 'skip', 'submit', 'undo']);
    expect(await openLeases(project.id)).toBeGreaterThan(0);
  }, 120_000);

  it('trusts the count only until the earliest lease runs out, then offers the lapsed slot again', async () => {
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-open-leases-lapse', 1, 1);
    const colleague = await englishAnnotator(context, 'medium-open-leases-lapse-b');
    const held = await context.services.tasks.nextTask(annotator, project.id);
    // The lease runs out in a moment, with no later write to the task: only time passes.
    await context.dataSource.query(`UPDATE tasks SET expires_at = now() + interval '1 second' WHERE id = $1`, [
      held!.taskId,
    ]);
    expect(await context.services.tasks.nextTask(colleague, project.id)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const taken = await context.services.tasks.nextTask(colleague, project.id);
    expect(taken?.prompt).toBe(held!.prompt);
    expect(await driftedItems(project.id)).toEqual([]);
  });

  it('never leases past the overlap on a count that is too low: the re-count refuses, and /metrics counts it', async () => {
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-open-leases-drift', 1, 1);
    const colleague = await englishAnnotator(context, 'medium-open-leases-drift-b');
    expect(await context.services.tasks.nextTask(annotator, project.id)).not.toBeNull();
    const refusedSoFar = async () =>
      (await metricsRegistry.getSingleMetric('clinrank_lease_slot_taken_total')!.get()).values[0]?.value ?? 0;
    const before = await refusedSoFar();
    // A count gone wrong: the search now believes the item's one slot is free.
    await context.dataSource.query(
      `UPDATE items SET open_leases = 0, open_leases_live_until = NULL WHERE project_id = $1`,
      [project.id],
    );
    expect(await context.services.tasks.nextTask(colleague, project.id)).toBeNull();
    expect(await refusedSoFar()).toBe(before + 1);
    const [{ leased }] = await context.dataSource.query(
      `SELECT count(*)::int AS leased FROM tasks WHERE project_id = $1 AND status = 'leased'`,
      [project.id],
    );
    expect(leased).toBe(1);
  });

  it("does not deadlock a lead's re-queue with a skip or submit that holds the item's task", async () => {
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-open-leases-order', 1, 2);
    const task = await context.services.tasks.nextTask(annotator, project.id);
    const [{ item_id: itemId }] = await context.dataSource.query(`SELECT item_id FROM tasks WHERE id = $1`, [
      task!.taskId,
    ]);
    // As a skip or a submit does: the task's row first, then a write to the item's row (the triggers, the label count).
    let taskLocked!: () => void;
    const locked = new Promise<void>((resolve) => (taskLocked = resolve));
    let writeItem!: () => void;
    const itemWrite = new Promise<void>((resolve) => (writeItem = resolve));
    const annotatorSide = context.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT id FROM tasks WHERE id = $1 FOR UPDATE`, [task!.taskId]);
      taskLocked();
      await itemWrite;
      await manager.query(`UPDATE items SET open_leases = open_leases WHERE id = $1`, [itemId]);
    });
    await locked;
    const lead = context.services.items.bulk(project.id, [itemId], 're_queue', false, SYSTEM_ACTOR);
    // Let the re-queue take every lock it can before the annotator's transaction writes the item.
    await new Promise((resolve) => setTimeout(resolve, 300));
    writeItem();
    await expect(annotatorSide).resolves.toBeUndefined();
    await expect(lead).resolves.toMatchObject({ action: 're_queue', changed: 1 });
    expect(await openLeases(project.id)).toBe(0);
  });

  it('is rebuilt from the open tasks by its migration, and dropped by its down step', async () => {
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-open-leases-migrate', 3, 2);
    const colleague = await englishAnnotator(context, 'medium-open-leases-migrate-b');
    for (const who of [annotator, colleague]) await context.services.tasks.nextTask(who, project.id);
    const before = await openLeases(project.id);
    expect(before).toBe(2);
    const OpenLeaseCount = ALL_MIGRATIONS.find((candidate) => candidate.name === 'OpenLeaseCount1763900120000')!;
    const migration = new OpenLeaseCount();
    const runner = context.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      const columns = await runner.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'items' AND column_name LIKE 'open_leases%'`,
      );
      expect(columns).toEqual([]);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await openLeases(project.id)).toBe(before);
    expect(await driftedItems(project.id)).toEqual([]);
  });
});
