import { existsSync } from 'node:fs';
import { copyFile, link, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { verifyArtifactFile, type ArtifactStore } from './artifact-store.js';
import { runArtifacts, snapshotLocation, type Sql } from './run-store.repository.js';

export const SNAPSHOT_FILES = ['train.jsonl', 'validation.jsonl', 'test.jsonl', 'manifest.json'] as const;

/** Hard-links a file when source and target share a filesystem, else copies it: the work dir never aliases edits. */
async function linkOrCopy(source: string, target: string): Promise<void> {
  try {
    await link(source, target);
  } catch {
    await copyFile(source, target);
  }
}

/** Puts a snapshot's split files into `dataDir`; a missing split file fails the run with a message naming it. */
export async function materializeSnapshot(db: Sql, snapshotId: string, dataDir: string): Promise<void> {
  const snapshot = await snapshotLocation(db, snapshotId);
  if (!snapshot) throw new Error(`dataset snapshot ${snapshotId} does not exist`);
  if (snapshot.status !== 'ready') throw new Error(`dataset snapshot ${snapshotId} is ${snapshot.status}, not ready`);
  const source = resolve(snapshot.directory);
  await mkdir(dataDir, { recursive: true });
  for (const file of SNAPSHOT_FILES) {
    const path = join(source, file);
    if (!existsSync(path)) {
      if (file === 'manifest.json') continue;
      throw new Error(
        `dataset snapshot ${snapshotId} has no ${file} in ${source} (is this node on the shared volume?)`,
      );
    }
    await linkOrCopy(path, join(dataDir, file));
  }
}

/**
 * Fetches every artifact of a finished run (e.g. the reward model a PPO or evaluation run starts from) into
 * `directory`, checking each file's size and SHA-256 against the run's manifest; a mismatch fails the consumer.
 */
export async function materializeRunOutput(
  db: Sql,
  store: ArtifactStore,
  runId: string,
  directory: string,
): Promise<number> {
  const artifacts = await runArtifacts(db, runId);
  if (artifacts.length === 0) throw new Error(`run ${runId} has no stored artifacts`);
  for (const artifact of artifacts) {
    const target = join(directory, artifact.name);
    await store.get(artifact.uri, target);
    await verifyArtifactFile(target, artifact, runId);
  }
  return artifacts.length;
}
