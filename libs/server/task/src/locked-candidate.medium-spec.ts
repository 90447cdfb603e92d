import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  englishAnnotator,
  pairwiseProjectWithAnnotator,
  startMediumContext,
  SYSTEM_ACTOR,
  type MediumContext,
} from '../../../../test-support/medium-services.js';
import { LOCKED_CANDIDATE_WAIT_MS } from './task.repository.js';

const CHOICE = { choice: 'a', strength: null };
const CONTENT = { judgements: { accuracy: CHOICE, helpfulness: CHOICE, safety: CHOICE, overall: CHOICE } };

/**
 * The queue's tail: the last items that still need a label are often held for a moment by another annotator's submit.
 * The hot statement passes over locked items (SKIP LOCKED); an annotator must not be told the queue is empty for that.
 */
describe('TaskService at the tail of the queue (real PostgreSQL)', () => {
  let context: MediumContext;
  beforeAll(async () => {
    context = await startMediumContext();
  }, 120_000);
  afterAll(async () => {
    await context?.close();
  });

  /** Holds the item's row lock in another transaction, as a submit does, until `release` is called. */
  async function holdItemLock(itemId: string) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = context.dataSource.transaction(async (manager) => {
      await manager.query('SELECT id FROM items WHERE id = $1 FOR UPDATE', [itemId]);
      locked();
      await released;
    });
    await lockTaken;
    return {
      release: async () => {
        release();
        await holder;
      },
    };
  }

  async function itemOf(taskId: string): Promise<string> {
    const [row] = await context.dataSource.query('SELECT item_id FROM tasks WHERE id = $1', [taskId]);
    return row.item_id;
  }

  it.each(['fixed', 'uncertainty'])(
    'waits for the last free item while another submit holds it (%s order), instead of reporting an empty queue',
    async (order) => {
      const { project, annotator } = await pairwiseProjectWithAnnotator(context, `medium-tail-${order}`, 1, 2);
      await context.dataSource.query('UPDATE projects SET queue_order = $2 WHERE id = $1', [project.id, order]);
      const first = await context.services.tasks.nextTask(annotator, project.id);
      const itemId = await itemOf(first!.taskId);
      const second = await englishAnnotator(context, `medium-tail-${order}-b`);

      const lock = await holdItemLock(itemId);
      let answered = false;
      const asked = context.services.tasks.nextTask(second, project.id).finally(() => (answered = true));
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Still waiting for the holder: an answer now could only be the wrong "nothing left".
      expect(answered).toBe(false);
      await lock.release();

      const task = await asked;
      expect(task).not.toBeNull();
      expect(await itemOf(task!.taskId)).toBe(itemId);
    },
  );

  /** Resolves once `count` statements wait for a row lock (the waits are queued in the order they began). */
  async function lockWaiters(count: number): Promise<void> {
    for (let poll = 0; poll < 200; poll += 1) {
      const [{ waiting }] = await context.dataSource.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (waiting >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`fewer than ${count} statements waited for a lock within 2 s`);
  }

  it('hands both of one annotator\'s overlapping requests the lease the first one took, not "nothing left"', async () => {
    // A clinician switching project while the last request is still open: both ask for the same last free slot.
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-tail-overlap', 1, 2);
    const first = await context.services.tasks.nextTask(annotator, project.id);
    const itemId = await itemOf(first!.taskId);
    const clinician = await englishAnnotator(context, 'medium-tail-overlap-b');

    const lock = await holdItemLock(itemId);
    const earlier = context.services.tasks.nextTask(clinician, project.id);
    await lockWaiters(1);
    const later = context.services.tasks.nextTask(clinician, project.id);
    await lockWaiters(2);
    await lock.release();

    const [earlierTask, laterTask] = await Promise.all([earlier, later]);
    expect(earlierTask).not.toBeNull();
    expect(laterTask?.taskId).toBe(earlierTask!.taskId);
    expect(await itemOf(laterTask!.taskId)).toBe(itemId);
    const [{ leases }] = await context.dataSource.query(
      `SELECT count(*)::int AS leases FROM tasks WHERE annotator_id = $1`,
      [clinician.id],
    );
    expect(leases).toBe(1);
  });

  it('answers "nothing left" without waiting when no item is held', async () => {
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-tail-done', 1, 1);
    const task = await context.services.tasks.nextTask(annotator, project.id);
    const other = await englishAnnotator(context, 'medium-tail-done-b');
    // The only item's one slot is leased: nothing is locked and nothing is free.
    expect(task).not.toBeNull();
    expect(await context.services.tasks.nextTask(other, project.id)).toBeNull();
  });

  it('gives up on an item held past the lock timeout, and serves it once it is free', async () => {
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-tail-timeout', 1, 2);
    const first = await context.services.tasks.nextTask(annotator, project.id);
    const itemId = await itemOf(first!.taskId);
    const second = await englishAnnotator(context, 'medium-tail-timeout-b');

    const lock = await holdItemLock(itemId);
    const started = Date.now();
    const task = await context.services.tasks.nextTask(second, project.id).finally(() => lock.release());
    expect(Date.now() - started).toBeGreaterThanOrEqual(LOCKED_CANDIDATE_WAIT_MS - 50);
    expect(task).toBeNull();
    const next = await context.services.tasks.nextTask(second, project.id);
    expect(await itemOf(next!.taskId)).toBe(itemId);
  });

  it('serves a submit with next the item another submit holds, once the submit is committed', async () => {
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-tail-submit', 2, 1);
    const onScreen = (await context.services.tasks.nextTask(annotator, project.id))!;
    const [{ id: otherItem }] = await context.dataSource.query(
      `SELECT id FROM items WHERE project_id = $1 AND id <> $2`,
      [project.id, await itemOf(onScreen.taskId)],
    );

    const lock = await holdItemLock(otherItem);
    // The submit's own transaction does not wait (it holds its item, and two submits waiting for each other's would
    // both stall); the next task is asked for again once it has committed.
    const released = new Promise((resolve) => setTimeout(resolve, 150)).then(() => lock.release());
    const result = await context.services.labels.submit(
      annotator.id,
      { taskId: onScreen.taskId, submissionId: randomUUID(), content: CONTENT, flags: [], timeSpentMs: 500 },
      SYSTEM_ACTOR,
      { annotator, projectIdOrSlug: project.id, exclude: [] },
    );
    await released;
    expect(result.next).not.toBeNull();
    expect(await itemOf(result.next!.taskId)).toBe(otherItem);
    const [{ count }] = await context.dataSource.query(
      `SELECT count(*)::int AS count FROM labels WHERE project_id = $1 AND annotator_id = $2`,
      [project.id, annotator.id],
    );
    expect(count).toBe(1);
  });
});
