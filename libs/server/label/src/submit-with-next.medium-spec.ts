import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Pool, PoolClient } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { BeginThenStatement } from '@clinrank/server-core';
import {
  pairwiseProjectWithAnnotator,
  startMediumContext,
  SYSTEM_ACTOR,
  type MediumContext,
} from '../../../../test-support/medium-services.js';

const CONTENT = {
  judgements: {
    accuracy: { choice: 'a', strength: null },
    helpfulness: { choice: 'a', strength: null },
    safety: { choice: 'a', strength: null },
    overall: { choice: 'a', strength: null },
  },
};

/**
 * One round trip as the pg driver received it: the statement's text, its name when sent as a named prepared
 * statement, and whether the transaction's BEGIN travelled with it.
 */
interface SentStatement {
  text: string;
  name: string | null;
  withBegin: boolean;
}

const TRANSACTION_CONTROL = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)\b/i;

describe('submit with next (real PostgreSQL)', () => {
  let context: MediumContext;
  let sent: SentStatement[] | null = null;

  beforeAll(async () => {
    context = await startMediumContext();
    // Counts what reaches the driver: every client handed out by the pool reports each statement it sends.
    const pool = (context.dataSource.driver as PostgresDriver).master as Pool;
    const wrapped = new WeakSet<PoolClient>();
    pool.on('acquire', (client: PoolClient) => {
      if (wrapped.has(client)) return;
      wrapped.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        const config = args[0] as string | { text: string; name?: string };
        sent?.push(
          typeof config === 'string'
            ? { text: config, name: null, withBegin: false }
            : { text: config.text, name: config.name ?? null, withBegin: config instanceof BeginThenStatement },
        );
        return query(...args);
      };
    });
  }, 120_000);
  afterAll(async () => {
    await context?.close();
  });

  async function counted<T>(work: () => Promise<T>): Promise<{ result: T; statements: SentStatement[] }> {
    sent = [];
    try {
      const result = await work();
      return { result, statements: sent };
    } finally {
      sent = null;
    }
  }

  const submission = (taskId: string) => ({
    taskId,
    submissionId: randomUUID(),
    content: CONTENT,
    flags: [],
    timeSpentMs: 800,
  });

  it('stores the label and leases the next task in 3 named statements and 4 round trips in the steady state', async () => {
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-next-count', 8, 2);
    const first = await context.services.tasks.nextTask(annotator, project.id);
    let onScreen = first!.taskId;
    const perLabel: SentStatement[][] = [];
    for (let label = 0; label < 5; label += 1) {
      const { result, statements } = await counted(() =>
        context.services.labels.submit(annotator.id, submission(onScreen), SYSTEM_ACTOR, {
          annotator,
          projectIdOrSlug: project.id,
          exclude: [],
        }),
      );
      expect(result.duplicate).toBe(false);
      expect(result.next?.taskId).toEqual(expect.any(String));
      expect(result.next!.taskId).not.toBe(onScreen);
      perLabel.push(statements);
      onScreen = result.next!.taskId;
    }
    const roundTrips = perLabel.map((statements) =>
      statements.map((statement) =>
        statement.withBegin ? `BEGIN + ${statement.name}` : (statement.name ?? statement.text),
      ),
    );
    const work = ['label.insert-submitted-with-audit', 'task.insert-lease-if-slot-free', 'COMMIT'];
    // The first label prepares the locking read on its connection, so its BEGIN goes alone; from then on BEGIN rides
    // with the locking read and the COMMIT is the fourth round trip.
    expect(roundTrips[0]).toEqual(['START TRANSACTION', 'label.lock-task-for-submission', ...work]);
    for (const steady of roundTrips.slice(1))
      expect(steady).toEqual(['BEGIN + label.lock-task-for-submission', ...work]);
    const [labels] = await context.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT item_id)::int AS items FROM labels WHERE annotator_id = $1`,
      [annotator.id],
    );
    expect(labels).toEqual({ n: 5, items: 5 });
    const audit = await context.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'label.create' AND actor_user_id IS NULL AND project_id = $1`,
      [project.id],
    );
    expect(audit[0].n).toBe(5);
  });

  it("locks the least certain item as the next task when the project's queue is uncertainty-first", async () => {
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-next-uncertain', 6, 1);
    await context.services.projects.update(project.id, { queueOrder: 'uncertainty' }, SYSTEM_ACTOR);
    const onScreen = await context.services.tasks.nextTask(annotator, project.id);
    // Score the open items: the one last in the fixed order is the least certain.
    const open: { id: string; prompt: string }[] = await context.dataSource.query(
      `SELECT id, prompt FROM items WHERE project_id = $1 AND label_count = 0
          AND NOT EXISTS (SELECT 1 FROM tasks a WHERE a.item_id = items.id) ORDER BY id`,
      [project.id],
    );
    const [run] = await context.dataSource.query(
      `INSERT INTO training_runs (kind, status, config, project_id) VALUES ('reward_model', 'succeeded', '{}', $1) RETURNING id`,
      [project.id],
    );
    for (const [index, item] of open.entries())
      await context.dataSource.query(
        `INSERT INTO item_uncertainty (item_id, project_id, run_id, score, reward_gap) VALUES ($1, $2, $3, $4, $5)`,
        [item.id, project.id, run.id, index, -index],
      );
    const { result, statements } = await counted(() =>
      context.services.labels.submit(annotator.id, submission(onScreen!.taskId), SYSTEM_ACTOR, {
        annotator,
        projectIdOrSlug: project.id,
        exclude: [],
      }),
    );
    expect(result.next!.prompt).toBe(open[open.length - 1].prompt);
    expect(statements.map((statement) => statement.name)).toContain('label.insert-submitted-with-audit-uncertain-next');
  });

  it('hands back the live lease not on screen instead of leasing a third, in 3 statements too', async () => {
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-next-resume', 6, 1);
    const onScreen = await context.services.tasks.nextTask(annotator, project.id);
    const ahead = await context.services.tasks.nextTask(annotator, project.id, [onScreen!.taskId]);
    const { result, statements } = await counted(() =>
      context.services.labels.submit(annotator.id, submission(onScreen!.taskId), SYSTEM_ACTOR, {
        annotator,
        projectIdOrSlug: 'medium-next-resume',
        exclude: [],
      }),
    );
    expect(result.next?.taskId).toBe(ahead!.taskId);
    expect(statements.filter((statement) => !TRANSACTION_CONTROL.test(statement.text))).toHaveLength(3);
    const [leases] = await context.dataSource.query(
      `SELECT count(*)::int AS n FROM tasks WHERE annotator_id = $1 AND status = 'leased'`,
      [annotator.id],
    );
    expect(leases.n).toBe(1);
  });

  it('answers a retried submit with the same label and the same next task while its lease is live', async () => {
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-next-retry', 6, 1);
    const onScreen = await context.services.tasks.nextTask(annotator, project.id);
    const ahead = await context.services.tasks.nextTask(annotator, project.id, [onScreen!.taskId]);
    const sent = submission(onScreen!.taskId);
    const next = { annotator, projectIdOrSlug: project.id, exclude: [ahead!.taskId] };
    const first = await context.services.labels.submit(annotator.id, sent, SYSTEM_ACTOR, next);
    const retry = await context.services.labels.submit(annotator.id, sent, SYSTEM_ACTOR, next);
    expect(first.duplicate).toBe(false);
    expect(first.next?.taskId).toEqual(expect.any(String));
    expect([onScreen!.taskId, ahead!.taskId]).not.toContain(first.next!.taskId);
    expect(retry).toMatchObject({ duplicate: true, label: { id: first.label.id } });
    expect(retry.next).toEqual(first.next);
    const [counts] = await context.dataSource.query(
      `SELECT (SELECT count(*)::int FROM labels WHERE annotator_id = $1) AS labels,
              (SELECT count(*)::int FROM tasks WHERE annotator_id = $1 AND status = 'leased') AS leases`,
      [annotator.id],
    );
    expect(counts).toEqual({ labels: 1, leases: 2 });
    // Once that lease has run out, a retry gets a task of its own again.
    await context.dataSource.query(`UPDATE tasks SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      first.next!.taskId,
    ]);
    const late = await context.services.labels.submit(annotator.id, sent, SYSTEM_ACTOR, next);
    expect(late.duplicate).toBe(true);
    expect(late.next?.taskId).toEqual(expect.any(String));
    expect(late.next!.taskId).not.toBe(first.next!.taskId);
  });
});
