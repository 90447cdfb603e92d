import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The task queue reads items of a project in (label_count DESC, id) order and stops at the first it can lock; an index in
 * exactly that order lets it stop early instead of sorting the project. Language and specialty are filtered on the way.
 */
export class QueueOrderIndex1763900005000 implements MigrationInterface {
  name = 'QueueOrderIndex1763900005000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS items_queue`);
    await db.query(`CREATE INDEX items_queue ON items (project_id, is_gold, label_count DESC, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS items_queue`);
    await db.query(
      `CREATE INDEX items_queue ON items (project_id, is_gold, language, specialty, label_count DESC, id)`,
    );
  }
}
