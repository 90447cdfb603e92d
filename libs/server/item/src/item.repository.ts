import { Injectable } from '@nestjs/common';
import type { LabelContent } from '@clinrank/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { copyFromStdin, defineSql } from '@clinrank/server-core';
import { AuditRepository } from '@clinrank/server-audit';

/** An item's stored columns as an import writes them (JSON columns as JSON text). */
export interface ItemColumns {
  language: string;
  specialty: string;
  prompt: string | null;
  messages: string | null;
  reference: string | null;
  metadata: string;
  isGold: boolean;
  contentHash: string;
}

export interface ResponseColumns {
  externalId: string;
  position: number;
  text: string;
  source: string;
  model: string | null;
  modelVersion: string | null;
  generator: string | null;
}

export interface StoredResponseRow {
  id: string;
  external_id: string;
  text: string;
  /** Some label showed this response. */
  labelled: boolean;
}

export interface ImportedLabel {
  projectId: string;
  itemId: string;
  annotatorId: string;
  submissionId: string;
  kind: string;
  /** JSON text. */
  content: string;
  shown: string[];
  pairKey: string;
  guidelineVersion: number;
}

/** The browse filter in the shape of its one statement: null leaves a condition out. */
export interface ItemBrowseFilter {
  projectId: string;
  /** An ILIKE pattern, already escaped. */
  pattern: string | null;
  language: string | null;
  specialty: string | null;
  gold: boolean | null;
  minLabels: number | null;
  status: 'unlabelled' | 'in_progress' | 'complete' | null;
  overlap: number;
  flagged: boolean;
  /** Only these items (the disagreement filter), or null for any. */
  itemIds: string[] | null;
}

export interface BrowsedItemRow {
  id: string;
  external_id: string;
  language: string;
  specialty: string;
  is_gold: boolean;
  label_count: number;
  /** Adaptive overlap's decision for the item; null: the project's overlap. */
  target_overlap: number | null;
  excerpt: string;
  adjudicated: boolean;
  flags: string[];
}

export interface LockedItemRow {
  id: string;
  external_id: string;
  label_count: number;
  is_gold: boolean;
  gold: unknown;
  ruling: LabelContent | null;
}

/** `items.label_count` is the number of distinct annotators with a label on the item; this is its one formula. */
const RECOUNT_LABELS = defineSql(
  'item.recount-labels',
  `UPDATE items SET label_count = (SELECT count(DISTINCT annotator_id) FROM labels WHERE item_id = $1) WHERE id = $1`,
);
const LOCK_ITEM = defineSql('item.lock', `SELECT id FROM items WHERE id = $1 FOR UPDATE`);

const LOCK_BY_EXTERNAL_ID = defineSql(
  'item.lock-by-external-id',
  `SELECT id, content_hash FROM items WHERE project_id = $1 AND external_id = $2 FOR UPDATE`,
);
const INSERT_ITEM = defineSql(
  'item.insert',
  `
  INSERT INTO items (project_id, external_id, language, specialty, prompt, messages, reference, metadata, is_gold, content_hash)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
);
const SET_IMPORTED_GOLD = defineSql('item.set-imported-gold', `UPDATE items SET gold = $2 WHERE id = $1`);
const UPDATE_ITEM = defineSql(
  'item.update-imported',
  `UPDATE items SET language = $2, specialty = $3, prompt = $4, messages = $5, reference = $6, metadata = $7, is_gold = $8, gold = $9, content_hash = $10 WHERE id = $1`,
);
const INSERT_RESPONSE = defineSql(
  'item.insert-response',
  `
  INSERT INTO responses (item_id, external_id, position, text, source, model, model_version, generator)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
);
const STORED_RESPONSES = defineSql(
  'item.responses-with-labelled',
  `
  SELECT r.id, r.external_id, r.text,
         EXISTS (SELECT 1 FROM labels l WHERE l.item_id = r.item_id AND r.id = ANY(l.display_order)) AS labelled
    FROM responses r WHERE r.item_id = $1`,
);
const DELETE_RESPONSE = defineSql('item.delete-response', `DELETE FROM responses WHERE id = $1`);
const UPDATE_RESPONSE = defineSql(
  'item.update-response',
  `UPDATE responses SET text = $2, source = $3, model = $4, model_version = $5, generator = $6 WHERE id = $1`,
);
const RESPONSE_IDS = defineSql('item.response-ids', `SELECT id, external_id FROM responses WHERE item_id = $1`);
/** Imported labels are written by the import that carries them; one per (item, annotator, pair), updated when changed. */
const UPSERT_IMPORTED_LABEL = defineSql(
  'item.upsert-imported-label',
  `
  WITH previous AS (SELECT content FROM labels WHERE item_id = $2 AND annotator_id = $3 AND pair_key = $8)
  INSERT INTO labels (project_id, item_id, annotator_id, submission_id, kind, content, display_order, guideline_version, origin, pair_key)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $9, 'import', $8)
  ON CONFLICT (item_id, annotator_id, pair_key) DO UPDATE SET content = EXCLUDED.content, updated_at = now()
    WHERE labels.content IS DISTINCT FROM EXCLUDED.content
  RETURNING id, (xmax = 0) AS inserted, (SELECT content FROM previous) AS before`,
);

