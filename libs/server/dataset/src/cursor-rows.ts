import type { QueryRunner } from 'typeorm';

/** FETCHes kept queued on the connection, so PostgreSQL starts the next batch as soon as it sends one. */
const FETCHES_AHEAD = 2;

/**
 * Streams a query's rows through a server-side cursor (`DECLARE … CURSOR` + `FETCH n`) on the caller's transaction, so
 * only a few batches are in memory. The next batches are fetched while the caller processes the current one.
 * The query runner must already be inside a transaction; the cursor is closed when iteration ends or stops early.
 */
export async function* cursorRows<T>(runner: QueryRunner, sql: string, parameters: unknown[], batchSize = 1000, name = 'clinrank_export'): AsyncGenerator<T> {
  await runner.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, parameters);
  const fetchBatch = () => runner.query(`FETCH ${batchSize} FROM ${name}`) as Promise<T[]>;
  // A FETCH past the end just returns no rows, so queuing ahead is safe; nothing more is queued after a short batch.
  const pending: Promise<T[]>[] = Array.from({ length: FETCHES_AHEAD }, fetchBatch);
  try {
    while (pending.length > 0) {
      const batch: T[] = await (pending.shift() as Promise<T[]>);
      if (batch.length === batchSize) pending.push(fetchBatch());
      yield* batch;
    }
  } finally {
    // Let in-flight FETCHes settle before closing, or the CLOSE would queue behind them anyway and their errors be lost.
    await Promise.all(pending.map((fetch) => fetch.catch(() => undefined)));
    await runner.query(`CLOSE ${name}`).catch(() => undefined);
  }
}
