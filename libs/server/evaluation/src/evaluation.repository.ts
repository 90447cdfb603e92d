import { Inject, Injectable } from '@nestjs/common';
import type { LabelContent, ValidationContent } from '@clinrank/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { defineSql } from '@clinrank/server-core';

/** A model answer of a non-gold item, with what its references are read from. */
export interface ModelAnswerRow {
  id: string;
  model: string;
  text: string;
  language: string;
  reference: string | null;
  metadata: Record<string, unknown>;
}

export interface ValidationLabelRow {
  content: ValidationContent;
  username: string;
  generator: string | null;
}

export interface CampaignLabelRow {
  item_id: string;
  content: LabelContent;
  username: string;
  annotator_kind: string;
  language: string;
  specialty: string;
  metadata: Record<string, unknown>;
}

const ITEMS_STAMP = defineSql(
  'evaluation.items-stamp',
  `SELECT count(*) || ':' || md5(coalesce(string_agg(content_hash, ',' ORDER BY id), '')) AS stamp FROM items WHERE project_id = $1`,
);
const LOCK_CAMPAIGN_PLAN = defineSql(
  'evaluation.lock-campaign-plan',
  `SELECT settings->'campaign' AS campaign FROM projects WHERE id = $1 FOR UPDATE`,
);
const STORE_CAMPAIGN_PLAN = defineSql(
  'evaluation.store-campaign-plan',
  `UPDATE projects SET settings = settings || jsonb_build_object('campaign', $2::jsonb), updated_at = now() WHERE id = $1`,
);
const MODEL_ANSWERS = defineSql(
  'evaluation.model-answers',
  `
  SELECT r.id, r.model, r.text, i.language, i.reference, i.metadata
    FROM responses r JOIN items i ON i.id = r.item_id
   WHERE i.project_id = $1 AND NOT i.is_gold AND r.model IS NOT NULL AND r.model <> ''
   ORDER BY i.external_id, r.position`,
);
const VALIDATION_LABELS = defineSql(
  'evaluation.validation-labels',
  `
  SELECT l.content, u.username, r.generator
    FROM labels l JOIN users u ON u.id = l.annotator_id JOIN items i ON i.id = l.item_id
    JOIN responses r ON r.id = (l.content->>'response')::uuid
   WHERE l.project_id = $1 AND l.kind = 'validation' AND NOT i.is_gold
   ORDER BY l.created_at, l.id`,
);
const CAMPAIGN_LABELS = defineSql(
  'evaluation.campaign-labels',
  `
  SELECT l.item_id, l.content, u.username, u.kind AS annotator_kind, i.language, i.specialty, i.metadata
    FROM labels l JOIN users u ON u.id = l.annotator_id JOIN items i ON i.id = l.item_id
   WHERE l.project_id = $1 AND NOT i.is_gold
   ORDER BY l.created_at, l.id`,
);
const RESPONSE_MODELS = defineSql(
  'evaluation.response-models',
  `SELECT r.id, r.model FROM responses r JOIN items i ON i.id = r.item_id WHERE i.project_id = $1`,
);
const MODELS = defineSql(
  'evaluation.models',
  `SELECT DISTINCT r.model FROM responses r JOIN items i ON i.id = r.item_id WHERE i.project_id = $1 AND r.model IS NOT NULL AND r.model <> '' ORDER BY 1`,
);

/**
 * What the evaluation reports read (a project's answers and non-gold labels), and the campaign plan kept in
 * projects.settings.campaign.
 */
@Injectable()
export class EvaluationRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Changes when items are imported, updated or removed. */
  async itemsStamp(projectId: string): Promise<string> {
    const [row]: { stamp: string }[] = await this.dataSource.query(ITEMS_STAMP.text, [projectId]);
    return row.stamp;
  }

  /** The stored campaign plan, with the project row locked for the caller's transaction. */
  async lockCampaignPlan(manager: EntityManager, projectId: string): Promise<unknown> {
    const [row]: { campaign: unknown }[] = await manager.query(LOCK_CAMPAIGN_PLAN.text, [projectId]);
    return row?.campaign ?? null;
  }

  async storeCampaignPlan(manager: EntityManager, projectId: string, plan: unknown): Promise<void> {
    await manager.query(STORE_CAMPAIGN_PLAN.text, [projectId, JSON.stringify(plan)]);
  }

  modelAnswers(projectId: string): Promise<ModelAnswerRow[]> {
    return this.dataSource.query(MODEL_ANSWERS.text, [projectId]);
  }

  validationLabels(projectId: string): Promise<ValidationLabelRow[]> {
    return this.dataSource.query(VALIDATION_LABELS.text, [projectId]);
  }

  campaignLabels(projectId: string): Promise<CampaignLabelRow[]> {
    return this.dataSource.query(CAMPAIGN_LABELS.text, [projectId]);
  }

  responseModels(projectId: string): Promise<{ id: string; model: string | null }[]> {
    return this.dataSource.query(RESPONSE_MODELS.text, [projectId]);
  }

  /** The distinct model names of the project's responses, sorted. */
  async models(projectId: string): Promise<string[]> {
    const rows: { model: string }[] = await this.dataSource.query(MODELS.text, [projectId]);
    return rows.map((row) => row.model);
  }
}
