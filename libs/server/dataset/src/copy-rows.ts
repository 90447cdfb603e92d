import type { QueryRunner } from 'typeorm';

/** The part of node-postgres' connection a COPY OUT needs. */
interface PgConnection {
  query(text: string): void;
  stream: { pause(): void; resume(): void };
}

interface PgClient {
  query(submittable: object): unknown;
}

// Rows buffered before the socket is paused (items carry all their labels, so a row is a few kB).
const HIGH_WATER_ROWS = 2000;
const LOW_WATER_ROWS = 500;

/**
 * Streams `COPY (SELECT row_to_json(q) FROM (sql) q) TO STDOUT` on the runner's connection and transaction, yielding
 * each row parsed. Unlike a cursor, COPY lets PostgreSQL run the query with parallel workers. The socket is paused
 * while too many rows wait, so memory stays flat. `sql` must be a complete query with no bind parameters (COPY takes
 * none) whose ORDER BY the wrapper keeps.
 */
export async function* copyJsonRows<T>(runner: QueryRunner, sql: string): AsyncGenerator<T> {
  const client = (runner as unknown as { databaseConnection: PgClient }).databaseConnection;
  const copy = new CopyOut(`COPY (SELECT row_to_json(q) FROM (${sql}) q) TO STDOUT`);
  client.query(copy);
  let finished = false;
  try {
    for (;;) {
      const line = await copy.next();
      if (line === null) break;
      yield JSON.parse(line) as T;
    }
    finished = true;
  } finally {
    // Stopped early: let the COPY run out (discarding rows) so the connection is usable for the rollback.
    if (!finished) await copy.discard();
  }
}

/** A node-postgres "submittable" receiving CopyData messages (PostgreSQL sends exactly one per row). */
class CopyOut {
  private readonly rows: string[] = [];
  private head = 0;
  private waiting: (() => void) | null = null;
  private done = false;
  private error: Error | null = null;
  private connection: PgConnection | null = null;
  private paused = false;
  private discarding = false;
  private settled: Promise<void>;
  private settle!: () => void;

  constructor(private readonly text: string) {
    this.settled = new Promise((resolve) => (this.settle = resolve));
  }

  submit(connection: PgConnection): void {
    this.connection = connection;
    connection.query(this.text);
  }

  handleCopyData(message: { chunk: Buffer }): void {
    if (this.discarding) return;
    this.rows.push(unescapeCopyText(message.chunk.toString('utf8', 0, message.chunk.length - 1)));
    if (!this.paused && this.rows.length - this.head >= HIGH_WATER_ROWS && this.connection) {
      this.paused = true;
      this.connection.stream.pause();
    }
    this.wake();
  }

  handleCommandComplete(): void {
    this.done = true;
    this.wake();
  }

  handleReadyForQuery(): void {
    this.done = true;
    this.settle();
    this.wake();
  }

  handleError(error: Error): void {
    this.error = error;
    this.done = true;
    this.settle();
    this.wake();
  }

  // Messages the COPY never gets, but node-postgres may call on any active query.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyInResponse(): void {}

  /** The next row's text, or null at the end; throws the query's error. */
  async next(): Promise<string | null> {
    while (this.head === this.rows.length) {
      if (this.error) throw this.error;
      if (this.done) return null;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
    const row = this.rows[this.head];
    this.rows[this.head++] = '';
    if (this.head === this.rows.length) {
      this.rows.length = 0;
      this.head = 0;
    }
    if (this.paused && this.rows.length - this.head <= LOW_WATER_ROWS) {
      this.paused = false;
      this.connection?.stream.resume();
    }
    return row;
  }

  /** Drops the remaining rows and waits until the connection is ready again. */
  async discard(): Promise<void> {
    this.discarding = true;
    this.rows.length = 0;
    this.head = 0;
    if (this.paused) this.connection?.stream.resume();
    this.paused = false;
    await this.settled;
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }
}

const COPY_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** Undoes COPY's text-format escaping (JSON text only ever gets its backslashes doubled, but all escapes are handled). */
export function unescapeCopyText(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\(.)/g, (_, escaped: string) => COPY_ESCAPES[escaped] ?? escaped);
}
