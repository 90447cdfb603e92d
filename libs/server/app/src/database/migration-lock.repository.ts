import type { DataSource } from 'typeorm';
import { defineSql } from '@clinrank/server-core';

/** Any fixed 64-bit key: the advisory lock every clinrank process takes before it migrates. */
const MIGRATION_LOCK_KEY = '7263510001';
const LOCK = defineSql('app.migration-lock', `SELECT pg_advisory_lock($1::bigint)`);
const UNLOCK = defineSql('app.migration-unlock', `SELECT pg_advisory_unlock($1::bigint)`);

/**
 * Runs `work` while holding the migration lock on its own connection, so a server, its workers and a CLI started at
 * the same moment migrate one after the other (the second finds nothing left to apply) instead of racing on DDL.
 */
export async function withMigrationLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(LOCK.text, [MIGRATION_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await runner.query(UNLOCK.text, [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
