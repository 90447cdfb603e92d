import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  englishAnnotator,
  pairwiseProjectWithAnnotator,
  startMediumContext,
  SYSTEM_ACTOR,
  type MediumContext,
} from '../../../../test-support/medium-services.js';
import { TaskRepository } from './task.repository.js';
import { UncertaintyRepository } from './uncertainty.repository.js';
import { UncertaintyService } from './uncertainty.service.js';

describe('uncertainty-first queue (real PostgreSQL)', () => {
  let context: MediumContext;
  let repository: TaskRepository;
  beforeAll(async () => {
    context = await startMediumContext();
    repository = new TaskRepository(context.dataSource);
  }, 120_000);
  afterAll(async () => {
    await context?.close();
  });

  /** The project's items in the fixed queue order (all unlabelled: by id), with their prompts. */
  async function itemsOf(projectId: string): Promise<{ id: string; prompt: string }[]> {
    return context.dataSource.query(`SELECT id, prompt FROM items WHERE project_id = $1 ORDER BY id`, [projectId]);
  }

  /** Stores scores as a succeeded reward-model run of the project would (the worker's statement is tested elsewhere). */
  async function score(projectId: string, scores: [string, number][]): Promise<void> {
    const [run] = await context.dataSource.query(
      `INSERT INTO training_runs (kind, status, config, project_id) VALUES ('reward_model', 'succeeded', '{}', $1) RETURNING id`,
      [projectId],
    );
    for (const [itemId, value] of scores)
      await context.dataSource.query(
        `INSERT INTO item_uncertainty (item_id, project_id, run_id, score, reward_gap) VALUES ($1, $2, $3, $4, $5)`,
        [itemId, projectId, run.id, value, -value],
      );
  }

  async function candidates(projectId: string, order: 'fixed' | 'uncertainty', gold = false) {
    const annotator = { id: '00000000-0000-4000-8000-000000000000', languages: ['en'], specialties: [] };
    const served: string[] = [];
    for (;;) {
      const next = await context.dataSource.transaction((manager) =>
        repository.lockNextCandidate(manager, { projectId, gold, overlap: 1, annotator, excluded: served, order }),
      );
      if (!next) return served;
      served.push(next.id);
    }
  }

  it('serves the least certain items first, unscored ones after them in the fixed order; unchanged when off', async () => {
    const { project } = await pairwiseProjectWithAnnotator(context, 'medium-uncertain-order', 5);
    const items = (await itemsOf(project.id)).map((item) => item.id);
    await score(project.id, [
      [items[3], -0.01],
      [items[1], -0.5],
      [items[4], -2],
    ]);
    expect(await candidates(project.id, 'uncertainty')).toEqual([items[3], items[1], items[4], items[0], items[2]]);
    expect(await candidates(project.id, 'fixed')).toEqual(items);
  });

  it("follows the project's queueOrder in nextTask, audits the switch, and still serves gold items unscored", async () => {
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-uncertain-task', 4);
    const items = await itemsOf(project.id);
    await score(project.id, [[items[2].id, -0.001]]);
    const fixedFirst = await context.services.tasks.nextTask(annotator, project.slug);
    expect(fixedFirst!.prompt).toBe(items[0].prompt);

    const updated = await context.services.projects.update(project.id, { queueOrder: 'uncertainty' }, SYSTEM_ACTOR);
    expect(updated.queueOrder).toBe('uncertainty');
    const [audit] = await context.dataSource.query(
      `SELECT before->>'queueOrder' AS before, after->>'queueOrder' AS after FROM audit_log
        WHERE action = 'project.update' AND entity_id = $1 ORDER BY at DESC LIMIT 1`,
      [project.id],
    );
    expect(audit).toEqual({ before: 'fixed', after: 'uncertainty' });
    const second = await context.services.tasks.nextTask(
      await englishAnnotator(context, 'medium-uncertain-second'),
      project.slug,
    );
    expect(second!.prompt).toBe(items[2].prompt);

    // A gold item is never scored; with a gold rate of 1 it is still served first, ahead of the scored items.
    const gold = items[3];
    await context.dataSource.query(`UPDATE items SET is_gold = true WHERE id = $1`, [gold.id]);
    // Even a gold item that was scored before a lead made it gold: drawn as gold, never among the scored ones.
    await score(project.id, [[gold.id, 5]]);
    expect(await candidates(project.id, 'uncertainty')).not.toContain(gold.id);
    await context.services.projects.update(project.id, { goldRate: 1 }, SYSTEM_ACTOR);
    expect(await candidates(project.id, 'uncertainty', true)).toEqual([gold.id]);
    const goldTask = await context.services.tasks.nextTask(
      await englishAnnotator(context, 'medium-uncertain-gold'),
      project.slug,
    );
    expect(goldTask!.prompt).toBe(gold.prompt);
  });

  it('refuses an unknown queue order, naming the field', async () => {
    const { project } = await pairwiseProjectWithAnnotator(context, 'medium-uncertain-bad', 1);
    await expect(
      context.services.projects.update(project.id, { queueOrder: 'random' as 'fixed' }, SYSTEM_ACTOR),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'queueOrder' });
  });

  it("summarises the scores as a histogram of the project's open items", async () => {
    const { project } = await pairwiseProjectWithAnnotator(context, 'medium-uncertain-histogram', 6);
    const service = new UncertaintyService(new UncertaintyRepository(context.dataSource), context.services.projects);
    expect(await service.distribution(project.slug, 4)).toMatchObject({
      scored: 0,
      unscored: 6,
      bins: [],
      runId: null,
    });
    const items = (await itemsOf(project.id)).map((item) => item.id);
    await score(project.id, [
      [items[0], -4],
      [items[1], -3.5],
      [items[2], -1],
      [items[3], 0],
    ]);
    const distribution = await service.distribution(project.id, 4);
    expect(distribution).toMatchObject({ scored: 4, unscored: 2, minScore: -4, maxScore: 0, queueOrder: 'fixed' });
    expect(distribution.runId).toEqual(expect.any(String));
    expect(distribution.bins).toEqual([
      { lower: -4, upper: -3, count: 2 },
      { lower: -3, upper: -2, count: 0 },
      { lower: -2, upper: -1, count: 0 },
      { lower: -1, upper: 0, count: 2 },
    ]);
    await expect(service.distribution(project.id, 0)).rejects.toMatchObject({ field: 'bins' });
  });
});
