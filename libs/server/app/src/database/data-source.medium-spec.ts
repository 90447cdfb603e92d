import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { featureEntities, isDatabaseUnavailable } from '@clinrank/server-core';
import type { DataSource } from 'typeorm';
import {
  createTestDatabase,
  stopEmbeddedServer,
  type TestDatabase,
} from '../../../../../test-support/test-database.js';
import { startSilentServer } from '../../../../../test-support/silent-server.js';
import { FEATURE_MODULES } from '../feature-modules.js';
import { connectAndMigrate, createDataSource } from './data-source.js';

// No list of entities is kept by hand: each feature module declares its own with DatabaseModule.forFeature, and the
// data source that the API, the CLI, the seed and the migrator all build maps their union. These tests pin that the
// union is the whole schema: every table the migrations create has exactly one entity, and every mapped column exists.

describe('the data source built from the feature modules', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let tables: Map<string, Set<string>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createDataSource(database.url, { poolSize: 2, applicationName: 'entities-medium-test' });
    await connectAndMigrate(dataSource);
    const rows: { table: string; column: string }[] = await dataSource.query(
      `SELECT c.table_name AS table, c.column_name AS column
         FROM information_schema.columns c
         JOIN pg_tables t ON t.schemaname = c.table_schema AND t.tablename = c.table_name
        WHERE c.table_schema = 'public' AND c.table_name <> 'schema_migrations'`,
    );
    tables = new Map();
    for (const { table, column } of rows) tables.set(table, (tables.get(table) ?? new Set()).add(column));
  }, 120_000);

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
    await stopEmbeddedServer();
  });

  it('maps exactly the entities the feature modules declared', () => {
    const declared = featureEntities(FEATURE_MODULES);
    expect(declared.length).toBeGreaterThan(0);
    const mapped = dataSource.entityMetadatas.map((metadata) => metadata.target);
    expect(mapped).toHaveLength(declared.length);
    expect(new Set(mapped)).toEqual(new Set(declared));
  });

  it('has one entity per table the migrations create, and no entity without its table', () => {
    const mapped = dataSource.entityMetadatas.map((metadata) => metadata.tableName);
    expect(new Set(mapped).size).toBe(mapped.length);
    expect([...mapped].sort()).toEqual([...tables.keys()].sort());
  });

  it('maps only columns that exist in each table', () => {
    const missing = dataSource.entityMetadatas.flatMap((metadata) =>
      metadata.columns
        .map((column) => column.databaseName)
        .filter((column) => !tables.get(metadata.tableName)?.has(column))
        .map((column) => `${metadata.tableName}.${column}`),
    );
    expect(missing).toEqual([]);
  });

  it('loads every table through its entity', async () => {
    for (const metadata of dataSource.entityMetadatas) {
      await expect(dataSource.getRepository(metadata.target).find({ take: 1 })).resolves.toBeInstanceOf(Array);
    }
  });
});

describe("the data source's connection wait", () => {
  /** Rejects with what `promise` threw, and how long that took. */
  async function failure(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
    const started = Date.now();
    const error = await promise.then(
      () => new Error('it succeeded'),
      (thrown: unknown) => thrown,
    );
    return { error, ms: Date.now() - started };
  }

  it('gives up on a server that accepts the connection and never answers, as unavailable', async () => {
    const silent = await startSilentServer();
    const stalled = createDataSource(silent.url, { connectTimeoutMs: 300 });
    try {
      const { error, ms } = await failure(stalled.initialize());
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(ms).toBeLessThan(3_000);
    } finally {
      await silent.close();
    }
  });

  it('fails a query that waits too long for a free connection from a full pool, as unavailable', async () => {
    const database = await createTestDatabase();
    const dataSource = createDataSource(database.url, { poolSize: 1, connectTimeoutMs: 300 });
    await dataSource.initialize();
    const holder = dataSource.createQueryRunner();
    try {
      await holder.connect();
      await holder.startTransaction();
      const { error, ms } = await failure(dataSource.query('SELECT 1'));
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(ms).toBeGreaterThanOrEqual(250);
      expect(ms).toBeLessThan(3_000);
      await holder.rollbackTransaction();
      await holder.release();
      await expect(dataSource.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    } finally {
      if (!holder.isReleased) await holder.release();
      await dataSource.destroy();
      await database.drop();
    }
  });
});
