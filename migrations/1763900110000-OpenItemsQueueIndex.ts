import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The queue index holds only items that may still need a label: adaptive overlap closes an item below its maximum
 * (target_overlap at or under label_count), and such items sat at the head of the fullest-first order, where every
 * lease read each of them (389 buffers with 400 closed items). Items under fixed overlap have no target and stay in;
 * the statement's index condition below the largest target skips their finished ones.
 */
export class OpenItemsQueueIndex1763900110000 implements MigrationInterface {
  name = 'OpenItemsQueueIndex1763900110000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS items_queue`);
    await db.query(
      `CREATE INDEX items_queue ON items (project_id, is_gold, label_count DESC, id)
        WHERE target_overlap IS NULL OR label_count < target_overlap`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS items_queue`);
    await db.query(`CREATE INDEX items_queue ON items (project_id, is_gold, label_count DESC, id)`);
  }
}
