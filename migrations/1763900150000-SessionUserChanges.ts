import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every request's guard checks the account behind its token (active, role, token version, languages), and each API
 * process keeps an accepted account for a while so that a clinician's requests do not each read `users`. A change to
 * an account must reach every process: the CLI's, another API worker's, or one made in psql. This trigger announces
 * each change on the channel `clinrank_session_users` (the account's id as the payload); PostgreSQL delivers it when
 * the change commits, to every connection listening (SessionChangeFeed in each API process), which drops the account
 * from its cache.
 */
export class SessionUserChanges1763900150000 implements MigrationInterface {
  name = 'SessionUserChanges1763900150000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION users_announce_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('clinrank_session_users', OLD.id::text);
        RETURN NULL;
      END $$`);
    // The columns a session row holds (identity.session-user); a login's bookkeeping does not announce anything.
    await db.query(`CREATE TRIGGER users_session_changed
      AFTER UPDATE OF username, role, active, token_version, languages, specialties OR DELETE ON users
      FOR EACH ROW EXECUTE FUNCTION users_announce_session_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS users_session_changed ON users`);
    await db.query(`DROP FUNCTION IF EXISTS users_announce_session_change()`);
  }
}
