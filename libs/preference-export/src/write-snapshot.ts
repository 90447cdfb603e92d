import { buildManifest, manifestToJson, type DatasetManifest, type ManifestInput } from './manifest.js';
import { renderDatasetCard } from './dataset-card.js';
import type { ExportRequest } from './request.js';
import type { ExportSink } from './sinks.js';
import { exportSnapshot } from './snapshot.js';
import type { ExportStats } from './stats.js';
import type { ExportItem } from './types.js';

/** Runs exportSnapshot, then writes manifest.json and the README.md dataset card into the same sink. */
export async function writeSnapshot(
  items: AsyncIterable<ExportItem> | Iterable<ExportItem>,
  request: ExportRequest,
  sink: ExportSink,
  options: Omit<ManifestInput, 'request' | 'stats'>,
): Promise<{ stats: ExportStats; manifest: DatasetManifest }> {
  const stats = await exportSnapshot(items, request, sink);
  const manifest = await writeSnapshotFiles(sink, { ...options, request, stats });
  return { stats, manifest };
}

/**
 * The second half of writeSnapshot, for callers that run exportSnapshot themselves (with hooks, or a check between the
 * two): builds the manifest, writes manifest.json and the README.md dataset card into the sink, and returns the manifest.
 */
export async function writeSnapshotFiles(sink: ExportSink, input: ManifestInput): Promise<DatasetManifest> {
  const manifest = buildManifest(input);
  await writeText(sink, 'manifest.json', manifestToJson(manifest));
  await writeText(sink, 'README.md', renderDatasetCard(manifest));
  return manifest;
}

async function writeText(sink: ExportSink, name: string, text: string): Promise<void> {
  const file = await sink.open(name);
  await file.write(new TextEncoder().encode(text));
  await file.close();
}
