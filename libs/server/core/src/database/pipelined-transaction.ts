import pg from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** What the pg driver's connection exposes to a submitted query (pg's `Connection`, untyped in @types/pg). */
interface WireConnection {
  parsedStatements: Record<string, string>;
  stream: { cork?: () => void; uncork?: () => void };
  parse(message: { text: string; name?: string }): void;
  bind(message: { statement?: string; values?: unknown[] }): void;
  execute(message: { portal?: string; rows?: number }): void;
  sync(): void;
}

type QueryFn = (config: unknown, values?: unknown) => unknown;
/** A pooled pg client as this module uses it. */
interface WireClient {
  connection: WireConnection;
  query: QueryFn;
}

/** The parts of pg's `Query` a subclass drives (internal to pg, so not in @types/pg). */
interface PgQuery {
  portal?: string;
  prepare(connection: WireConnection): void;
  handleCommandComplete(message: unknown, connection: WireConnection): void;
}
const PgQuery = pg.Query as unknown as new (config: object) => PgQuery;

/** Which transaction control travels in the same write as a statement. */
export interface Carried {
  /** BEGIN before it: the statement opens the transaction. */
  begin: boolean;
  /** COMMIT after it: the statement is the transaction's last. */
  commit: boolean;
}

/**
 * A named prepared statement sent in one write with the transaction control around it, so neither costs a round trip
 * of its own: PostgreSQL answers BEGIN's CommandComplete, the statement's results, COMMIT's CommandComplete, then one
 * ReadyForQuery. Neither BEGIN nor the statement has a Sync of its own: a failing statement makes PostgreSQL skip the
 * COMMIT and leaves the transaction open and aborted, which the caller rolls back as after any failed statement.
 */
export class PipelinedStatement extends PgQuery {
  private completions = 0;

  constructor(
    readonly statement: { name: string; text: string },
    values: unknown[] | undefined,
    readonly carried: Carried,
    callback: (error: Error | null, result: pg.QueryResult) => void,
  ) {
    super({ name: statement.name, text: statement.text, values, callback });
  }

  submit(connection: WireConnection): Error | null {
    connection.stream.cork?.();
    try {
      if (this.carried.begin) sendUnnamed(connection, 'BEGIN');
      this.prepare(connection);
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  /** pg's own step after Bind and Describe: Execute, then (here) COMMIT, then the one Sync. */
  _getRows(connection: WireConnection, rows?: number): void {
    connection.execute({ portal: this.portal, rows });
    if (this.carried.commit) sendUnnamed(connection, 'COMMIT');
    connection.sync();
  }

  handleCommandComplete(message: unknown, connection: WireConnection): void {
    const ownAnswer = this.carried.begin ? 1 : 0;
    if (this.completions++ === ownAnswer) super.handleCommandComplete(message, connection);
  }
}

function sendUnnamed(connection: WireConnection, command: 'BEGIN' | 'COMMIT'): void {
  connection.parse({ text: command });
  connection.bind({});
  connection.execute({});
}

/** What pg answers for a statement that returns nothing: TypeORM reads `rows`, `rowCount` and `command`. */
const nothing = () => Promise.resolve({ command: '', rows: [], rowCount: 0, fields: [] });

function isNamedStatement(config: unknown): config is { name: string; text: string } {
  return typeof config === 'object' && config !== null && typeof (config as { name?: unknown }).name === 'string';
}

/** What a pipelined transaction's work may ask of the wire besides its statements. */
export interface TransactionPipeline {
  /**
   * Sends COMMIT in the same write as the next statement, which must be the transaction's last: once that statement
   * has run, the transaction is committed, its end sends nothing, and any further statement fails. If the statement
   * fails, nothing is committed and the transaction is rolled back as usual. Only a named statement carries COMMIT;
   * after anything else the transaction goes on and commits at its end, as without this call.
   */
  commitWithNextStatement(): void;
}

const noPipeline: TransactionPipeline = { commitWithNextStatement: () => undefined };

/**
 * Lets the client defer TypeORM's `START TRANSACTION` until the transaction's first statement, and send both in one
 * write. Only a named statement this connection has already prepared rides with BEGIN (its Parse could otherwise fail
 * after BEGIN's answer was taken for it); anything else gets a BEGIN of its own first, as before. A transaction that
 * sends no statement sends no BEGIN and no COMMIT. With `commitWithNextStatement`, COMMIT rides with the next named
 * statement the same way. Returns the pipeline and the function that puts the client back as it was.
 */
function pipelineClient(client: WireClient): { pipeline: TransactionPipeline; restore: () => void } {
  const ownQuery = Object.prototype.hasOwnProperty.call(client, 'query');
  const send = client.query;
  let beginPending = false;
  let commitArmed = false;
  let committed = false;
  const pipelined = (config: { name: string; text: string }, values: unknown, carried: Carried) =>
    new Promise((resolve, reject) => {
      send.call(
        client,
        new PipelinedStatement(config, values as unknown[] | undefined, carried, (error, result) =>
          error ? reject(error) : resolve(result),
        ),
      );
    });
  client.query = (config: unknown, values?: unknown) => {
    if (config === 'START TRANSACTION') {
      beginPending = true;
      return nothing();
    }
    if (committed) {
      if (config === 'COMMIT' || config === 'ROLLBACK') return nothing();
      return Promise.reject(new Error('pipelinedTransaction: a statement ran after the one that committed'));
    }
    const begin = beginPending;
    const commit = commitArmed;
    beginPending = false;
    commitArmed = false;
    if (begin && (config === 'COMMIT' || config === 'ROLLBACK')) return nothing();
    const named = isNamedStatement(config);
    const prepared = named && client.connection.parsedStatements[config.name] === config.text;
    const carried: Carried = { begin: begin && prepared, commit: commit && named };
    const statement = () =>
      carried.begin || carried.commit
        ? pipelined(config as { name: string; text: string }, values, carried).then((result) => {
            committed = carried.commit;
            return result;
          })
        : send.call(client, config, values);
    if (!begin || carried.begin) return statement();
    return (send.call(client, 'START TRANSACTION') as Promise<unknown>).then(statement);
  };
  const pipeline: TransactionPipeline = {
    commitWithNextStatement: () => {
      commitArmed = true;
    },
  };
  const restore = () => {
    if (ownQuery) client.query = send;
    else delete (client as Partial<WireClient>).query;
  };
  return { pipeline, restore };
}

/**
 * `dataSource.transaction(work)` for hot paths: the same TypeORM transaction (its manager, events and nested
 * savepoints), but BEGIN travels with the first statement instead of costing a round trip of its own, and, where
 * `work` asks for it with `pipeline.commitWithNextStatement()`, COMMIT travels with the last. Use it where a
 * transaction starts with a registered statement (`runNamed`) that runs on every request.
 */
export async function pipelinedTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager, pipeline: TransactionPipeline) => Promise<T>,
): Promise<T> {
  // Only pg's wire protocol carries BEGIN and COMMIT with a statement; any other data source (a unit test's fake) runs
  // `work` as its own transaction(work) does.
  if (dataSource.options?.type !== 'postgres') return dataSource.transaction((manager) => work(manager, noPipeline));
  const runner: QueryRunner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as WireClient;
  const { pipeline, restore } = pipelineClient(client);
  try {
    await runner.startTransaction();
    const result = await work(runner.manager, pipeline);
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