/**
 * The bulk import's staging table: one row per good line of a batch, the item as the import stores it (JSON), filled by
 * COPY. Temporary, so it lives on the import's connection only.
 */
const CREATE_STAGING = defineSql(
  'item.create-import-staging',
  `CREATE TEMP TABLE IF NOT EXISTS item_import_staging (line int NOT NULL, doc jsonb NOT NULL)`,
);
const CLEAR_STAGING = defineSql('item.clear-import-staging', `TRUNCATE item_import_staging`);
const DROP_STAGING = defineSql('item.drop-import-staging', `DROP TABLE IF EXISTS item_import_staging`);
const COPY_STAGING = defineSql('item.copy-import-staging', `COPY item_import_staging (line, doc) FROM STDIN`);
/** The project's items among `externalIds`, with their content hashes (one probe of the unique index per id). */
const EXISTING_BY_EXTERNAL_ID = defineSql(
  'item.existing-by-external-id',
  `SELECT external_id, content_hash FROM items WHERE project_id = $1 AND external_id = ANY($2::text[])`,
);
/**
 * Inserts every staged item, with its responses, its imported labels and the audit rows (`item.create`, `label.create`),
 * in one statement without joins to the stored tables: the ids come from the stage, so the responses, the gold answer
 * and the labels can name them; each label names its annotator by username, resolved through $4 (username → id). The
 * caller stages only items the project did not have; one inserted meanwhile by another import fails the statement (a
 * unique violation), and the caller stores that batch line by line instead.
 */
const INSERT_STAGED = defineSql(
  'item.insert-staged',
  `
  WITH staged AS MATERIALIZED (
    -- Each document is read (and de-TOASTed) once, into typed columns.
    SELECT d.* FROM item_import_staging s,
           jsonb_to_record(s.doc) AS d("itemId" uuid, id text, hash text, language text, specialty text, prompt text,
                                       messages jsonb, reference text, metadata jsonb, "isGold" boolean, gold jsonb,
                                       responses jsonb, labels jsonb, "labelCount" int)
  ), staged_label AS MATERIALIZED (
    SELECT staged."itemId", l.* FROM staged,
           jsonb_to_recordset(staged.labels) AS l(annotator text, name text, "submissionId" uuid, content jsonb,
                                                   shown uuid[], "pairKey" text)
  ), item AS (
    INSERT INTO items (id, project_id, external_id, language, specialty, prompt, messages, reference, metadata, is_gold, gold,
                       content_hash, label_count)
    SELECT "itemId", $1, id, language, specialty, prompt, nullif(messages, 'null'::jsonb), reference, metadata, "isGold",
           nullif(gold, 'null'::jsonb), hash, coalesce("labelCount", 0)
      FROM staged
    RETURNING 1
  ), response AS (
    INSERT INTO responses (id, item_id, external_id, position, text, source, model, model_version, generator)
    SELECT r.uuid, staged."itemId", r.id, r.position, r.text, r.source, r.model, r."modelVersion", r.generator
      FROM staged,
           jsonb_to_recordset(staged.responses) AS r(uuid uuid, id text, position int, text text, source text, model text,
                                                     "modelVersion" text, generator text)
  ), audit AS (
    ${AuditRepository.insertFromCte({ actor: '$2', actorUserId: '$3::uuid', action: `'item.create'`, entityType: `'item'`, entityId: 'staged."itemId"::text', projectId: '$1', after: `jsonb_build_object('externalId', staged.id, 'responses', jsonb_array_length(staged.responses))`, details: 'NULL', from: 'staged' })}
  ), label AS (
    INSERT INTO labels (project_id, item_id, annotator_id, submission_id, kind, content, display_order, guideline_version,
                        origin, pair_key)
    SELECT $1, l."itemId", ($4::jsonb ->> l.annotator)::uuid, l."submissionId", $5, l.content, l.shown, $6, 'import',
           l."pairKey"
      FROM staged_label l
    RETURNING id, submission_id, content
  ), label_audit AS (
    ${AuditRepository.insertFromCte({ actor: '$2', actorUserId: '$3::uuid', action: `'label.create'`, entityType: `'label'`, entityId: 'label.id::text', projectId: '$1', after: 'label.content', details: `jsonb_build_object('origin', 'import', 'annotator', l.name)`, from: 'label JOIN staged_label l ON l."submissionId" = label.submission_id' })}
  )
  SELECT (SELECT count(*)::int FROM item) AS inserted, (SELECT count(*)::int FROM label) AS labels`,
);

