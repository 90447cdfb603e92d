import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Immutable dataset exports. A ready snapshot's files live in `directory`
 * (`<artifactDir>/datasets/<id>/`: train/validation/test.jsonl, manifest.json, README.md, optional *.parquet).
 */
export class DatasetSnapshots1763900002000 implements MigrationInterface {
  name = 'DatasetSnapshots1763900002000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE dataset_snapshots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid REFERENCES projects (id),
        name text,
        request jsonb NOT NULL,
        manifest jsonb NOT NULL,
        directory text NOT NULL,
        status text NOT NULL CHECK (status IN ('ready', 'failed')),
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX dataset_snapshots_project ON dataset_snapshots (project_id, created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS dataset_snapshots`);
  }
}
