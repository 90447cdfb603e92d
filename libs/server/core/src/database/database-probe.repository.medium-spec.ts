import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import {
  createTestDatabase,
  stopEmbeddedServer,
  type TestDatabase,
} from '../../../../../test-support/test-database.js';
import { DatabaseProbeRepository } from './database-probe.repository.js';

describe('DatabaseProbeRepository (real PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({ type: 'postgres', url: database.url, entities: [], poolSize: 1 });
    await dataSource.initialize();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await dataSource?.destroy();
    await database?.drop();
    await stopEmbeddedServer();
  });

  it("reads the server's connection limit through a DataSource and through a pg client alike", async () => {
    const { rows } = await client.query(
      "SELECT current_setting('max_connections') AS max, current_setting('superuser_reserved_connections') AS reserved",
    );
    const expected = { maxConnections: Number(rows[0].max), reserved: Number(rows[0].reserved) };
    expect(expected.maxConnections).toBeGreaterThan(expected.reserved);
    await expect(new DatabaseProbeRepository(dataSource).connectionLimit()).resolves.toEqual(expected);
    await expect(new DatabaseProbeRepository(client).connectionLimit()).resolves.toEqual(expected);
  });
});
