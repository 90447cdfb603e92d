import pg from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** What the pg driver's connection exposes to a submitted query (pg's `Connection`, untyped in @types/pg). */
interface WireConnection {
  parsedStatements: Record<string, string>;
  stream: { cork?: () => void; uncork?: () => void };
  parse(message: { text: string; name?: string }): void;
  bind(message: { statement?: string; values?: unknown[] }): void;
  execute(message: { rows?: number }): void;
}

type QueryFn = (config: unknown, values?: unknown) => unknown;
/** A pooled pg client as this module uses it. */
interface WireClient {
  connection: WireConnection;
  query: QueryFn;
}

/** The parts of pg's `Query` a subclass drives (internal to pg, so not in @types/pg). */
interface PgQuery {
  prepare(connection: WireConnection): void;
  handleCommandComplete(message: unknown, connection: WireConnection): void;
}
const PgQuery = pg.Query as unknown as new (config: object) => PgQuery;

/**
 * A named prepared statement sent in the same write as the `BEGIN` that opens its transaction, so opening a
 * transaction costs no round trip of its own: PostgreSQL answers BEGIN's CommandComplete, then the statement's
 * results, then one ReadyForQuery. The BEGIN has no Sync of its own, so a failing statement leaves the transaction
 * open and aborted, which the caller rolls back as after any failed statement.
 */
export class BeginThenStatement extends PgQuery {
  private beginAnswered = false;

  constructor(
    readonly statement: { name: string; text: string },
    values: unknown[] | undefined,
    callback: (error: Error | null, result: pg.QueryResult) => void,
  ) {
    super({ name: statement.name, text: statement.text, values, callback });
  }

  submit(connection: WireConnection): Error | null {
    connection.stream.cork?.();
    try {
      connection.parse({ text: 'BEGIN' });
      connection.bind({});
      connection.execute({});
      this.prepare(connection);
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  handleCommandComplete(message: unknown, connection: WireConnection): void {
    if (this.beginAnswered) super.handleCommandComplete(message, connection);
    else this.beginAnswered = true;
  }
}

/** What pg answers for a statement that returns nothing: TypeORM reads `rows`, `rowCount` and `command`. */
const nothing = () => Promise.resolve({ command: '', rows: [], rowCount: 0, fields: [] });

function isNamedStatement(config: unknown): config is { name: string; text: string } {
  return typeof config === 'object' && config !== null && typeof (config as { name?: unknown }).name === 'string';
}

/**
 * Lets the client defer TypeORM's `START TRANSACTION` until the transaction's first statement and send both in one
 * write. Only a named statement this connection has already prepared rides with BEGIN (its Parse could otherwise fail
 * after BEGIN's answer was taken for it); anything else gets a BEGIN of its own first, as before. A transaction that
 * sends no statement sends no BEGIN and no COMMIT. Returns the function that puts the client back as it was.
 */
function deferBegin(client: WireClient): () => void {
  const ownQuery = Object.prototype.hasOwnProperty.call(client, 'query');
  const send = client.query;
  let beginPending = false;
  client.query = (config: unknown, values?: unknown) => {
    if (config === 'START TRANSACTION') {
      beginPending = true;
      return nothing();
    }
    if (!beginPending) return send.call(client, config, values);
    beginPending = false;
    if (config === 'COMMIT' || config === 'ROLLBACK') return nothing();
    if (isNamedStatement(config) && client.connection.parsedStatements[config.name] === config.text)
      return new Promise((resolve, reject) => {
        send.call(
          client,
          new BeginThenStatement(config, values as unknown[] | undefined, (error, result) =>
            error ? reject(error) : resolve(result),
          ),
        );
      });
    return (send.call(client, 'START TRANSACTION') as Promise<unknown>).then(() => send.call(client, config, values));
  };
  return () => {
    if (ownQuery) client.query = send;
    else delete (client as Partial<WireClient>).query;
  };
}

/**
 * `dataSource.transaction(work)` for hot paths: the same TypeORM transaction (its manager, events and nested
 * savepoints), but BEGIN travels with the first statement instead of costing a round trip of its own. Use it where a
 * transaction starts with a registered statement (`runNamed`) that runs on every request.
 */
export async function pipelinedTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  // Only pg's wire protocol carries BEGIN with a statement; any other data source (a unit test's fake) runs `work` as
  // its own transaction(work) does.
  if (dataSource.options?.type !== 'postgres') return dataSource.transaction(work);
  const runner: QueryRunner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as WireClient;
  const restore = deferBegin(client);
  try {
    await runner.startTransaction();
    const result = await work(runner.manager);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    restore();
    await runner.release();
  }
}
