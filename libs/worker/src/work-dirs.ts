import { readdir, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Total bytes of the regular files under a directory (0 when it is missing). */
export async function directorySize(directory: string): Promise<number> {
  let total = 0;
  const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) total += await directorySize(path);
    else if (entry.isFile()) total += (await stat(path).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

/** Removes an attempt's work directory, and its run's directory once no attempt is left in it. */
export async function removeAttemptDir(attemptDir: string): Promise<void> {
  await rm(attemptDir, { recursive: true, force: true });
  await rmdir(dirname(attemptDir)).catch(() => undefined);
}

/**
 * Keeps the attempt directories left for inspection (`<root>/<run>/attempt-<n>`, from failed or lost attempts)
 * within `capBytes`: the oldest are removed first; `active` ones (still running) are never touched.
 * Returns the directories removed.
 */
export async function pruneKeptAttemptDirs(root: string, capBytes: number, active: Set<string>): Promise<string[]> {
  const kept: { path: string; bytes: number; mtimeMs: number }[] = [];
  for (const run of await readdir(root, { withFileTypes: true }).catch(() => [])) {
    if (!run.isDirectory()) continue;
    for (const attempt of await readdir(join(root, run.name), { withFileTypes: true }).catch(() => [])) {
      const path = join(root, run.name, attempt.name);
      if (!attempt.isDirectory() || !/^attempt-\d+$/.test(attempt.name) || active.has(path)) continue;
      kept.push({ path, bytes: await directorySize(path), mtimeMs: (await stat(path)).mtimeMs });
    }
  }
  kept.sort((left, right) => left.mtimeMs - right.mtimeMs);
  let total = kept.reduce((sum, entry) => sum + entry.bytes, 0);
  const removed: string[] = [];
  for (const entry of kept) {
    if (total <= capBytes) break;
    await removeAttemptDir(entry.path);
    total -= entry.bytes;
    removed.push(entry.path);
  }
  return removed;
}
