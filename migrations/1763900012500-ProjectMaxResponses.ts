import type { MigrationInterface, QueryRunner } from 'typeorm';

/** projects.max_responses: how many responses clinicians are asked to label in one item (a project setting). */
export class ProjectMaxResponses1763900012500 implements MigrationInterface {
  name = 'ProjectMaxResponses1763900012500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE projects ADD COLUMN max_responses int NOT NULL DEFAULT 20 CHECK (max_responses BETWEEN 2 AND 200)`,
    );
    await db.query(`UPDATE projects SET max_responses = 9 WHERE kind = 'ranking'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE projects DROP COLUMN IF EXISTS max_responses`);
  }
}
