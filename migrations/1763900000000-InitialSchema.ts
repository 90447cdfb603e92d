import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity, audit, projects, items, responses, assignments and labels. */
export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('annotator', 'lead', 'ml_engineer', 'admin')),
        kind text NOT NULL DEFAULT 'human' CHECK (kind IN ('human', 'external', 'judge')),
        password_hash text,
        languages text[] NOT NULL DEFAULT '{}',
        specialties text[] NOT NULL DEFAULT '{}',
        pseudonym text NOT NULL UNIQUE DEFAULT ('ann-' || substr(md5(gen_random_uuid()::text), 1, 12)),
        active boolean NOT NULL DEFAULT true,
        is_demo boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX users_username_key ON users (lower(username))`);

    await db.query(`
      CREATE TABLE login_attempts (
        id bigserial PRIMARY KEY,
        username text NOT NULL,
        ip text NOT NULL,
        succeeded boolean NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX login_attempts_recent ON login_attempts (lower(username), at DESC)`);

    await db.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor text NOT NULL,
        actor_user_id uuid REFERENCES users (id),
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        project_id uuid,
        before jsonb,
        after jsonb,
        details jsonb
      )`);
    await db.query(`CREATE INDEX audit_log_at ON audit_log (at DESC)`);
    await db.query(`CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id)`);
    await db.query(`CREATE INDEX audit_log_actor ON audit_log (actor_user_id, at DESC)`);
    await db.query(`CREATE INDEX audit_log_project ON audit_log (project_id, at DESC)`);
    await db.query(`
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await db.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);

    await db.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('pairwise', 'ranking', 'rating', 'validation')),
        criteria text[] NOT NULL,
        scale_min int NOT NULL DEFAULT 1,
        scale_max int NOT NULL DEFAULT 5,
        overlap int NOT NULL DEFAULT 3 CHECK (overlap BETWEEN 1 AND 50),
        gold_rate real NOT NULL DEFAULT 0 CHECK (gold_rate >= 0 AND gold_rate <= 1),
        lease_seconds int NOT NULL DEFAULT 1800 CHECK (lease_seconds BETWEEN 30 AND 604800),
        allow_ties boolean NOT NULL DEFAULT false,
        require_rationale boolean NOT NULL DEFAULT false,
        languages text[] NOT NULL DEFAULT '{}',
        specialties text[] NOT NULL DEFAULT '{}',
        guideline_version int NOT NULL DEFAULT 1,
        locked boolean NOT NULL DEFAULT false,
        settings jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (scale_max > scale_min)
      )`);

    await db.query(`
      CREATE TABLE guideline_versions (
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        version int NOT NULL,
        markdown text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, version)
      )`);

    await db.query(`
      CREATE TABLE items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        external_id text NOT NULL,
        language text NOT NULL,
        specialty text NOT NULL DEFAULT '',
        prompt text,
        messages jsonb,
        reference text,
        metadata jsonb NOT NULL DEFAULT '{}',
        is_gold boolean NOT NULL DEFAULT false,
        gold jsonb,
        content_hash text NOT NULL,
        label_count int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (project_id, external_id),
        CHECK ((prompt IS NULL) <> (messages IS NULL))
      )`);
    await db.query(
      `CREATE INDEX items_queue ON items (project_id, is_gold, language, specialty, label_count DESC, id)`,
    );

    await db.query(`
      CREATE TABLE responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL REFERENCES items (id) ON DELETE CASCADE,
        external_id text NOT NULL,
        position int NOT NULL,
        text text NOT NULL,
        source text NOT NULL DEFAULT 'model' CHECK (source IN ('model', 'human', 'synthetic')),
        model text,
        model_version text,
        generator text,
        UNIQUE (item_id, external_id)
      )`);

    await db.query(`
      CREATE TABLE assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        item_id uuid NOT NULL REFERENCES items (id) ON DELETE CASCADE,
        annotator_id uuid NOT NULL REFERENCES users (id),
        status text NOT NULL CHECK (status IN ('leased', 'submitted', 'skipped', 'released')),
        display_order uuid[] NOT NULL,
        leased_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        finished_at timestamptz,
        skip_reason text,
        UNIQUE (item_id, annotator_id)
      )`);
    await db.query(`CREATE INDEX assignments_live ON assignments (item_id) WHERE status = 'leased'`);
    await db.query(`CREATE INDEX assignments_annotator ON assignments (annotator_id, project_id, status)`);

    await db.query(`
      CREATE TABLE labels (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        item_id uuid NOT NULL REFERENCES items (id) ON DELETE CASCADE,
        annotator_id uuid NOT NULL REFERENCES users (id),
        assignment_id uuid REFERENCES assignments (id),
        submission_id uuid NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('pairwise', 'ranking', 'rating', 'validation')),
        content jsonb NOT NULL,
        flags text[] NOT NULL DEFAULT '{}',
        rationale text,
        rewrite text,
        time_spent_ms int NOT NULL DEFAULT 0 CHECK (time_spent_ms >= 0),
        display_order uuid[] NOT NULL DEFAULT '{}',
        guideline_version int NOT NULL,
        origin text NOT NULL DEFAULT 'ui' CHECK (origin IN ('ui', 'import')),
        pair_key text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (item_id, annotator_id, pair_key)
      )`);
    await db.query(`CREATE INDEX labels_project ON labels (project_id, created_at)`);
    await db.query(`CREATE INDEX labels_annotator ON labels (annotator_id, created_at)`);

    await db.query(`
      CREATE TABLE adjudications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        item_id uuid NOT NULL UNIQUE REFERENCES items (id) ON DELETE CASCADE,
        lead_id uuid NOT NULL REFERENCES users (id),
        content jsonb NOT NULL,
        rationale text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'adjudications',
      'labels',
      'assignments',
      'responses',
      'items',
      'guideline_versions',
      'projects',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await db.query(`DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log`);
    await db.query(`DROP TABLE IF EXISTS audit_log`);
    await db.query(`DROP FUNCTION IF EXISTS audit_log_is_append_only()`);
    await db.query(`DROP TABLE IF EXISTS login_attempts`);
    await db.query(`DROP TABLE IF EXISTS users`);
  }
}
