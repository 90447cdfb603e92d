import type pg from 'pg';
import { defineSql } from '@clinrank/server-core';

/** The channel the users table's trigger announces account changes on (migration SessionUserChanges). */
export const SESSION_CHANGES_CHANNEL = 'clinrank_session_users';

const LISTEN_SESSION_CHANGES = defineSql('identity.listen-session-changes', `LISTEN ${SESSION_CHANGES_CHANNEL}`);

/** Subscribes a connection of its own to the account changes: each arrives as a notification with the account's id. */
export async function listenForSessionChanges(client: pg.Client): Promise<void> {
  await client.query(LISTEN_SESSION_CHANGES.text);
}

/** One round trip that PostgreSQL answers without starting a transaction (an empty query): the connection is alive. */
export async function pingConnection(client: pg.Client): Promise<void> {
  await client.query('');
}
