import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registeredSql } from '@clinrank/server-core';
import { ALL_MIGRATIONS } from '../../../../migrations/index.js';
import {
  englishAnnotator,
  pairwiseProjectWithAnnotator,
  startMediumContext,
  type MediumContext,
} from '../../../../test-support/medium-services.js';
import { explainAnalyzed, planBuffers, planNodes } from '../../../../test-support/query-plan.js';

const HISTORY = 2000;
const COLLEAGUES = 40;

/**
 * Every next-item search hashes the annotator's own tasks in the project, so their history in it is read on every
 * label. Migration OwnTasksReadFromIndex lets that read come from `tasks_annotator` alone.
 */
describe("the next-item search and the annotator's history (real PostgreSQL)", () => {
  let context: MediumContext;
  let project: { id: string };
  let annotator: { id: string; languages: string[]; specialties: string[] };
  beforeAll(async () => {
    context = await startMediumContext();
    ({ project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-history', HISTORY + 100, 3));
    const colleagues = [];
    for (let index = 0; index < COLLEAGUES; index += 1)
      colleagues.push(await englishAnnotator(context, `medium-history-colleague-${index}`));
    // The annotator's finished tasks, each among 40 colleagues' as they land on a busy table: about one per heap page.
    await context.dataSource.query(
      `INSERT INTO tasks (project_id, item_id, annotator_id, status, display_order, expires_at, finished_at)
       SELECT $1, i.id, u.id, 'submitted', '{}', now(), now()
         FROM (SELECT id FROM items WHERE project_id = $1 ORDER BY id LIMIT $3) i
        CROSS JOIN unnest($2::uuid[]) u(id)
        ORDER BY i.id, u.id`,
      [project.id, [annotator.id, ...colleagues.map((colleague) => colleague.id)], HISTORY],
    );
    await context.dataSource.query(
      `UPDATE items SET label_count = 3 WHERE id IN (SELECT DISTINCT item_id FROM tasks WHERE annotator_id = $1)`,
      [annotator.id],
    );
    // As autovacuum leaves a table between its visits: the visibility map set, the statistics fresh.
    for (const table of ['items', 'tasks']) await context.dataSource.query(`VACUUM (ANALYZE) ${table}`);
  }, 180_000);
  afterAll(async () => {
    await context?.close();
  });

  const search = registeredSql().find((sql) => sql.name === 'task.lock-next-candidate')!;
  const parameters = () => [project.id, false, 3, ['en'], [], annotator.id, []];

  it("hashes the annotator's 2,000 tasks from the index, reading a few dozen buffers", async () => {
    const [candidate] = await context.dataSource.query(search.text, parameters());
    const [{ label_count: labelCount, mine }] = await context.dataSource.query(
      `SELECT label_count, EXISTS (SELECT 1 FROM tasks WHERE item_id = $1 AND annotator_id = $2) AS mine
         FROM items WHERE id = $1`,
      [candidate.id, annotator.id],
    );
    expect({ labelCount, mine }).toEqual({ labelCount: 0, mine: false });

    const plan = await explainAnalyzed(context.dataSource, search.text, parameters());
    const own = planNodes(plan).find((node) => node['Index Name'] === 'tasks_annotator')!;
    expect(own).toMatchObject({ 'Node Type': 'Index Only Scan', 'Heap Fetches': 0, 'Actual Rows': HISTORY });
    // About 1,500 when each task's item was read from the heap.
    expect(planBuffers(plan)).toBeLessThan(100);
  });

  it('visits tasks for autovacuum more often, and its down step restores the index and the defaults', async () => {
    const definition = async () => {
      const [row] = await context.dataSource.query(
        `SELECT pg_get_indexdef('tasks_annotator'::regclass) AS index,
                (SELECT reloptions FROM pg_class WHERE relname = 'tasks') AS options`,
      );
      return row as { index: string; options: string[] | null };
    };
    const fitted = await definition();
    expect(fitted.index).toContain('(annotator_id, project_id, status) INCLUDE (item_id)');
    expect(fitted.options).toEqual(
      expect.arrayContaining(['autovacuum_vacuum_scale_factor=0.02', 'autovacuum_vacuum_insert_scale_factor=0.02']),
    );

    const Migration = ALL_MIGRATIONS.find((candidate) => candidate.name === 'OwnTasksReadFromIndex1763900140000')!;
    const runner = context.dataSource.createQueryRunner();
    try {
      await new Migration().down(runner);
      const restored = await definition();
      expect(restored.index).toMatch(/\(annotator_id, project_id, status\)$/);
      expect(restored.options).toBeNull();
      // The heap read per task that the index saves.
      await context.dataSource.query(`ANALYZE tasks`);
      const plan = await explainAnalyzed(context.dataSource, search.text, parameters());
      expect(planBuffers(plan)).toBeGreaterThan(HISTORY / 2);
      await new Migration().up(runner);
    } finally {
      await runner.release();
    }
    expect(await definition()).toEqual(fitted);
  });
});
