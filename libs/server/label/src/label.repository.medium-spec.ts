import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  pairwiseProjectWithAnnotator,
  startMediumContext,
  SYSTEM_ACTOR,
  type MediumContext,
} from '../../../../test-support/medium-services.js';
import { LabelRepository } from './label.repository.js';

const CONTENT = {
  judgements: {
    accuracy: { choice: 'a', strength: null },
    helpfulness: { choice: 'a', strength: null },
    safety: { choice: 'a', strength: null },
    overall: { choice: 'a', strength: null },
  },
};

describe('LabelRepository (real PostgreSQL)', () => {
  let context: MediumContext;
  beforeAll(async () => {
    context = await startMediumContext();
  }, 120_000);
  afterAll(async () => {
    await context?.close();
  });

  async function leasedTask(slug: string) {
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, slug);
    const task = await context.services.tasks.nextTask(annotator, project.id);
    if (!task) throw new Error('no task was leased');
    return { project, annotator, task };
  }

  async function rowsFor(taskId: string, itemExternalId: string) {
    const labels = await context.dataSource.query(
      `SELECT id, submission_id, origin, pair_key FROM labels WHERE task_id = $1`,
      [taskId],
    );
    const [task] = await context.dataSource.query(`SELECT status, finished_at FROM tasks WHERE id = $1`, [taskId]);
    const [item] = await context.dataSource.query(`SELECT label_count FROM items WHERE external_id = $1`, [
      itemExternalId,
    ]);
    const audit = await context.dataSource.query(
      `SELECT actor, actor_user_id, action, entity_type, entity_id, project_id, after, details FROM audit_log WHERE action = 'label.create' AND entity_id = ANY($1)`,
      [labels.map((label: { id: string }) => label.id)],
    );
    return { labels, task, item, audit };
  }

  it('writes the label, the task status, the item count and the audit row in one statement', async () => {
    const { project, annotator, task } = await leasedTask('medium-submit');
    const repository = new LabelRepository();
    const submissionId = randomUUID();
    const [lease] = await context.dataSource.query(`SELECT item_id, display_order FROM tasks WHERE id = $1`, [
      task.taskId,
    ]);
    const row = await context.dataSource.transaction((manager) =>
      repository.insertSubmittedWithAudit(
        manager,
        {
          projectId: project.id,
          itemId: lease.item_id,
          annotatorId: annotator.id,
          taskId: task.taskId,
          submissionId,
          kind: 'pairwise',
          content: JSON.stringify(CONTENT),
          flags: [],
          rationale: null,
          rewrite: null,
          timeSpentMs: 1200,
          displayOrder: lease.display_order,
          guidelineVersion: 1,
          pairKey: [...lease.display_order].sort().join('|'),
          uiDirection: 'rtl',
        },
        {
          actor: 'user:medium',
          actorUserId: annotator.id,
          after: JSON.stringify({ content: CONTENT }),
          details: JSON.stringify({ taskId: task.taskId, submissionId }),
        },
      ),
    );
    expect(row).toMatchObject({
      submission_id: submissionId,
      project_id: project.id,
      annotator_id: annotator.id,
      origin: 'ui',
      ui_direction: 'rtl',
      time_spent_ms: 1200,
    });
    const { labels, task: stored, item, audit } = await rowsFor(task.taskId, 'medium-submit-0');
    expect(labels).toHaveLength(1);
    expect(stored.status).toBe('submitted');
    expect(stored.finished_at).not.toBeNull();
    expect(item.label_count).toBe(1);
    expect(audit).toEqual([
      {
        actor: 'user:medium',
        actor_user_id: annotator.id,
        action: 'label.create',
        entity_type: 'label',
        entity_id: row.id,
        project_id: project.id,
        after: { content: CONTENT },
        details: { taskId: task.taskId, submissionId },
      },
    ]);
  });

  it('is idempotent on submissionId through the service: a retry returns the stored label and writes nothing more', async () => {
    const { annotator, task } = await leasedTask('medium-retry');
    const submission = {
      taskId: task.taskId,
      submissionId: randomUUID(),
      content: CONTENT,
      flags: [],
      timeSpentMs: 900,
    };
    const first = await context.services.labels.submit(annotator.id, submission, SYSTEM_ACTOR);
    const retry = await context.services.labels.submit(annotator.id, submission, SYSTEM_ACTOR);
    expect(first.duplicate).toBe(false);
    expect(retry.duplicate).toBe(true);
    expect(retry.label.id).toBe(first.label.id);
    const { labels, task: stored, item, audit } = await rowsFor(task.taskId, 'medium-retry-0');
    expect(labels).toHaveLength(1);
    expect(stored.status).toBe('submitted');
    expect(item.label_count).toBe(1);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'system:medium-test',
      entity_id: first.label.id,
      details: { taskId: task.taskId, submissionId: submission.submissionId },
    });
  });

  it('finds a label by submission id, and locks the task with its project and any label already under that id', async () => {
    const { project, annotator, task } = await leasedTask('medium-lock');
    const repository = new LabelRepository();
    const submissionId = randomUUID();
    const before = await context.dataSource.transaction((manager) =>
      repository.lockTaskForSubmission(manager, task.taskId, submissionId),
    );
    expect(before).toMatchObject({
      id: task.taskId,
      status: 'leased',
      annotator_id: annotator.id,
      expired: false,
      existing: null,
      project: { id: project.id, slug: 'medium-lock' },
    });
    await context.services.labels.submit(
      annotator.id,
      { taskId: task.taskId, submissionId, content: CONTENT, flags: [], timeSpentMs: 1 },
      SYSTEM_ACTOR,
    );
    const after = await context.dataSource.transaction((manager) =>
      repository.lockTaskForSubmission(manager, task.taskId, submissionId),
    );
    expect(after).toMatchObject({
      status: 'submitted',
      existing: { submission_id: submissionId, annotator_id: annotator.id },
    });
    expect(await repository.findBySubmissionId(context.dataSource.manager, submissionId)).toMatchObject({
      submission_id: submissionId,
    });
    expect(await repository.findBySubmissionId(context.dataSource.manager, randomUUID())).toBeNull();
    expect(
      await context.dataSource.transaction((manager) =>
        repository.lockTaskForSubmission(manager, randomUUID(), submissionId),
      ),
    ).toBeNull();
  });
});
