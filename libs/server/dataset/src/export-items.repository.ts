import { Injectable } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';
import { isUuid, type LabelContent } from '@clinrank/domain';
import type { ItemRow } from '@clinrank/preference-export';
import { defineSql } from '@clinrank/server-core';
import { copyJsonRows, type PgConnection } from './copy-rows.js';

/**
 * One row per item, in the order the library needs (external id, code-unit order), with its responses and ALL its
 * labels aggregated as JSON by index lookups (responses and labels are both indexed by item_id). Label times come
 * already in the exported form (ISO 8601 UTC, milliseconds truncated like JavaScript's Date) to spare a parse per label.
 */
export const EXPORT_ITEMS = defineSql(
  'dataset.export-items',
  `
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
ORDER BY i.external_id COLLATE "C"`,
);
/** The hot path: EXPORT_ITEMS as JSON lines through COPY, which (unlike a cursor) PostgreSQL runs with parallel workers. */
const COPY_EXPORT_ITEMS = defineSql(
  'dataset.copy-export-items',
  `COPY (SELECT row_to_json(q) FROM (${EXPORT_ITEMS.text}) q) TO STDOUT`,
);
const READ_ONLY = defineSql('dataset.read-only', `SET TRANSACTION READ ONLY`);
const COUNT_ITEMS = defineSql('dataset.count-items', `SELECT count(*)::int AS total FROM items WHERE project_id = $1`);
const COUNT_LABELS = defineSql(
  'dataset.count-labels',
  `SELECT count(*)::int AS labels FROM labels WHERE project_id = $1`,
);
const GOLD_LABELS = defineSql(
  'dataset.gold-labels',
  `
  SELECT u.pseudonym, l.content, i.gold
    FROM labels l JOIN items i ON i.id = l.item_id JOIN users u ON u.id = l.annotator_id
   WHERE l.project_id = $1 AND i.is_gold AND i.gold IS NOT NULL`,
);
const DECLARE_EXPORT_CURSOR = defineSql(
  'dataset.declare-export-cursor',
  `DECLARE clinrank_export NO SCROLL CURSOR FOR ${EXPORT_ITEMS.text}`,
);
// $batch: a row count, inlined (FETCH takes no bind parameters).
const FETCH_EXPORT_CURSOR = defineSql('dataset.fetch-export-cursor', `FETCH $batch FROM clinrank_export`);
const CLOSE_EXPORT_CURSOR = defineSql('dataset.close-export-cursor', `CLOSE clinrank_export`);

/** A gold label with its item's gold answer, keyed by the annotator's pseudonym. */
export interface GoldLabelRow {
  pseudonym: string;
  content: LabelContent;
  gold: { criterion: string; preferred: string };
}

/** FETCHes kept queued on the connection, so PostgreSQL starts the next batch as soon as it sends one. */
const FETCHES_AHEAD = 2;

/**
 * The export pass's reads, all on one caller-held query runner (one REPEATABLE READ READ ONLY transaction), so a
 * project still being labelled exports consistently.
 */
@Injectable()
export class ExportItemsRepository {
  /** Starts the export's consistent, read-only transaction on `runner`. */
  async beginConsistentRead(runner: QueryRunner): Promise<void> {
    await runner.startTransaction('REPEATABLE READ');
    await runner.query(READ_ONLY.text);
  }

  async countItems(runner: QueryRunner, projectId: string): Promise<number> {
    const [{ total }]: { total: number }[] = await runner.query(COUNT_ITEMS.text, [projectId]);
    return total;
  }

  async countLabels(runner: QueryRunner, projectId: string): Promise<number> {
    const [{ labels }]: { labels: number }[] = await runner.query(COUNT_LABELS.text, [projectId]);
    return labels;
  }

  /** Labels on the project's gold items, with the gold answer. */
  goldLabels(runner: QueryRunner, projectId: string): Promise<GoldLabelRow[]> {
    return runner.query(GOLD_LABELS.text, [projectId]);
  }

  /**
   * Streams the project's items (EXPORT_ITEMS) through COPY on the runner's connection and transaction. COPY takes no
   * bind parameters, so the project id is inlined, and only a UUID is accepted.
   */
  itemsByCopy(runner: QueryRunner, projectId: string): AsyncGenerator<ItemRow> {
    if (!isUuid(projectId)) throw new Error(`project id must be a UUID, got "${projectId}"`);
    const text = COPY_EXPORT_ITEMS.text.replace('$1', `'${projectId.toLowerCase()}'::uuid`);
    const client = (runner as unknown as { databaseConnection: { query(submittable: object): unknown } })
      .databaseConnection;
    return copyJsonRows<ItemRow>({
      submit: (copy) => client.query(copy),
      send: (connection: PgConnection) => connection.query(text),
    });
  }

  /**
   * Streams the project's items through a server-side cursor, `batchSize` rows per FETCH, with the next batches
   * fetched while the caller processes the current one. The cursor is closed when iteration ends or stops early.
   */
  async *itemsByCursor(runner: QueryRunner, projectId: string, batchSize = 1000): AsyncGenerator<ItemRow> {
    await runner.query(DECLARE_EXPORT_CURSOR.text, [projectId]);
    const fetchBatch = () =>
      runner.query(FETCH_EXPORT_CURSOR.text.replace('$batch', String(batchSize))) as Promise<ItemRow[]>;
    // A FETCH past the end just returns no rows, so queuing ahead is safe; nothing more is queued after a short batch.
    const pending: Promise<ItemRow[]>[] = Array.from({ length: FETCHES_AHEAD }, fetchBatch);
    try {
      while (pending.length > 0) {
        const batch: ItemRow[] = await (pending.shift() as Promise<ItemRow[]>);
        if (batch.length === batchSize) pending.push(fetchBatch());
        yield* batch;
      }
    } finally {
      // Let in-flight FETCHes settle before closing, or the CLOSE would queue behind them anyway and their errors be lost.
      await Promise.all(pending.map((fetch) => fetch.catch(() => undefined)));
      await runner.query(CLOSE_EXPORT_CURSOR.text).catch(() => undefined);
    }
  }
}
