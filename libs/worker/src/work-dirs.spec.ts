import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directorySize, pruneKeptAttemptDirs, removeAttemptDir } from './work-dirs.js';

function attemptDir(root: string, run: string, attempt: number, bytes: number, ageSeconds: number): string {
  const path = join(root, run, `attempt-${attempt}`);
  mkdirSync(join(path, 'output'), { recursive: true });
  writeFileSync(join(path, 'output', 'model.pt'), Buffer.alloc(bytes));
  const when = Date.now() / 1000 - ageSeconds;
  utimesSync(path, when, when);
  return path;
}

describe('work directories', () => {
  it('measures a directory tree and treats a missing one as empty', async () => {
    const root = mkdtempSync(join(tmpdir(), 'clinrank-work-'));
    attemptDir(root, 'run-a', 1, 1000, 0);
    writeFileSync(join(root, 'run-a', 'note'), 'xyz');
    expect(await directorySize(root)).toBe(1003);
    expect(await directorySize(join(root, 'missing'))).toBe(0);
  });

  it('removes an attempt and its run directory once it is empty, but not a sibling attempt', async () => {
    const root = mkdtempSync(join(tmpdir(), 'clinrank-work-'));
    const first = attemptDir(root, 'run-a', 1, 10, 0);
    const second = attemptDir(root, 'run-a', 2, 10, 0);
    await removeAttemptDir(first);
    expect([existsSync(first), existsSync(second)]).toEqual([false, true]);
    await removeAttemptDir(second);
    expect(existsSync(join(root, 'run-a'))).toBe(false);
  });

  it('keeps failed attempts within the cap, oldest removed first, never an active one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'clinrank-work-'));
    const oldest = attemptDir(root, 'run-a', 1, 4000, 300);
    const active = attemptDir(root, 'run-b', 1, 4000, 200);
    const middle = attemptDir(root, 'run-c', 1, 4000, 100);
    const newest = attemptDir(root, 'run-c', 2, 4000, 0);
    const removed = await pruneKeptAttemptDirs(root, 8000, new Set([active]));
    expect(removed).toEqual([oldest]);
    expect([oldest, active, middle, newest].map((path) => existsSync(path))).toEqual([false, true, true, true]);
    expect(await pruneKeptAttemptDirs(root, 0, new Set([active]))).toEqual([middle, newest]);
    expect(existsSync(join(root, 'run-c'))).toBe(false);
    expect(existsSync(active)).toBe(true);
  });
});
