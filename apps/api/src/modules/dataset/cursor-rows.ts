import type { QueryRunner } from 'typeorm';

/**
 * Streams a query's rows through a server-side cursor (`DECLARE … CURSOR` + `FETCH n`) on the caller's transaction, so
 * only one batch is in memory. The next batch is fetched while the caller processes the current one.
 * The query runner must already be inside a transaction; the cursor is closed when iteration ends or stops early.
 */
export async function* cursorRows<T>(runner: QueryRunner, sql: string, parameters: unknown[], batchSize = 1000, name = 'clinrank_export'): AsyncGenerator<T> {
  await runner.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, parameters);
  const fetchBatch = () => runner.query(`FETCH ${batchSize} FROM ${name}`) as Promise<T[]>;
  let pending: Promise<T[]> | null = fetchBatch();
  try {
    while (pending) {
      const batch: T[] = await pending;
      pending = batch.length === batchSize ? fetchBatch() : null;
      yield* batch;
    }
  } finally {
    // Let an in-flight FETCH settle before closing, or the CLOSE would queue behind it anyway and its error be lost.
    if (pending) await pending.catch(() => undefined);
    await runner.query(`CLOSE ${name}`).catch(() => undefined);
  }
}
