import { canonicalJson, sortKeysDeep } from './canonical-json.js';
import type { ExportRequest } from './request.js';
import type { ExportStats } from './stats.js';

export interface ManifestInput {
  request: ExportRequest;
  stats: ExportStats;
  /** Version of the code that produced the files (e.g. a git commit). */
  codeVersion: string;
  /** Only timestamps passed in are written, so the manifest is reproducible. */
  createdAt?: string | null;
  /** A name for the dataset card. */
  name?: string;
  /** Extra agreement statistics computed elsewhere (e.g. Krippendorff's alpha), merged into `agreement`. */
  agreementExtras?: Record<string, unknown>;
}

/** The `manifest.json` content: request, counts, agreement, file digests and code version; keys sorted at every depth. */
export interface DatasetManifest {
  name: string;
  codeVersion: string;
  createdAt: string | null;
  request: Record<string, unknown>;
  counts: {
    itemsSeen: number;
    itemsExported: number;
    itemsAdjudicated: number;
    pairsDroppedIdenticalText: number;
    answerTextsInSeveralSplits: number;
    excluded: Record<string, number>;
    splits: ExportStats['splits'];
    labelsByKind: Record<string, number>;
    recordsByLanguage: Record<string, number>;
    labelsByAnnotator: Record<string, number>;
    annotators: number;
    itemsByStratum: ExportStats['itemsByStratum'];
  };
  agreement: Record<string, unknown>;
  files: ExportStats['files'];
}

/** A request as plain JSON (the annotator-weight Map becomes a sorted object). */
export function requestToJson(request: ExportRequest): Record<string, unknown> {
  // The fitted posteriors are derived data, not part of the request.
  const { pairPosteriors: _posteriors, ...rest } = request;
  return sortKeysDeep({
    ...rest,
    annotatorWeights: request.annotatorWeights ? Object.fromEntries(request.annotatorWeights) : null,
  }) as Record<string, unknown>;
}

/** Builds the manifest of an export from its normalised request and stats. */
export function buildManifest(input: ManifestInput): DatasetManifest {
  const { stats } = input;
  const manifest: DatasetManifest = {
    name: input.name ?? `clinrank-${input.request.format}`,
    codeVersion: input.codeVersion,
    createdAt: input.createdAt ?? null,
    request: requestToJson(input.request),
    counts: {
      itemsSeen: stats.itemsSeen,
      itemsExported: stats.itemsExported,
      itemsAdjudicated: stats.itemsAdjudicated,
      pairsDroppedIdenticalText: stats.pairsDroppedIdenticalText,
      answerTextsInSeveralSplits: stats.answerTextsInSeveralSplits,
      excluded: stats.excluded,
      splits: stats.splits,
      labelsByKind: stats.labelsByKind,
      recordsByLanguage: stats.recordsByLanguage,
      labelsByAnnotator: stats.labelsByAnnotator,
      annotators: Object.keys(stats.labelsByAnnotator).length,
      itemsByStratum: stats.itemsByStratum,
    },
    agreement: { ...stats.agreement, ...(input.agreementExtras ?? {}) },
    files: stats.files,
  };
  return sortKeysDeep(manifest) as DatasetManifest;
}

/** The manifest as written to manifest.json: sorted keys, two-space indent, trailing newline. */
export function manifestToJson(manifest: DatasetManifest): string {
  return `${canonicalJson(manifest, 2)}\n`;
}
