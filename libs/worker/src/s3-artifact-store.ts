import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ArtifactStore, StoredArtifact } from './artifact-store.js';

/** The slice of `@aws-sdk/client-s3` the adapter uses, so this library does not depend on the SDK. */
export interface S3Like {
  client: { send(command: unknown): Promise<any> };
  PutObjectCommand: new (input: { Bucket: string; Key: string; Body: Buffer; ChecksumSHA256?: string }) => unknown;
  GetObjectCommand: new (input: { Bucket: string; Key: string }) => unknown;
}

/** Parses `s3://bucket/prefix` into its bucket and key prefix (no trailing slash). */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url.trim());
  if (!match) throw new Error(`not an s3://bucket/prefix URL: ${url}`);
  return { bucket: match[1]!, prefix: (match[2] ?? '').replace(/\/+$/, '') };
}

/** Artifacts in an S3-compatible bucket (AWS, MinIO, Ceph…), addressed by s3:// URIs. */
export class S3ArtifactStore implements ArtifactStore {
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(
    private readonly s3: S3Like,
    url: string,
  ) {
    ({ bucket: this.bucket, prefix: this.prefix } = parseS3Url(url));
  }

  async put(runId: string, name: string, localFile: string): Promise<StoredArtifact> {
    if (name.split('/').some((part) => part === '..' || part === ''))
      throw new Error(`artifact name escapes the run directory: ${name}`);
    const body = await readFile(localFile);
    const key = [this.prefix, 'runs', runId, name].filter(Boolean).join('/');
    const digest = createHash('sha256').update(body);
    const sha256 = digest.copy().digest('hex');
    await this.s3.client.send(
      new this.s3.PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ChecksumSHA256: digest.digest('base64'),
      }),
    );
    return { name, uri: `s3://${this.bucket}/${key}`, bytes: body.length, sha256 };
  }

  async get(uri: string, localFile: string): Promise<void> {
    const { bucket, prefix: key } = parseS3Url(uri);
    const response = await this.s3.client.send(new this.s3.GetObjectCommand({ Bucket: bucket, Key: key }));
    await mkdir(dirname(localFile), { recursive: true });
    const body = response.Body as Readable | { transformToByteArray(): Promise<Uint8Array> };
    if (body instanceof Readable) await pipeline(body, createWriteStream(localFile));
    else await pipeline(Readable.from([Buffer.from(await body.transformToByteArray())]), createWriteStream(localFile));
  }
}

/**
 * Opens the S3 store through `@aws-sdk/client-s3`, loaded only when asked for (endpoint, region and credentials
 * come from the SDK's usual environment: AWS_ENDPOINT_URL_S3, AWS_REGION, AWS_ACCESS_KEY_ID…).
 */
export async function openS3ArtifactStore(url: string): Promise<S3ArtifactStore> {
  const moduleName = '@aws-sdk/client-s3';
  let sdk: {
    S3Client: new (config: object) => S3Like['client'];
    PutObjectCommand: S3Like['PutObjectCommand'];
    GetObjectCommand: S3Like['GetObjectCommand'];
  };
  try {
    sdk = await import(moduleName);
  } catch {
    throw new Error(
      `ARTIFACT_STORE_URL=${url} needs the package ${moduleName} (npm install --save-exact ${moduleName}@3.1173.0)`,
    );
  }
  const client = new sdk.S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });
  return new S3ArtifactStore(
    { client, PutObjectCommand: sdk.PutObjectCommand, GetObjectCommand: sdk.GetObjectCommand },
    url,
  );
}
