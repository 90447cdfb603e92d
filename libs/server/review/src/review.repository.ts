import { Injectable } from '@nestjs/common';
import type { LabelContent } from '@clinrank/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { defineSql } from '@clinrank/server-core';

export interface LabelledItemRow {
  id: string;
  external_id: string;
  language: string;
  specialty: string;
  contents: LabelContent[];
  adjudicated: boolean;
  responses: { id: string; text: string }[];
}

export interface ReviewItemRow {
  id: string;
  external_id: string;
  project_id: string;
  language: string;
  specialty: string;
  prompt: string | null;
  messages: unknown;
  reference: string | null;
  is_gold: boolean;
  gold: unknown;
}

export interface ReviewResponseRow {
  id: string;
  external_id: string;
  text: string;
  source: string;
  model: string | null;
  generator: string | null;
}

export interface ReviewLabelRow {
  id: string;
  username: string;
  annotator_kind: string;
  content: LabelContent;
  flags: string[];
  rationale: string | null;
  rewrite: string | null;
  time_spent_ms: number;
  display_order: string[];
  guideline_version: number;
  created_at: Date;
}

export interface AdjudicationRow {
  content: LabelContent;
  rationale: string | null;
  updated_at: Date;
  username: string;
}

export interface GoldLabelRow {
  annotator_id: string;
  username: string;
  content: LabelContent;
  gold: { criterion: string; preferred: string };
}

const LABELLED_ITEMS = defineSql(
  'review.items-with-two-or-more-labels',
  `
  SELECT i.id, i.external_id, i.language, i.specialty, array_agg(l.content ORDER BY l.created_at) AS contents,
         EXISTS (SELECT 1 FROM adjudications a WHERE a.item_id = i.id) AS adjudicated,
         (SELECT json_agg(json_build_object('id', r.id, 'text', left(r.text, 400)) ORDER BY r.position) FROM responses r WHERE r.item_id = i.id) AS responses
    FROM items i JOIN labels l ON l.item_id = i.id
   WHERE i.project_id = $1
   GROUP BY i.id HAVING count(*) >= 2
   ORDER BY i.external_id`,
);
const ITEM = defineSql('review.item', `SELECT * FROM items WHERE id = $1`);
const RESPONSES = defineSql(
  'review.item-responses',
  `SELECT id, external_id, text, source, model, generator FROM responses WHERE item_id = $1 ORDER BY position`,
);
const LABELS = defineSql(
  'review.item-labels',
  `SELECT l.*, u.username, u.kind AS annotator_kind FROM labels l JOIN users u ON u.id = l.annotator_id WHERE l.item_id = $1 ORDER BY l.created_at`,
);
const ADJUDICATION = defineSql(
  'review.item-adjudication',
  `SELECT a.content, a.rationale, a.updated_at, u.username FROM adjudications a JOIN users u ON u.id = a.lead_id WHERE a.item_id = $1`,
);
const ITEM_PROJECT = defineSql('review.item-project', `SELECT project_id FROM items WHERE id = $1`);
const RESPONSE_IDS = defineSql(
  'review.item-response-ids',
  `SELECT id FROM responses WHERE item_id = $1 ORDER BY position`,
);
const LOCK_ADJUDICATION = defineSql(
  'review.lock-adjudication',
  `SELECT content, rationale FROM adjudications WHERE item_id = $1 FOR UPDATE`,
);
const UPSERT_ADJUDICATION = defineSql(
  'review.upsert-adjudication',
  `
  INSERT INTO adjudications (project_id, item_id, lead_id, content, rationale) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (item_id) DO UPDATE SET lead_id = EXCLUDED.lead_id, content = EXCLUDED.content, rationale = EXCLUDED.rationale, updated_at = now()`,
);
const GOLD_LABELS = defineSql(
  'review.gold-labels',
  `
  SELECT l.annotator_id, u.username, l.content, i.gold
    FROM labels l JOIN items i ON i.id = l.item_id JOIN users u ON u.id = l.annotator_id
   WHERE l.project_id = $1 AND i.is_gold AND i.gold IS NOT NULL`,
);

/** The adjudications table's owner, and the reads leads review labels with. */
@Injectable()
export class ReviewRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Items of the project with two or more labels: their label contents in order, responses and adjudication state. */
  async itemsWithTwoOrMoreLabels(projectId: string): Promise<LabelledItemRow[]> {
    return this.dataSource.query(LABELLED_ITEMS.text, [projectId]);
  }

  async item(itemId: string): Promise<ReviewItemRow | null> {
    const [row]: ReviewItemRow[] = await this.dataSource.query(ITEM.text, [itemId]);
    return row ?? null;
  }

  async responses(itemId: string): Promise<ReviewResponseRow[]> {
    return this.dataSource.query(RESPONSES.text, [itemId]);
  }

  async labels(itemId: string): Promise<ReviewLabelRow[]> {
    return this.dataSource.query(LABELS.text, [itemId]);
  }

  async adjudication(itemId: string): Promise<AdjudicationRow | null> {
    const [row]: AdjudicationRow[] = await this.dataSource.query(ADJUDICATION.text, [itemId]);
    return row ?? null;
  }

  async itemProjectId(itemId: string): Promise<string | null> {
    const [row]: { project_id: string }[] = await this.dataSource.query(ITEM_PROJECT.text, [itemId]);
    return row?.project_id ?? null;
  }

  async responseIds(itemId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(RESPONSE_IDS.text, [itemId]);
    return rows.map((row) => row.id);
  }

  async lockAdjudication(
    manager: EntityManager,
    itemId: string,
  ): Promise<{ content: LabelContent; rationale: string | null } | null> {
    const [row]: { content: LabelContent; rationale: string | null }[] = await manager.query(LOCK_ADJUDICATION.text, [
      itemId,
    ]);
    return row ?? null;
  }

  async upsertAdjudication(
    manager: EntityManager,
    adjudication: {
      projectId: string;
      itemId: string;
      leadId: string;
      content: LabelContent;
      rationale: string | null;
    },
  ): Promise<void> {
    await manager.query(UPSERT_ADJUDICATION.text, [
      adjudication.projectId,
      adjudication.itemId,
      adjudication.leadId,
      JSON.stringify(adjudication.content),
      adjudication.rationale,
    ]);
  }

  /** Every label on a gold item of the project, with the gold answer. */
  async goldLabels(projectId: string): Promise<GoldLabelRow[]> {
    return this.dataSource.query(GOLD_LABELS.text, [projectId]);
  }
}
