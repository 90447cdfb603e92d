import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The next-item search passes over the annotator's own items with one hash of their tasks in the project (`i.id NOT
 * IN (SELECT a.item_id FROM tasks a WHERE a.annotator_id = … AND a.project_id = …)`), built on every search. The hash
 * needs each task's item, which `tasks_annotator` did not hold, so every build read each of the annotator's tasks from
 * the heap: with 2,000 finished tasks among 40 colleagues' in one project, about 1,500 buffers per search, four times
 * what a whole label cost, and growing with every label the annotator gave.
 *
 * - `tasks_annotator` now carries `item_id` (INCLUDE: not a key, so the index's order and its uses are unchanged), so
 *   the hash is an index-only scan: about 24 buffers for those 2,000 tasks.
 * - An index-only scan reads the heap for every page the visibility map does not mark all-visible, that is, every
 *   page written since the table's last vacuum. By default autovacuum visits `tasks` after a fifth of its rows are
 *   new or changed; on a table of a million tasks that left 200,000 recent ones, and a busy annotator's share of them,
 *   read from the heap. A fiftieth keeps that share small. A vacuum of `tasks` skips the all-visible pages, so
 *   visiting more often costs little.
 */
export class OwnTasksReadFromIndex1763900140000 implements MigrationInterface {
  name = 'OwnTasksReadFromIndex1763900140000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS tasks_annotator`);
    await db.query(`CREATE INDEX tasks_annotator ON tasks (annotator_id, project_id, status) INCLUDE (item_id)`);
    await db.query(
      `ALTER TABLE tasks SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tasks RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_insert_scale_factor)`);
    await db.query(`DROP INDEX IF EXISTS tasks_annotator`);
    await db.query(`CREATE INDEX tasks_annotator ON tasks (annotator_id, project_id, status)`);
  }
}
