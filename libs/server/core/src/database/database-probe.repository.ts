import { defineSql } from './named-sql.js';

const PING = defineSql('core.ping', `SELECT 1`);

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
}