/** What the staged items' insert needs besides the stage: the project, the annotators by username, the actor. */
export interface StagedBatchContext {
  projectId: string;
  kind: string;
  guidelineVersion: number;
  /** Username → user id of every annotator the staged labels name. */
  annotators: Record<string, string>;
  actor: string;
  actorUserId: string | null;
}

const BROWSE_WHERE = `i.project_id = $1
     AND ($2::text IS NULL OR i.external_id ILIKE $2 OR coalesce(i.prompt, i.messages::text) ILIKE $2)
     AND ($3::text IS NULL OR i.language = $3)
     AND ($4::text IS NULL OR i.specialty = $4)
     AND ($5::boolean IS NULL OR i.is_gold = $5)
     AND ($6::int IS NULL OR i.label_count >= $6)
     AND ($7::text IS NULL OR ($7 = 'unlabelled' AND i.label_count = 0)
          OR ($7 = 'in_progress' AND i.label_count > 0 AND i.label_count < coalesce(i.target_overlap, $8))
          OR ($7 = 'complete' AND i.label_count >= coalesce(i.target_overlap, $8)))
     AND (NOT $9::boolean OR EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id AND cardinality(l.flags) > 0))
     AND ($10::uuid[] IS NULL OR i.id = ANY($10::uuid[]))`;
const BROWSE_COUNT = defineSql('item.browse-count', `SELECT count(*)::int AS total FROM items i WHERE ${BROWSE_WHERE}`);
const BROWSE_PAGE = defineSql(
  'item.browse-page',
  `
  SELECT i.id, i.external_id, i.language, i.specialty, i.is_gold, i.label_count, i.target_overlap,
         left(coalesce(i.prompt, i.messages::text), 160) AS excerpt,
         EXISTS (SELECT 1 FROM adjudications a WHERE a.item_id = i.id) AS adjudicated,
         coalesce((SELECT array_agg(DISTINCT f) FROM labels l, unnest(l.flags) f WHERE l.item_id = i.id), '{}') AS flags
    FROM items i WHERE ${BROWSE_WHERE}
   ORDER BY i.external_id LIMIT $11 OFFSET $12`,
);
const COUNT_IN_PROJECT = defineSql(
  'item.count-in-project',
  `SELECT count(*)::int AS all FROM items WHERE project_id = $1`,
);
const LOCK_FOR_BULK = defineSql(
  'item.lock-for-bulk',
  `
  SELECT i.id, i.external_id, i.label_count, i.is_gold, i.gold, a.content AS ruling
    FROM items i LEFT JOIN adjudications a ON a.item_id = i.id
   WHERE i.project_id = $1 AND i.id = ANY($2::uuid[]) ORDER BY i.external_id FOR UPDATE OF i`,
);
const DELETE_ITEM = defineSql('item.delete', `DELETE FROM items WHERE id = $1`);
/** Fresh planner statistics for the queue's tables, with the tables' owner's rights (migration 1763900100000). */
const REFRESH_QUEUE_STATISTICS = defineSql(
  'item.refresh-queue-statistics',
  `SELECT clinrank_refresh_queue_statistics()`,
);
const SET_GOLD = defineSql('item.set-gold', `UPDATE items SET is_gold = true, gold = $2 WHERE id = $1`);
const UNSET_GOLD = defineSql('item.unset-gold', `UPDATE items SET is_gold = false, gold = NULL WHERE id = $1`);
const LABEL_CONTENTS_BY_ITEM = defineSql(
  'item.label-contents-of-multiply-labelled',
  `SELECT l.item_id AS id, array_agg(l.content) AS contents FROM labels l WHERE l.project_id = $1 GROUP BY l.item_id HAVING count(*) >= 2`,
);

