import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as nodeCrc32 } from 'node:zlib';
import { crc32, zipFiles } from './zip.js';

describe('zipFiles', () => {
  it('computes the same CRC-32 as zlib', () => {
    const bytes = new TextEncoder().encode('{"prompt": "هل يمكنني تناول الإيبوبروفين؟"}\n');
    expect(crc32(bytes)).toBe(nodeCrc32(bytes));
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it("writes an archive that Python's zipfile reads back byte for byte, names in UTF-8", () => {
    const files = [
      { name: 'train.jsonl', data: new TextEncoder().encode('{"chosen": "أ"}\n{"chosen": "b"}\n') },
      { name: 'manifest.json', data: new TextEncoder().encode('{"counts": {}}') },
      { name: 'données.txt', data: new Uint8Array([0, 1, 2, 255]) },
    ];
    const dir = mkdtempSync(join(tmpdir(), 'clinrank-zip-'));
    try {
      const path = join(dir, 'snapshot.zip');
      writeFileSync(path, zipFiles(files));
      const script =
        'import sys, zipfile, json, hashlib; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(json.dumps([[i.filename, hashlib.sha256(z.read(i)).hexdigest()] for i in z.infolist()]))';
      const run = spawnSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual(
        files.map((file) => [file.name, createHash('sha256').update(file.data).digest('hex')]),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
