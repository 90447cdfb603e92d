import type { QueryRunner } from 'typeorm';

interface QueryableClient {
  query(submittable: CopyToStdout): unknown;
}

/**
 * `COPY … TO STDOUT` on a pg client, without pg-copy-streams: pg runs any object with a `submit` method as a query and
 * hands it the protocol's COPY messages. PostgreSQL sends one CopyData message per row, so `onRow` receives each row's
 * bytes (text format: the fields and the newline) as pg's protocol parser sliced them; no per-row objects are made here.
 */
class CopyToStdout {
  private rowCount = 0;
  private settled = false;
  private failure: unknown = null;
  readonly done: Promise<number>;
  private resolve!: (rows: number) => void;
  private reject!: (error: unknown) => void;

  constructor(
    readonly text: string,
    private readonly onRow: (row: Buffer) => void,
  ) {
    this.done = new Promise<number>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection: { query(text: string): void }): void {
    connection.query(this.text);
  }

  handleCopyData(message: { chunk: Buffer }): void {
    // A throwing consumer must not break pg's parser: the error is kept and reported once the statement ends.
    if (this.failure !== null) return;
    try {
      this.onRow(message.chunk);
    } catch (error) {
      this.failure = error;
    }
  }

  handleCommandComplete(message: { text?: string }): void {
    const rows = Number(/^COPY (\d+)/.exec(message.text ?? '')?.[1]);
    if (Number.isFinite(rows)) this.rowCount = rows;
  }

  handleError(error: unknown): void {
    this.settle(error);
  }

  handleReadyForQuery(): void {
    this.settle(this.failure);
  }

  handleEmptyQuery(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleCopyInResponse(): void {}

  private settle(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    if (error) this.reject(error);
    else this.resolve(this.rowCount);
  }
}

/**
 * Runs `text` (a `COPY (…) TO STDOUT` statement) on `runner`'s connection (the caller's transaction, if one is open),
 * calling `onRow` with each row's bytes; resolves to the number of rows copied. An error thrown by `onRow` rejects it.
 */
export async function copyToStdout(runner: QueryRunner, text: string, onRow: (row: Buffer) => void): Promise<number> {
  const client = (await runner.connect()) as QueryableClient;
  const copy = new CopyToStdout(text, onRow);
  client.query(copy);
  return copy.done;
}
