import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Pool, PoolClient } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import {
  createTestDatabase,
  stopEmbeddedServer,
  type TestDatabase,
} from '../../../../../test-support/test-database.js';
import { defineSql, runNamed } from './named-sql.js';
import { pipelinedTransaction } from './pipelined-transaction.js';

const INSERT = defineSql('spec.pipelined-insert', 'INSERT INTO notes (id, body) VALUES ($1, $2) RETURNING id');
const FRESH = defineSql('spec.pipelined-fresh', "INSERT INTO notes (id, body) VALUES ($1, $2 || '!') RETURNING id");

describe('pipelinedTransaction (real PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  /** Round trips on the one pooled connection: PostgreSQL ends each with one ReadyForQuery. */
  let roundTrips = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    // One connection, so every test also shows that the transaction leaves it clean for the next user.
    dataSource = new DataSource({ type: 'postgres', url: database.url, entities: [], poolSize: 1 });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)');
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    const counted = new WeakSet<PoolClient>();
    pool.on('acquire', (client: PoolClient) => {
      if (counted.has(client)) return;
      counted.add(client);
      (client as unknown as { connection: NodeJS.EventEmitter }).connection.on('readyForQuery', () => {
        roundTrips += 1;
      });
    });
    // Prepare INSERT on the connection, as a hot path's statements are after its first use.
    await runNamed(dataSource, INSERT, [0, 'prepared']);
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
    await stopEmbeddedServer();
  });

  beforeEach(async () => {
    await dataSource.query('DELETE FROM notes WHERE id > 0');
  });

  const bodies = async () =>
    ((await dataSource.query('SELECT body FROM notes WHERE id > 0 ORDER BY id')) as { body: string }[]).map(
      (row) => row.body,
    );

  async function counting<T>(work: () => Promise<T>): Promise<{ result?: T; error?: unknown; trips: number }> {
    roundTrips = 0;
    try {
      return { result: await work(), trips: roundTrips };
    } catch (error) {
      return { error, trips: roundTrips };
    }
  }

  it('sends BEGIN with a prepared first statement: two statements and COMMIT are three round trips', async () => {
    const outcome = await counting(() =>
      pipelinedTransaction(dataSource, async (manager) => {
        const [first] = await runNamed(manager, INSERT, [1, 'one']);
        const [second] = await runNamed(manager, INSERT, [2, 'two']);
        return [first.id, second.id];
      }),
    );
    expect(outcome).toEqual({ result: [1, 2], trips: 3 });
    expect(await bodies()).toEqual(['one', 'two']);
  });

  it('runs the first statement inside the transaction: a later failure takes it back', async () => {
    const outcome = await counting(() =>
      pipelinedTransaction(dataSource, async (manager) => {
        await runNamed(manager, INSERT, [1, 'one']);
        throw new Error('the service refused');
      }),
    );
    expect((outcome.error as Error).message).toBe('the service refused');
    expect(outcome.trips).toBe(2); // BEGIN + INSERT, then ROLLBACK
    expect(await bodies()).toEqual([]);
  });

  it('reports a failing first statement as TypeORM does and leaves the connection usable', async () => {
    await dataSource.query("INSERT INTO notes VALUES (1, 'taken')");
    const outcome = await counting(() =>
      pipelinedTransaction(dataSource, async (manager) => {
        await runNamed(manager, INSERT, [1, 'again']);
        return 'not reached';
      }),
    );
    expect(outcome.error).toBeInstanceOf(QueryFailedError);
    expect((outcome.error as QueryFailedError<Error & { code: string }>).driverError.code).toBe('23505');
    // The pool's only connection is out of the aborted transaction: the next statement runs and commits on its own.
    await runNamed(dataSource, INSERT, [2, 'after']);
    expect(await bodies()).toEqual(['taken', 'after']);
  });

  it('sends BEGIN on its own before a statement this connection has not prepared yet', async () => {
    const outcome = await counting(() =>
      pipelinedTransaction(dataSource, async (manager) => {
        await runNamed(manager, FRESH, [1, 'fresh']);
        throw new Error('roll it back');
      }),
    );
    expect(outcome.trips).toBe(3); // BEGIN, INSERT, ROLLBACK
    expect(await bodies()).toEqual([]);
  });

  it('sends BEGIN on its own before a plain query', async () => {
    const outcome = await counting(() =>
      pipelinedTransaction(dataSource, async (manager) => {
        await manager.query("INSERT INTO notes VALUES (1, 'plain')");
        await runNamed(manager, INSERT, [2, 'named']);
        return true;
      }),
    );
    expect(outcome).toEqual({ result: true, trips: 4 });
    expect(await bodies()).toEqual(['plain', 'named']);
  });

  it('sends nothing at all for a transaction that runs no statement', async () => {
    const refused = await counting(() =>
      pipelinedTransaction(dataSource, async () => {
        throw new Error('refused before any statement');
      }),
    );
    const empty = await counting(() => pipelinedTransaction(dataSource, async () => 'nothing to do'));
    expect([refused.trips, (refused.error as Error).message]).toEqual([0, 'refused before any statement']);
    expect(empty).toEqual({ result: 'nothing to do', trips: 0 });
  });
});
