import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adaptive overlap. projects.overlap_max and overlap_confidence (both null: fixed overlap) make `overlap` the minimum
 * of annotators per item; items.target_overlap (null: the project's overlap) is how many the queue gives the item now,
 * raised one at a time up to overlap_max while the item's posterior stays below overlap_confidence.
 */
export class AdaptiveOverlap1763900025000 implements MigrationInterface {
  name = 'AdaptiveOverlap1763900025000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE projects ADD COLUMN overlap_max int, ADD COLUMN overlap_confidence double precision`);
    await db.query(
      `ALTER TABLE projects ADD CONSTRAINT projects_adaptive_overlap_check CHECK (
         (overlap_max IS NULL AND overlap_confidence IS NULL)
         OR (overlap_max BETWEEN overlap AND 50 AND overlap_confidence > 0 AND overlap_confidence < 1))`,
    );
    await db.query(
      `ALTER TABLE items ADD COLUMN target_overlap int CHECK (target_overlap IS NULL OR target_overlap BETWEEN 1 AND 50)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE items DROP COLUMN IF EXISTS target_overlap`);
    await db.query(`ALTER TABLE projects DROP CONSTRAINT IF EXISTS projects_adaptive_overlap_check`);
    await db.query(`ALTER TABLE projects DROP COLUMN IF EXISTS overlap_confidence, DROP COLUMN IF EXISTS overlap_max`);
  }
}
