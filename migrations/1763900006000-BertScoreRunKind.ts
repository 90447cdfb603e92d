import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Training runs of kind `bertscore` (BERTScore of a campaign's answers against references on a worker node). */
export class BertScoreRunKind1763900006000 implements MigrationInterface {
  name = 'BertScoreRunKind1763900006000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE training_runs DROP CONSTRAINT IF EXISTS training_runs_kind_check`);
    await db.query(
      `ALTER TABLE training_runs ADD CONSTRAINT training_runs_kind_check CHECK (kind IN ('reward_model', 'ppo', 'evaluate_reward_model', 'bertscore'))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE training_runs DROP CONSTRAINT IF EXISTS training_runs_kind_check`);
    // NOT VALID: existing bertscore rows (and their metrics/artifacts) are kept rather than deleted by a rollback.
    await db.query(
      `ALTER TABLE training_runs ADD CONSTRAINT training_runs_kind_check CHECK (kind IN ('reward_model', 'ppo', 'evaluate_reward_model')) NOT VALID`,
    );
  }
}
