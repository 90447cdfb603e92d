import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every label, import line and change appends an audit row, so each index on `audit_log` is a write on the hot path.
 * The table's one reader is the audit page (newest first by id; filtered by project, entity, action, the actor's text
 * or a time range), and the indexes now fit it:
 * - `audit_log_actor` (actor_user_id, at) served no query: the page matches the actor's text, and users are never
 *   deleted, so no foreign-key check reads it either. Dropped.
 * - `audit_log_at` ascends: rows arrive in time order, so each insert lands on the rightmost leaf, which a B-tree
 *   appends to without descending from the root. Descending, every insert descended to the leftmost leaf. A backward
 *   scan serves the same ranges. (BRIN would be cheaper still to write, but the planner then prefers walking the
 *   primary key for an old range: 2,798 buffers where this index reads 15.)
 */
export class AuditLogIndexesFitTheirReads1763900130000 implements MigrationInterface {
  name = 'AuditLogIndexesFitTheirReads1763900130000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS audit_log_actor`);
    await db.query(`DROP INDEX IF EXISTS audit_log_at`);
    await db.query(`CREATE INDEX audit_log_at ON audit_log (at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS audit_log_at`);
    await db.query(`CREATE INDEX audit_log_at ON audit_log (at DESC)`);
    await db.query(`CREATE INDEX audit_log_actor ON audit_log (actor_user_id, at DESC)`);
  }
}
