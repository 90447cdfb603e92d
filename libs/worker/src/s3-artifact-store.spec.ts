import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseS3Url, S3ArtifactStore, type S3Like } from './s3-artifact-store.js';

/** An in-memory bucket that speaks the two S3 commands the adapter sends. */
function fakeS3() {
  const objects = new Map<string, Buffer>();
  class PutObjectCommand {
    constructor(readonly input: { Bucket: string; Key: string; Body: Buffer; ChecksumSHA256?: string }) {}
  }
  class GetObjectCommand {
    constructor(readonly input: { Bucket: string; Key: string }) {}
  }
  const client = {
    async send(command: unknown) {
      if (command instanceof PutObjectCommand) {
        const { Bucket, Key, Body, ChecksumSHA256 } = command.input;
        if (ChecksumSHA256 !== createHash('sha256').update(Body).digest('base64')) throw new Error('BadDigest');
        objects.set(`${Bucket}/${Key}`, Body);
        return {};
      }
      const { Bucket, Key } = (command as GetObjectCommand).input;
      const body = objects.get(`${Bucket}/${Key}`);
      if (!body) throw new Error('NoSuchKey');
      return { Body: Readable.from([body]) };
    },
  };
  return { objects, s3: { client, PutObjectCommand, GetObjectCommand } as S3Like };
}

describe('S3ArtifactStore', () => {
  it('puts files under prefix/runs/<run>/<name> with their SHA-256 and gets them back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clinrank-s3-'));
    writeFileSync(join(dir, 'model.pt'), 'weights');
    const { objects, s3 } = fakeS3();
    const store = new S3ArtifactStore(s3, 's3://clinrank-artifacts/prod/');
    const stored = await store.put('run-1', 'model.pt', join(dir, 'model.pt'));
    expect(stored).toEqual({
      name: 'model.pt',
      uri: 's3://clinrank-artifacts/prod/runs/run-1/model.pt',
      bytes: 7,
      sha256: createHash('sha256').update('weights').digest('hex'),
    });
    expect([...objects.keys()]).toEqual(['clinrank-artifacts/prod/runs/run-1/model.pt']);
    await store.get(stored.uri, join(dir, 'back', 'model.pt'));
    expect(readFileSync(join(dir, 'back', 'model.pt'), 'utf8')).toBe('weights');
  });

  it('rejects names that climb out of the run and URLs that are not s3://', async () => {
    const { s3 } = fakeS3();
    await expect(new S3ArtifactStore(s3, 's3://bucket').put('run-1', '../x', '/dev/null')).rejects.toThrow(
      /escapes the run directory/,
    );
    expect(() => parseS3Url('https://bucket/x')).toThrow(/not an s3:\/\/bucket\/prefix URL/);
    expect(parseS3Url('s3://my-bucket')).toEqual({ bucket: 'my-bucket', prefix: '' });
  });
});
