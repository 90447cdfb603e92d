import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

/** One output file being written. */
export interface SinkFile {
  write(chunk: Uint8Array): void | Promise<void>;
  close(): void | Promise<void>;
}

/** Where an export writes its files: the caller decides (local disk, S3, memory). */
export interface ExportSink {
  open(name: string): SinkFile | Promise<SinkFile>;
}

/** Wraps a sink file, computing SHA-256, bytes and records as chunks pass through. */
export class DigestingFile implements SinkFile {
  private readonly hash: Hash = createHash('sha256');
  bytes = 0;
  records = 0;

  constructor(
    readonly name: string,
    private readonly inner: SinkFile,
  ) {}

  /** Writes a chunk and adds it to the digest. */
  async write(chunk: Uint8Array): Promise<void> {
    this.hash.update(chunk);
    this.bytes += chunk.byteLength;
    await this.inner.write(chunk);
  }

  /** Closes the file and returns its digest. */
  async finish(): Promise<{ name: string; sha256: string; bytes: number; records: number }> {
    await this.inner.close();
    return { name: this.name, sha256: this.hash.digest('hex'), bytes: this.bytes, records: this.records };
  }

  close(): Promise<void> {
    return Promise.resolve(this.inner.close());
  }
}

/** A sink keeping every file in memory (tests, small previews). */
export function memorySink(): ExportSink & { files: Map<string, Uint8Array>; text(name: string): string } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    open(name: string): SinkFile {
      const chunks: Uint8Array[] = [];
      return {
        write: (chunk) => void chunks.push(Uint8Array.from(chunk)),
        close: () => void files.set(name, Buffer.concat(chunks)),
      };
    },
    text: (name: string) => Buffer.from(files.get(name) ?? new Uint8Array()).toString('utf8'),
  };
}

/** A sink that keeps nothing but a running SHA-256 and size per file (memory-flat checks, dry runs). */
export function hashingSink(): ExportSink & { digests: Map<string, { sha256: string; bytes: number }> } {
  const digests = new Map<string, { sha256: string; bytes: number }>();
  return {
    digests,
    open(name: string): SinkFile {
      const hash = createHash('sha256');
      let bytes = 0;
      return {
        write: (chunk) => {
          hash.update(chunk);
          bytes += chunk.byteLength;
        },
        close: () => void digests.set(name, { sha256: hash.digest('hex'), bytes }),
      };
    },
  };
}

/** A sink writing files into a local directory (created if missing), honouring stream back-pressure. */
export function directorySink(directory: string): ExportSink {
  mkdirSync(directory, { recursive: true });
  return {
    open(name: string): SinkFile {
      const stream = createWriteStream(join(directory, name));
      return {
        write: async (chunk) => {
          if (!stream.write(chunk)) await once(stream, 'drain');
        },
        close: () =>
          new Promise<void>((resolve, reject) =>
            stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
          ),
      };
    },
  };
}
