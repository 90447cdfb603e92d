import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Cached agreement analytics per (project, query), valid while the project's label stamp is unchanged. */
export class AgreementCache1763900001000 implements MigrationInterface {
  name = 'AgreementCache1763900001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE agreement_cache (
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        cache_key text NOT NULL,
        stamp text NOT NULL,
        result jsonb NOT NULL,
        compute_ms int NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, cache_key)
      )`);
    // Lets the version stamp (count and newest updated_at of a project's labels) come from an index-only scan.
    await db.query(`CREATE INDEX labels_project_updated ON labels (project_id, updated_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS labels_project_updated`);
    await db.query(`DROP TABLE IF EXISTS agreement_cache`);
  }
}
