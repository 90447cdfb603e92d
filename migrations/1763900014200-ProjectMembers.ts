import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Project membership: a lead adds (`member`) or removes (`removed`) clinicians from a project and may cap how many
 * labels each gives (quota). Without rows a project takes everyone its routing matches; `settings.membersOnly` limits
 * it to members.
 */
export class ProjectMembers1763900014200 implements MigrationInterface {
  name = 'ProjectMembers1763900014200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE project_members (
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('member', 'removed')),
        quota int CHECK (quota IS NULL OR quota >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, user_id)
      )`);
    await db.query(`CREATE INDEX project_members_user ON project_members (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE project_members`);
  }
}
