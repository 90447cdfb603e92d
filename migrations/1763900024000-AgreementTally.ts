import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incremental agreement (issue 16): a project's agreement kept as sufficient statistics (agreement_tallies), and the
 * label changes since they were last brought up to date (agreement_label_changes). Statement-level triggers on labels
 * record every insert, content edit and delete of a project that has a tally, with the label's content before the
 * change, in the writer's own transaction: every write path (submit, import, review, cascade deletes) is covered, and a
 * statement costs one extra INSERT … SELECT however many rows it writes.
 */
export class AgreementTally1763900024000 implements MigrationInterface {
  name = 'AgreementTally1763900024000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE agreement_tallies (
        project_id uuid PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
        -- NULL while the first build runs.
        state jsonb,
        version bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // No foreign keys: a project's cascade delete writes rows here for labels it removes (dropped with the project's tally).
    await db.query(`
      CREATE TABLE agreement_label_changes (
        id bigserial PRIMARY KEY,
        project_id uuid NOT NULL,
        item_id uuid NOT NULL,
        annotator_id uuid NOT NULL,
        pair_key text NOT NULL,
        -- The label's content before the change; NULL when the change inserted it.
        before jsonb
      )`);
    await db.query(`CREATE INDEX agreement_label_changes_project ON agreement_label_changes (project_id, id)`);
    await db.query(`
      CREATE FUNCTION agreement_note_inserted_labels() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO agreement_label_changes (project_id, item_id, annotator_id, pair_key, before)
        SELECT n.project_id, n.item_id, n.annotator_id, n.pair_key, NULL
          FROM inserted n WHERE EXISTS (SELECT 1 FROM agreement_tallies t WHERE t.project_id = n.project_id);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION agreement_note_updated_labels() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO agreement_label_changes (project_id, item_id, annotator_id, pair_key, before)
        SELECT c.project_id, c.item_id, c.annotator_id, c.pair_key, c.before
          FROM old_rows o JOIN new_rows n ON n.id = o.id
          CROSS JOIN LATERAL (VALUES (o.project_id, o.item_id, o.annotator_id, o.pair_key, o.content),
                                     (n.project_id, n.item_id, n.annotator_id, n.pair_key, NULL::jsonb))
                     AS c (project_id, item_id, annotator_id, pair_key, before)
         WHERE (o.content IS DISTINCT FROM n.content
                OR (o.project_id, o.item_id, o.annotator_id, o.pair_key) IS DISTINCT FROM (n.project_id, n.item_id, n.annotator_id, n.pair_key))
           -- The new key needs its own row only when the label moved.
           AND (c.before IS NOT NULL
                OR (o.project_id, o.item_id, o.annotator_id, o.pair_key) IS DISTINCT FROM (n.project_id, n.item_id, n.annotator_id, n.pair_key))
           AND EXISTS (SELECT 1 FROM agreement_tallies t WHERE t.project_id = c.project_id);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION agreement_note_deleted_labels() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO agreement_label_changes (project_id, item_id, annotator_id, pair_key, before)
        SELECT o.project_id, o.item_id, o.annotator_id, o.pair_key, o.content
          FROM old_rows o WHERE EXISTS (SELECT 1 FROM agreement_tallies t WHERE t.project_id = o.project_id);
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER labels_agreement_inserted AFTER INSERT ON labels REFERENCING NEW TABLE AS inserted
      FOR EACH STATEMENT EXECUTE FUNCTION agreement_note_inserted_labels()`);
    await db.query(`CREATE TRIGGER labels_agreement_updated AFTER UPDATE ON labels REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION agreement_note_updated_labels()`);
    await db.query(`CREATE TRIGGER labels_agreement_deleted AFTER DELETE ON labels REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION agreement_note_deleted_labels()`);
    // A deleted project's tally goes with it; so do the changes its cascade recorded.
    await db.query(`
      CREATE FUNCTION agreement_forget_project() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM agreement_label_changes c USING old_rows o WHERE c.project_id = o.project_id;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER agreement_tallies_forget AFTER DELETE ON agreement_tallies REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION agreement_forget_project()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS agreement_tallies_forget ON agreement_tallies`);
    await db.query(`DROP TRIGGER IF EXISTS labels_agreement_deleted ON labels`);
    await db.query(`DROP TRIGGER IF EXISTS labels_agreement_updated ON labels`);
    await db.query(`DROP TRIGGER IF EXISTS labels_agreement_inserted ON labels`);
    await db.query(`DROP FUNCTION IF EXISTS agreement_forget_project()`);
    await db.query(`DROP FUNCTION IF EXISTS agreement_note_deleted_labels()`);
    await db.query(`DROP FUNCTION IF EXISTS agreement_note_updated_labels()`);
    await db.query(`DROP FUNCTION IF EXISTS agreement_note_inserted_labels()`);
    await db.query(`DROP TABLE IF EXISTS agreement_label_changes`);
    await db.query(`DROP TABLE IF EXISTS agreement_tallies`);
  }
}
