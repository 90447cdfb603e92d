import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registeredSql } from '@clinrank/server-core';
import { planNodes, type PlanNode } from '../../../../test-support/query-plan.js';
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

  it("reads the next task's project by id, by slug or as the task's own, one row by primary key in the kept plan", async () => {
    const { project, annotator, task } = await leasedTask('medium-next-ref');
    const { project: other } = await pairwiseProjectWithAnnotator(context, 'medium-next-ref-other');
    // A server's finished projects stay (locked): the statement must not read them on every label.
    await context.dataSource.query(
      `INSERT INTO projects
       SELECT (jsonb_populate_record(NULL::projects, to_jsonb(p) || jsonb_build_object(
                 'id', gen_random_uuid(), 'slug', 'medium-finished-' || g, 'locked', true))).*
         FROM projects p, generate_series(1, 300) g WHERE p.id = $1`,
      [project.id],
    );
    await context.dataSource.query('ANALYZE projects');
    const repository = new LabelRepository();
    const nextProject = (projectIdOrSlug: string | null) =>
      context.dataSource.transaction(async (manager) => {
        const row = await repository.lockTaskForSubmission(manager, task.taskId, randomUUID(), {
          annotatorId: annotator.id,
          projectIdOrSlug,
        });
        return row?.next_project?.id ?? null;
      });
    expect(await nextProject(null)).toBe(project.id);
    expect(await nextProject(other.id)).toBe(other.id);
    expect(await nextProject('medium-next-ref-other')).toBe(other.id);
    expect(await nextProject('medium-finished-7')).toBeNull();
    expect(await nextProject('medium-no-such-project')).toBeNull();
    expect(await nextProject(randomUUID())).toBeNull();

    // The plan a prepared statement keeps after its first runs is the generic one: forced here, as EXPLAIN EXECUTE.
    const statement = registeredSql().find((sql) => sql.name === 'label.lock-task-for-submission')!;
    const projectScans = await context.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL plan_cache_mode = force_generic_plan`);
      await manager.query(`PREPARE lock_for_submission AS ${statement.text}`);
      const scans: PlanNode[] = [];
      for (const [id, slug] of [
        [null, null],
        [other.id, null],
        [null, 'medium-next-ref-other'],
      ]) {
        // EXECUTE takes no bound parameters under EXPLAIN; these are ids and slugs made here.
        const values = [task.taskId, randomUUID(), annotator.id, id, slug].map((value) =>
          value === null ? 'NULL' : `'${value}'`,
        );
        const [row] = await manager.query(
          `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE lock_for_submission(${values.join(', ')})`,
        );
        scans.push(...planNodes(row['QUERY PLAN'][0].Plan).filter((node) => node['Relation Name'] === 'projects'));
      }
      await manager.query(`DEALLOCATE lock_for_submission`);
      return scans;
    });
    expect(projectScans.length).toBeGreaterThan(0);
    for (const scan of projectScans) expect(scan['Node Type']).not.toBe('Seq Scan');
  }, 120_000);
});
