import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createTestDatabase,
  stopEmbeddedServer,
  type TestDatabase,
} from '../../../../../test-support/test-database.js';
import { connectAndMigrate, createDataSource } from './data-source.js';

// A server, its API workers and a CLI can start at the same moment on a fresh database. Without the lock, two
// migrators race on the same DDL ("duplicate key value violates unique constraint pg_type_typname_nsp_index").
describe('migrating from several processes at once', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  }, 60_000);

  afterAll(async () => {
    await database?.drop();
    await stopEmbeddedServer();
  });

  it('applies every migration exactly once while four migrators start together', async () => {
    const migrators = Array.from({ length: 4 }, (_, index) =>
      createDataSource(database.url, { poolSize: 2, applicationName: `migrator-${index}` }),
    );
    try {
      const applied = await Promise.all(migrators.map((dataSource) => connectAndMigrate(dataSource)));
      const everyName = applied.flat();
      expect(everyName.length).toBeGreaterThan(0);
      expect(new Set(everyName).size).toBe(everyName.length);
      const [{ count }] = await migrators[0].query(`SELECT count(*)::int AS count FROM schema_migrations`);
      expect(count).toBe(everyName.length);
    } finally {
      await Promise.all(migrators.map((dataSource) => (dataSource.isInitialized ? dataSource.destroy() : undefined)));
    }
  }, 120_000);
});
