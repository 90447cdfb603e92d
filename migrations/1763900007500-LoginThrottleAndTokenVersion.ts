import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in throttling counted atomically per IP and per account (one row per key, updated in one statement), and a
 * per-user token version that a password reset, a deactivation or a role change bumps to revoke existing tokens.
 */
export class LoginThrottleAndTokenVersion1763900007500 implements MigrationInterface {
  name = 'LoginThrottleAndTokenVersion1763900007500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE login_throttle (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        window_started timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN IF EXISTS token_version`);
    await db.query(`DROP TABLE IF EXISTS login_throttle`);
  }
}
