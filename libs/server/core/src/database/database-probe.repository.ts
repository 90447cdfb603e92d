import type { ConnectionLimit } from './connection-budget.js';
import { defineSql } from './named-sql.js';

const PING = defineSql('core.ping', `SELECT 1`);
const CONNECTION_LIMIT = defineSql(
  'core.connection-limit',
  `SELECT current_setting('max_connections')::int AS "maxConnections",
          current_setting('superuser_reserved_connections')::int AS reserved`,
);

/** Anything that runs SQL: a DataSource, a query runner, a pg client. */
export interface Pingable {
  query(text: string): Promise<unknown>;
}

/** The trivial query that tells whether the database answers at all. */
export class DatabaseProbeRepository {
  constructor(private readonly db: Pingable) {}

  /** Resolves when the database answers; rejects with the driver's error when it does not. */
  async ping(): Promise<void> {
    await this.db.query(PING.text);
  }

  /** How many connections the server allows clients like ours. */
  async connectionLimit(): Promise<ConnectionLimit> {
    // A DataSource answers with the rows, a pg client with a result that holds them.
    const answer = (await this.db.query(CONNECTION_LIMIT.text)) as ConnectionLimit[] | { rows: ConnectionLimit[] };
    return (Array.isArray(answer) ? answer : answer.rows)[0];
  }
}
