import type { ChatMessage, LabelContent } from '@clinrank/domain';
import type { AnnotatorKind, ExportItem, ExportLabel, ExportResponse, ProposedPair } from './types.js';

export interface ResponseRow {
  uuid: string;
  id: string;
  text: string;
  source: ExportResponse['source'];
  model: string | null;
  generator: string | null;
}

export interface LabelRow {
  id: string;
  annotatorId: string;
  annotatorKind: AnnotatorKind;
  createdAt: string;
  guidelineVersion: number;
  timeSpentMs: number;
  origin: 'ui' | 'import';
  displayOrder: string[];
  flags: ExportLabel['flags'];
  rationale: string | null;
  rewrite: string | null;
  content: LabelContent;
}

export interface AdjudicationRow {
  id: string;
  leadId: string;
  createdAt: string;
  guidelineVersion: number;
  content: LabelContent;
  rationale: string | null;
}

export interface ItemRow {
  id: string;
  language: string;
  specialty: string;
  prompt: string | null;
  messages: ChatMessage[] | null;
  reference: string | null;
  is_gold: boolean;
  metadata: Record<string, unknown> | null;
  responses: ResponseRow[];
  labels: LabelRow[];
  /** Absent in rows from before adjudications were exported (tests build rows by hand). */
  adjudication?: AdjudicationRow | null;
}

type IdMap = (uuid: string) => string;

/** Maps one database row to the library's ExportItem; response UUIDs become the responses' external ids everywhere. */
export function toExportItem(row: ItemRow): ExportItem {
  const externalId = externalIdOf(row.responses);
  const metadata = row.metadata ?? {};
  const item: ExportItem = {
    id: row.id,
    language: row.language,
    specialty: row.specialty === '' ? null : row.specialty,
    reference: row.reference,
    isGold: row.is_gold,
    metadata,
    responses: row.responses.map(({ id, text, source, model, generator }) => ({ id, text, source, model, generator })),
    labels: row.labels.map((label) => toExportLabel(label, externalId)),
    proposedPair: readProposedPair(metadata),
    adjudication: row.adjudication
      ? {
          ...row.adjudication,
          createdAt: isoUtcMillis(row.adjudication.createdAt),
          content: mapContentIds(row.adjudication.content, externalId),
        }
      : null,
  };
  if (row.messages) item.messages = row.messages;
  else item.prompt = row.prompt ?? '';
  return item;
}

function toExportLabel(row: LabelRow, externalId: IdMap): ExportLabel {
  return {
    id: row.id,
    annotatorId: row.annotatorId,
    annotatorKind: row.annotatorKind,
    createdAt: isoUtcMillis(row.createdAt),
    guidelineVersion: row.guidelineVersion,
    // Imported labels never measured the time spent; 0 would read as "instant".
    timeSpentMs: row.origin === 'import' ? null : row.timeSpentMs,
    displayOrder: row.displayOrder.map(externalId),
    flags: row.flags,
    rationale: row.rationale,
    rewrite: row.rewrite,
    content: mapContentIds(row.content, externalId),
  };
}

// An item has a handful of responses: a linear scan beats building a Map per item.
function externalIdOf(responses: ResponseRow[]): IdMap {
  return (uuid) => {
    for (const response of responses) if (response.uuid === uuid) return response.id;
    return uuid;
  };
}

const ISO_UTC_MILLIS_LENGTH = 'YYYY-MM-DDTHH:MM:SS.mmmZ'.length;

/** A timestamp as toISOString writes it; the SQL already sends that form, so it is only parsed when it differs. */
function isoUtcMillis(timestamp: string): string {
  if (timestamp.length === ISO_UTC_MILLIS_LENGTH && timestamp.endsWith('Z')) return timestamp;
  return new Date(timestamp).toISOString();
}

/** Rewrites the response references inside a stored label content (UUIDs) with another id space. */
export function mapContentIds(content: LabelContent, map: IdMap): LabelContent {
  switch (content.kind) {
    case 'pairwise':
      return { ...content, a: map(content.a), b: map(content.b) };
    case 'ranking':
      return { ...content, ranking: content.ranking.map((group) => group.map(map)) };
    case 'rating':
      return {
        ...content,
        scores: Object.fromEntries(
          Object.entries(content.scores).map(([criterion, scores]) => [
            criterion,
            Object.fromEntries(Object.entries(scores).map(([id, score]) => [map(id), score])),
          ]),
        ),
      };
    case 'validation':
      return { ...content, response: map(content.response) };
  }
}

/** Validation projects keep the generator's proposal in the item metadata as `proposedPair: {chosen, rejected}` (response external ids). */
function readProposedPair(metadata: Record<string, unknown>): ProposedPair | null {
  const value = (metadata.proposedPair ?? metadata.proposed_pair) as Partial<ProposedPair> | undefined;
  if (value && typeof value.chosen === 'string' && typeof value.rejected === 'string')
    return { chosen: value.chosen, rejected: value.rejected };
  return null;
}
