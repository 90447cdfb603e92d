import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { featureEntities } from '@clinrank/server-core';
import type { DataSource } from 'typeorm';
import {
  createTestDatabase,
  stopEmbeddedServer,
  type TestDatabase,
} from '../../../../../test-support/test-database.js';
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
