import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Where snapshots live: `<artifactDir>/datasets/<snapshot id>/` (the training worker reads them from there). */
export function datasetsRoot(artifactDir: string): string {
  return join(artifactDir, 'datasets');
}

/** A snapshot being written: files go to a hidden temp folder, renamed into place only once complete. */
export interface PendingSnapshotDir {
  tempDir: string;
  finalDir: string;
  /** Atomically moves the finished folder into place; refuses to replace an existing snapshot. */
  publish(): void;
  /** Removes the temp folder after a failure. */
  discard(): void;
}

/** Prepares the temp and final folders of snapshot `id`. */
export function pendingSnapshotDir(artifactDir: string, id: string): PendingSnapshotDir {
  const root = datasetsRoot(artifactDir);
  mkdirSync(root, { recursive: true });
  const tempDir = join(root, `.tmp-${id}`);
  const finalDir = join(root, id);
  return {
    tempDir,
    finalDir,
    publish() {
      if (existsSync(finalDir))
        throw new Error(`snapshot folder ${finalDir} already exists; snapshots are never overwritten`);
      renameSync(tempDir, finalDir);
    },
    discard() {
      rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

/** Files a download may serve: those the manifest lists, plus the manifest and the dataset card. */
export function downloadableFiles(manifest: { files?: { name: string }[] }): Set<string> {
  return new Set([...(manifest.files ?? []).map((file) => file.name), 'manifest.json', 'README.md']);
}
