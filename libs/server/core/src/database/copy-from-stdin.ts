import type { EntityManager } from 'typeorm';

/** The few calls of pg's protocol connection a COPY FROM STDIN needs. */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

const MESSAGE_BYTES = 256 * 1024;

interface QueryableClient {
  query(submittable: CopyFromStdin): unknown;
}

/**
 * `COPY … FROM STDIN` on a pg client, without pg-copy-streams: pg runs any object with a `submit` method as a query and
 * hands it the protocol's COPY messages. The data is a bounded batch the caller already holds (a few MB), written in
 * one go; the statement's result is the number of rows the server copied.
 */
class CopyFromStdin {
  private rowCount = 0;
  private settled = false;
  readonly done: Promise<number>;
  private resolve!: (rows: number) => void;
  private reject!: (error: unknown) => void;

  constructor(
    readonly text: string,
    private readonly chunks: readonly Buffer[],
  ) {
    this.done = new Promise<number>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    // Rows are small; send them as a few CopyData messages of up to MESSAGE_BYTES rather than one message per row.
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for (const chunk of this.chunks) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= MESSAGE_BYTES) {
        connection.sendCopyFromChunk(Buffer.concat(pending, pendingBytes));
        pending = [];
        pendingBytes = 0;
      }
    }
    if (pendingBytes) connection.sendCopyFromChunk(Buffer.concat(pending, pendingBytes));
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text?: string }): void {
    const rows = Number(/^COPY (\d+)/.exec(message.text ?? '')?.[1]);
    if (Number.isFinite(rows)) this.rowCount = rows;
  }

  handleError(error: unknown): void {
    this.settle(error);
  }

  handleReadyForQuery(): void {
    this.settle(null);
  }

  handleEmptyQuery(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}

  private settle(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    if (error) this.reject(error);
    else this.resolve(this.rowCount);
  }
}

/**
 * Runs `text` (a `COPY … FROM STDIN` statement) on the connection of `manager`'s query runner (the caller's transaction),
 * sending `chunks` as its data; resolves to the number of rows copied.
 */
export async function copyFromStdin(manager: EntityManager, text: string, chunks: readonly Buffer[]): Promise<number> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('copyFromStdin needs a manager bound to a query runner (a transaction)');
  const client = (await runner.connect()) as QueryableClient;
  const copy = new CopyFromStdin(text, chunks);
  client.query(copy);
  return copy.done;
}
