import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uncertainty-first queue (issue 17). projects.queue_order 'uncertainty' makes the queue serve first the items a trained
 * reward model is least sure about; item_uncertainty holds each open item's latest score (one row per item, replaced by
 * every scoring), read by the queue in (project, score DESC, item) index order and joined to items by primary key.
 */
export class UncertaintyQueue1763900040000 implements MigrationInterface {
  name = 'UncertaintyQueue1763900040000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE projects ADD COLUMN queue_order text NOT NULL DEFAULT 'fixed' CHECK (queue_order IN ('fixed', 'uncertainty'))`,
    );
    await db.query(`
      CREATE TABLE item_uncertainty (
        item_id uuid PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        run_id uuid NOT NULL REFERENCES training_runs (id) ON DELETE CASCADE,
        -- Higher is less certain: the negated smallest reward gap between the item's responses.
        score double precision NOT NULL,
        reward_gap double precision NOT NULL,
        scored_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX item_uncertainty_queue ON item_uncertainty (project_id, score DESC, item_id)`);
    await db.query(`CREATE INDEX item_uncertainty_run ON item_uncertainty (run_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS item_uncertainty`);
    await db.query(`ALTER TABLE projects DROP COLUMN IF EXISTS queue_order`);
  }
}
