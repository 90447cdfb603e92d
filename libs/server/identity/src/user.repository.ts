import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { defineSql, SessionUsers, type SessionUserRow } from '@clinrank/server-core';

const USERNAME_TAKEN = defineSql('identity.username-taken', `SELECT 1 FROM users WHERE lower(username) = lower($1)`);
const LOCK_ACTIVE_ADMINS = defineSql(
  'identity.lock-active-admins',
  `SELECT id FROM users WHERE role = 'admin' AND active AND kind = 'human' ORDER BY id FOR UPDATE`,
);
const REVOKE_TOKENS = defineSql(
  'identity.revoke-tokens',
  `UPDATE users SET token_version = token_version + 1 WHERE id = $1`,
);
const ID_BY_USERNAME = defineSql('identity.id-by-username', `SELECT id FROM users WHERE lower(username) = lower($1)`);
const INSERT_EXTERNAL = defineSql(
  'identity.insert-external-annotator',
  `
  INSERT INTO users (username, display_name, role, kind) VALUES ($1, $2, 'annotator', $3)
  ON CONFLICT (lower(username)) DO UPDATE SET updated_at = users.updated_at RETURNING id`,
);
const SESSION_USER = defineSql(
  'identity.session-user',
  `SELECT id, username, role, active, token_version, languages, specialties FROM users WHERE id = $1`,
);
const DEMO_USERNAMES = defineSql(
  'identity.demo-usernames',
  `SELECT username FROM users WHERE is_demo AND active ORDER BY created_at`,
);
const COUNT_USERS = defineSql('identity.count-users', `SELECT count(*)::int AS count FROM users`);

/** The users table's owner. */
@Injectable()
export class UserRepository extends SessionUsers {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /** Whether a user has this username, in any case. */
  async usernameTaken(manager: EntityManager, username: string): Promise<boolean> {
    return (await manager.query(USERNAME_TAKEN.text, [username])).length > 0;
  }

  /** Locks the active admins' rows in id order; returns their ids. */
  async lockActiveAdmins(manager: EntityManager): Promise<{ id: string }[]> {
    return manager.query(LOCK_ACTIVE_ADMINS.text);
  }

  /** Ends every session the user has: tokens carry the old version. */
  async revokeTokens(manager: EntityManager, id: string): Promise<void> {
    await manager.query(REVOKE_TOKENS.text, [id]);
  }

  async idByUsername(manager: EntityManager, username: string): Promise<string | null> {
    const [row]: { id: string }[] = await manager.query(ID_BY_USERNAME.text, [username]);
    return row?.id ?? null;
  }

  /** Inserts a non-login annotator, or returns the one a concurrent import just made. */
  async insertExternalAnnotator(
    manager: EntityManager,
    username: string,
    displayName: string,
    kind: 'external' | 'judge',
  ): Promise<string> {
    const [row]: { id: string }[] = await manager.query(INSERT_EXTERNAL.text, [username, displayName, kind]);
    return row.id;
  }

  async sessionUser(id: string): Promise<SessionUserRow | null> {
    const [row]: SessionUserRow[] = await this.dataSource.query(SESSION_USER.text, [id]);
    return row ?? null;
  }

  /** Active demo accounts, oldest first (the sign-in page lists them outside production). */
  async demoUsernames(): Promise<string[]> {
    const rows: { username: string }[] = await this.dataSource.query(DEMO_USERNAMES.text);
    return rows.map((row) => row.username);
  }

  async countUsers(): Promise<number> {
    const [row]: { count: number }[] = await this.dataSource.query(COUNT_USERS.text);
    return row.count;
  }
}
