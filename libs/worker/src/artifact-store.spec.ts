import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DirectoryArtifactStore,
  fileDigest,
  listFiles,
  uploadDirectory,
  verifyArtifactFile,
} from './artifact-store.js';

describe('DirectoryArtifactStore', () => {
  it("stores every file of an attempt's directory under attempt-<n>/ with its size and SHA-256, and gets them back", async () => {
    const root = mkdtempSync(join(tmpdir(), 'clinrank-store-'));
    const output = join(root, 'output');
    mkdirSync(join(output, 'value_model'), { recursive: true });
    writeFileSync(join(output, 'model.pt'), 'weights');
    writeFileSync(join(output, 'value_model', 'config.json'), '{}');
    const store = new DirectoryArtifactStore(join(root, 'store'));
    const stored = await uploadDirectory(store, 'run-1', 2, output);
    expect(stored.map((artifact) => artifact.name)).toEqual(['model.pt', 'value_model/config.json']);
    expect(stored[0]!.bytes).toBe(7); // "weights" is 7 bytes
    expect(stored[0]!.sha256).toBe(createHash('sha256').update('weights').digest('hex'));
    expect(stored[0]!.uri).toBe(`file://${join(root, 'store', 'runs', 'run-1', 'attempt-2', 'model.pt')}`);
    await store.get(stored[1]!.uri, join(root, 'back', 'config.json'));
    expect(readFileSync(join(root, 'back', 'config.json'), 'utf8')).toBe('{}');
  });

  it('refuses names that escape the run directory and URIs outside the store', async () => {
    const root = mkdtempSync(join(tmpdir(), 'clinrank-store-'));
    writeFileSync(join(root, 'f'), 'x');
    const store = new DirectoryArtifactStore(join(root, 'store'));
    await expect(store.put('run-1', '../../f', join(root, 'f'))).rejects.toThrow(/escapes the run directory/);
    await expect(store.get(`file://${join(root, 'f')}`, join(root, 'g'))).rejects.toThrow(/outside the store/);
  });

  it('verifies a fetched file against the manifest and names the artifact on a mismatch', async () => {
    const root = mkdtempSync(join(tmpdir(), 'clinrank-store-'));
    const file = join(root, 'model.pt');
    writeFileSync(file, 'weights');
    const manifest = { name: 'model.pt', bytes: 7, sha256: createHash('sha256').update('weights').digest('hex') };
    await expect(verifyArtifactFile(file, manifest, 'run-1')).resolves.toBeUndefined();
    writeFileSync(file, 'weighs!');
    await expect(verifyArtifactFile(file, manifest, 'run-1')).rejects.toThrow(
      /artifact model.pt of run run-1 does not match its manifest: sha256 [0-9a-f]{64} \(7 bytes\)/,
    );
    expect(await fileDigest(file)).toEqual({ bytes: 7, sha256: createHash('sha256').update('weighs!').digest('hex') });
  });

  it('lists nothing for a missing directory', async () => {
    expect(await listFiles('/nonexistent/dir')).toEqual([]);
  });
});