function browseParameters(filter: ItemBrowseFilter): unknown[] {
  return [
    filter.projectId,
    filter.pattern,
    filter.language,
    filter.specialty,
    filter.gold,
    filter.minLabels,
    filter.status,
    filter.overlap,
    filter.flagged,
    filter.itemIds,
  ];
}

/** The items and responses tables' owner, and the one owner of `items.label_count`. */
@Injectable()
export class ItemRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The `UPDATE items …` fragment the label submit statement embeds as a CTE: one new label from an annotator who had none on
   * the item (the queue guarantees it) adds one to the count, without recounting on the hot path. The submitted task was
   * leased, so the item has one open lease fewer: counted here, in the row version the label writes anyway, and left
   * out of the tasks triggers (migration OpenLeaseCount).
   */
  static countNewLabelFromCte(itemId: string): string {
    return `UPDATE items SET label_count = label_count + 1, open_leases = open_leases - 1,
                            open_leases_live_until = CASE WHEN open_leases = 1 THEN NULL ELSE open_leases_live_until END
             WHERE id = ${itemId}`;
  }

  /**
   * ANALYZE of items and responses: after a large import, so the next-task statement reads the queue index in order
   * rather than sorting a project the planner believes is empty.
   */
  async refreshQueueStatistics(manager: EntityManager): Promise<void> {
    await manager.query(REFRESH_QUEUE_STATISTICS.text);
  }

  /** Sets the item's label count from its labels, after labels were imported or taken back. */
  async recountLabels(manager: EntityManager, itemId: string): Promise<void> {
    await manager.query(RECOUNT_LABELS.text, [itemId]);
  }

  /** Takes the item's row lock for the caller's transaction (leases and late submissions on an item serialise on it). */
  async lockItem(manager: EntityManager, itemId: string): Promise<void> {
    await manager.query(LOCK_ITEM.text, [itemId]);
  }

  async lockByExternalId(
    manager: EntityManager,
    projectId: string,
    externalId: string,
  ): Promise<{ id: string; content_hash: string } | null> {
    const [row]: { id: string; content_hash: string }[] = await manager.query(LOCK_BY_EXTERNAL_ID.text, [
      projectId,
      externalId,
    ]);
    return row ?? null;
  }

  async insertItem(manager: EntityManager, projectId: string, externalId: string, item: ItemColumns): Promise<string> {
    const [row]: { id: string }[] = await manager.query(INSERT_ITEM.text, [
      projectId,
      externalId,
      item.language,
      item.specialty,
      item.prompt,
      item.messages,
      item.reference,
      item.metadata,
      item.isGold,
      item.contentHash,
    ]);
    return row.id;
  }

  /** Stores an imported item's gold answer (JSON text), once its responses have ids. */
  async setImportedGold(manager: EntityManager, itemId: string, gold: string): Promise<void> {
    await manager.query(SET_IMPORTED_GOLD.text, [itemId, gold]);
  }

  async updateItem(manager: EntityManager, itemId: string, item: ItemColumns, gold: string | null): Promise<void> {
    await manager.query(UPDATE_ITEM.text, [
      itemId,
      item.language,
      item.specialty,
      item.prompt,
      item.messages,
      item.reference,
      item.metadata,
      item.isGold,
      gold,
      item.contentHash,
    ]);
  }

  async insertResponse(manager: EntityManager, itemId: string, response: ResponseColumns): Promise<string> {
    const [row]: { id: string }[] = await manager.query(INSERT_RESPONSE.text, [
      itemId,
      response.externalId,
      response.position,
      response.text,
      response.source,
      response.model,
      response.modelVersion,
      response.generator,
    ]);
    return row.id;
  }

  /** The item's responses, each with whether a label showed it. */
  async storedResponses(manager: EntityManager, itemId: string): Promise<StoredResponseRow[]> {
    return manager.query(STORED_RESPONSES.text, [itemId]);
  }

  async deleteResponse(manager: EntityManager, responseId: string): Promise<void> {
    await manager.query(DELETE_RESPONSE.text, [responseId]);
  }

  async updateResponse(
    manager: EntityManager,
    responseId: string,
    response: Omit<ResponseColumns, 'externalId' | 'position'>,
  ): Promise<void> {
    await manager.query(UPDATE_RESPONSE.text, [
      responseId,
      response.text,
      response.source,
      response.model,
      response.modelVersion,
      response.generator,
    ]);
  }

  async responseIds(manager: EntityManager, itemId: string): Promise<{ id: string; external_id: string }[]> {
    return manager.query(RESPONSE_IDS.text, [itemId]);
  }

  /** Inserts or updates one imported label; null when it was already stored unchanged. */
  async upsertImportedLabel(
    manager: EntityManager,
    label: ImportedLabel,
  ): Promise<{ id: string; inserted: boolean; before: LabelContent | null } | null> {
    const rows: { id: string; inserted: boolean; before: LabelContent | null }[] = await manager.query(
      UPSERT_IMPORTED_LABEL.text,
      [
        label.projectId,
        label.itemId,
        label.annotatorId,
        label.submissionId,
        label.kind,
        label.content,
        label.shown,
        label.pairKey,
        label.guidelineVersion,
      ],
    );
    return rows[0] ?? null;
  }

  /** Creates the import's staging table on the manager's connection (a no-op when it is there already). */
  async createImportStaging(manager: EntityManager): Promise<void> {
    await manager.query(CREATE_STAGING.text);
  }

  async dropImportStaging(manager: EntityManager): Promise<void> {
    await manager.query(DROP_STAGING.text);
  }

  /**
   * Empties the staging table and fills it with `rows` by COPY: each row is `line`, a tab, and the item's JSON, escaped
   * for COPY's text format. Returns the number of rows copied.
   */
  async stageImportBatch(manager: EntityManager, rows: readonly Buffer[]): Promise<number> {
    await manager.query(CLEAR_STAGING.text);
    return copyFromStdin(manager, COPY_STAGING.text, rows);
  }

  /** The project's items among `externalIds`: external id → content hash. */
  async existingByExternalId(
    manager: EntityManager,
    projectId: string,
    externalIds: string[],
  ): Promise<Map<string, string>> {
    const rows: { external_id: string; content_hash: string }[] = await manager.query(EXISTING_BY_EXTERNAL_ID.text, [
      projectId,
      externalIds,
    ]);
    return new Map(rows.map((row) => [row.external_id, row.content_hash]));
  }

  /** Stores every staged item and its labels (see INSERT_STAGED); returns how many of each. */
  async insertStaged(manager: EntityManager, batch: StagedBatchContext): Promise<{ items: number; labels: number }> {
    const [row]: { inserted: number; labels: number }[] = await manager.query(INSERT_STAGED.text, [
      batch.projectId,
      batch.actor,
      batch.actorUserId,
      JSON.stringify(batch.annotators),
      batch.kind,
      batch.guidelineVersion,
    ]);
    return { items: row.inserted, labels: row.labels };
  }

  async countBrowsed(filter: ItemBrowseFilter): Promise<number> {
    const [row]: { total: number }[] = await this.dataSource.query(BROWSE_COUNT.text, browseParameters(filter));
    return row.total;
  }

  async browsePage(filter: ItemBrowseFilter, limit: number, offset: number): Promise<BrowsedItemRow[]> {
    return this.dataSource.query(BROWSE_PAGE.text, [...browseParameters(filter), limit, offset]);
  }

  async countInProject(projectId: string): Promise<number> {
    const [row]: { all: number }[] = await this.dataSource.query(COUNT_IN_PROJECT.text, [projectId]);
    return row.all;
  }

  /** The chosen items of the project, locked, with their adjudicated ruling. */
  async lockForBulk(manager: EntityManager, projectId: string, itemIds: string[]): Promise<LockedItemRow[]> {
    return manager.query(LOCK_FOR_BULK.text, [projectId, itemIds]);
  }

  async deleteItem(manager: EntityManager, itemId: string): Promise<void> {
    await manager.query(DELETE_ITEM.text, [itemId]);
  }

  async setGold(manager: EntityManager, itemId: string, gold: string): Promise<void> {
    await manager.query(SET_GOLD.text, [itemId, gold]);
  }

  async unsetGold(manager: EntityManager, itemId: string): Promise<void> {
    await manager.query(UNSET_GOLD.text, [itemId]);
  }

  /** Per item of the project with two or more labels, every label's content. */
  async labelContentsOfMultiplyLabelled(projectId: string): Promise<{ id: string; contents: LabelContent[] }[]> {
    return this.dataSource.query(LABEL_CONTENTS_BY_ITEM.text, [projectId]);
  }
}
