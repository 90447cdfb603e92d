import type { ChatMessage, LabelContent } from '@clinrank/domain';
import type { AnnotatorKind, ExportItem, ExportLabel, ExportResponse, ProposedPair } from '@clinrank/preference-export';

/**
 * One row per item, in the order the library needs (external id, code-unit order), with its responses and ALL its
 * labels aggregated as JSON by index lookups (responses and labels are both indexed by item_id). Label times come
 * already in the exported form (ISO 8601 UTC, milliseconds truncated like JavaScript's Date) to spare a parse per label.
 */
export const EXPORT_ITEMS_SQL = `
SELECT i.external_id AS id, i.language, i.specialty, i.prompt, i.messages, i.reference, i.is_gold, i.metadata,
  (SELECT coalesce(json_agg(json_build_object('uuid', r.id, 'id', r.external_id, 'text', r.text, 'source', r.source,
            'model', r.model, 'generator', r.generator) ORDER BY r.position), '[]'::json)
     FROM responses r WHERE r.item_id = i.id) AS responses,
  (SELECT coalesce(json_agg(json_build_object('id', l.id, 'annotatorId', u.pseudonym, 'annotatorKind', u.kind,
            'createdAt', to_char(l.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'guidelineVersion', l.guideline_version, 'timeSpentMs', l.time_spent_ms,
            'origin', l.origin, 'displayOrder', l.display_order, 'flags', l.flags, 'rationale', l.rationale,
            'rewrite', l.rewrite, 'content', l.content) ORDER BY l.id), '[]'::json)
     FROM labels l JOIN users u ON u.id = l.annotator_id WHERE l.item_id = i.id) AS labels,
  (SELECT json_build_object('id', a.id, 'leadId', u.pseudonym,
            'createdAt', to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'guidelineVersion', coalesce((SELECT max(l.guideline_version) FROM labels l WHERE l.item_id = i.id), 1),
            'content', a.content, 'rationale', a.rationale)
     FROM adjudications a JOIN users u ON u.id = a.lead_id WHERE a.item_id = i.id) AS adjudication
FROM items i
WHERE i.project_id = $1
ORDER BY i.external_id COLLATE "C"`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** EXPORT_ITEMS_SQL for one project with the id inlined (COPY takes no bind parameters); only a UUID is accepted. */
export function exportItemsSqlFor(projectId: string): string {
  if (!UUID.test(projectId)) throw new Error(`project id must be a UUID, got "${projectId}"`);
  return EXPORT_ITEMS_SQL.replace('$1', `'${projectId.toLowerCase()}'::uuid`);
}

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
    adjudication: row.adjudication ? { ...row.adjudication, createdAt: isoUtcMillis(row.adjudication.createdAt), content: mapContentIds(row.adjudication.content, externalId) } : null,
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
        scores: Object.fromEntries(Object.entries(content.scores).map(([criterion, scores]) => [criterion, Object.fromEntries(Object.entries(scores).map(([id, score]) => [map(id), score]))])),
      };
    case 'validation':
      return { ...content, response: map(content.response) };
  }
}

/** Validation projects keep the generator's proposal in the item metadata as `proposedPair: {chosen, rejected}` (response external ids). */
function readProposedPair(metadata: Record<string, unknown>): ProposedPair | null {
  const value = (metadata.proposedPair ?? metadata.proposed_pair) as Partial<ProposedPair> | undefined;
  if (value && typeof value.chosen === 'string' && typeof value.rejected === 'string') return { chosen: value.chosen, rejected: value.rejected };
  return null;
}
