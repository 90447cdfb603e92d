import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface StoredArtifact {
  name: string;
  uri: string;
  bytes: number;
  sha256: string;
}

/**
 * Where run outputs go. The directory store is the default (a shared volume on a cluster); an S3-compatible
 * bucket implements the same two calls (see README: an adapter over `@aws-sdk/client-s3` PutObject/GetObject).
 */
export interface ArtifactStore {
  /** Stores one local file as `<runId>/<name>` and returns where it went, its size and SHA-256. */
  put(runId: string, name: string, localFile: string): Promise<StoredArtifact>;
  /** Copies a stored artifact back to a local file. */
  get(uri: string, localFile: string): Promise<void>;
}

function hashingCounter(onDone: (bytes: number, sha256: string) => void): Transform {
  const hash = createHash('sha256');
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
    flush(callback) {
      onDone(bytes, hash.digest('hex'));
      callback();
    },
  });
}

/** Artifacts as plain files under a root directory (`ARTIFACT_DIR`), addressed by file:// URIs. */
export class DirectoryArtifactStore implements ArtifactStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(runId: string, name: string, localFile: string): Promise<StoredArtifact> {
    const target = resolve(this.root, 'runs', runId, name);
    if (!target.startsWith(resolve(this.root, 'runs', runId) + sep))
      throw new Error(`artifact name escapes the run directory: ${name}`);
    await mkdir(dirname(target), { recursive: true });
    let result = { bytes: 0, sha256: '' };
    await pipeline(
      createReadStream(localFile),
      hashingCounter((bytes, sha256) => (result = { bytes, sha256 })),
      createWriteStream(target),
    );
    return { name, uri: pathToFileURL(target).href, ...result };
  }

  async get(uri: string, localFile: string): Promise<void> {
    const source = fileURLToPath(uri);
    if (!resolve(source).startsWith(this.root + sep))
      throw new Error(`artifact ${uri} is outside the store ${this.root}`);
    await mkdir(dirname(localFile), { recursive: true });
    await copyFile(source, localFile);
  }
}

/** Every regular file under a directory, as paths relative to it (sorted, '/'-separated). */
export async function listFiles(directory: string): Promise<string[]> {
  const files: string[] = [];
  async function walk(dir: string) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push(relative(directory, path).split(sep).join('/'));
    }
  }
  if ((await stat(directory).catch(() => null))?.isDirectory()) await walk(directory);
  return files.sort();
}

/** Where an attempt's files live in the store: `<run>/attempt-<n>/…`, so no attempt can overwrite another's. */
export function attemptPrefix(attempt: number): string {
  return `attempt-${attempt}/`;
}

/**
 * Stores every file of an attempt's output directory under `<run>/attempt-<n>/`; returns them in name order, named
 * as the run will list them (without the attempt prefix). They belong to the run only once the attempt is promoted.
 */
export async function uploadDirectory(
  store: ArtifactStore,
  runId: string,
  attempt: number,
  directory: string,
): Promise<StoredArtifact[]> {
  const stored: StoredArtifact[] = [];
  for (const name of await listFiles(directory)) {
    const artifact = await store.put(runId, attemptPrefix(attempt) + name, join(directory, name));
    stored.push({ ...artifact, name });
  }
  return stored;
}

/** Size and SHA-256 of a local file, streamed. */
export async function fileDigest(path: string): Promise<{ bytes: number; sha256: string }> {
  let result = { bytes: 0, sha256: '' };
  await pipeline(
    createReadStream(path),
    hashingCounter((bytes, sha256) => (result = { bytes, sha256 })),
    new Writable({ write: (_chunk, _encoding, callback) => callback() }),
  );
  return result;
}

/** Throws, naming the artifact, unless a fetched file has the size and SHA-256 its run's manifest lists. */
export async function verifyArtifactFile(
  path: string,
  expected: { name: string; bytes: number; sha256: string },
  runId: string,
): Promise<void> {
  const actual = await fileDigest(path);
  if (actual.sha256 !== expected.sha256 || actual.bytes !== Number(expected.bytes)) {
    throw new Error(
      `artifact ${expected.name} of run ${runId} does not match its manifest: sha256 ${actual.sha256} (${actual.bytes} bytes), expected ${expected.sha256} (${expected.bytes} bytes)`,
    );
  }
}
