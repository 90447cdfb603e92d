import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  decideItemOverlap,
  fitLabelOutcomes,
  overlapCriteria,
  readOverlapCriteria,
  targetOverlap,
  type AdaptiveOverlap,
  type DawidSkeneModel,
  type OutcomeLabel,
} from '@clinrank/agreement';
import type { TaskKind } from '@clinrank/domain';
import type { EntityManager } from 'typeorm';
import { ProjectOverlapHooks } from '@clinrank/server-project';
import { AdaptiveOverlapRepository, type OutcomeLabelRow } from './adaptive-overlap.repository.js';

/** The project fields adaptive overlap reads. */
export interface OverlapProject {
  id: string;
  kind: TaskKind;
  criteria: string[];
  scaleMin: number;
  scaleMax: number;
  overlap: number;
  overlapMax: number | null;
  overlapConfidence: number | null;
  /** projects.settings, where `overlapCriteria` says whether every criterion must be confident. */
  settings?: unknown;
}

/** The criteria whose posteriors close an item of this project. */
function criteriaOf(project: OverlapProject): string[] {
  return overlapCriteria(project.kind, readOverlapCriteria(project.settings), project.criteria);
}

/** The project's adaptive overlap, or null for fixed overlap. */
export function adaptiveOverlapOf(project: OverlapProject): AdaptiveOverlap | null {
  if (project.overlapMax === null || project.overlapMax === undefined) return null;
  if (project.overlapConfidence === null || project.overlapConfidence === undefined) return null;
  return { min: project.overlap, max: project.overlapMax, confidence: project.overlapConfidence };
}

interface CachedModel {
  /** What the models were fitted for: kind, scale and criteria (a change refits). */
  shape: string;
  models: Map<string, DawidSkeneModel>;
  /** Labels the model was fitted on, and labels decided on since. */
  fittedOn: number;
  since: number;
}

/** Refit once labels since the last fit exceed this share of those it saw (so every label while a project is small). */
const REFIT_SHARE = 0.05;

function outcomeLabel(row: OutcomeLabelRow): OutcomeLabel {
  return { item: row.item_id, annotator: row.annotator_id, content: row.content };
}

/**
 * Adaptive overlap for the queue. After every label (in the label's transaction, holding the item's row lock), the
 * item's Dawid–Skene posteriors decide whether it closes or needs one more annotator, up to `max`: under 'overall', or
 * under every criterion when the project says so (settings.overlapCriteria 'every'). Pairwise, validation, ranking
 * (the pairwise order of its responses) and rating (each response's score) labels all count. The decision is stored
 * as the item's target overlap, which the lease statements respect. The models (per-annotator confusion matrices, one
 * per criterion) are fitted to the project's labels and refitted as they grow.
 */
@Injectable()
export class AdaptiveOverlapService implements OnModuleInit {
  private readonly models = new Map<string, CachedModel>();

  constructor(
    private readonly repository: AdaptiveOverlapRepository,
    private readonly hooks: ProjectOverlapHooks,
  ) {}

  onModuleInit(): void {
    this.hooks.onOverlapChanged((manager, project) => this.redecideProject(manager, project));
  }

  /** Re-decides the item after a label was stored, changed or taken back; a no-op for fixed overlap. */
  async afterLabel(manager: EntityManager, project: OverlapProject, itemId: string): Promise<void> {
    const overlap = adaptiveOverlapOf(project);
    if (!overlap) return;
    const current = await this.repository.lockItemTarget(manager, itemId);
    const models = await this.criterionModels(manager, project);
    const labels = (await this.repository.itemLabels(manager, itemId)).map(outcomeLabel);
    const target = targetOverlap(decideItemOverlap({ labels, models, overlap }), overlap);
    if (target !== current) await this.repository.setTarget(manager, itemId, target);
  }

  /** Re-decides every item of the project after its overlap settings changed (fixed overlap: forgets the targets). */
  async redecideProject(manager: EntityManager, project: OverlapProject): Promise<void> {
    this.models.delete(project.id);
    await this.repository.clearTargets(manager, project.id);
    const overlap = adaptiveOverlapOf(project);
    if (!overlap) return;
    const rows = await this.repository.projectLabels(manager, project.id);
    const models = await this.fit(manager, project, rows);
    const byItem = new Map<string, OutcomeLabel[]>();
    for (const row of rows) byItem.set(row.item_id, [...(byItem.get(row.item_id) ?? []), outcomeLabel(row)]);
    const targets = new Map<string, number>();
    for (const [item, labels] of byItem)
      targets.set(item, targetOverlap(decideItemOverlap({ labels, models, overlap }), overlap));
    await this.repository.setTargets(manager, project.id, targets);
  }

  private async criterionModels(
    manager: EntityManager,
    project: OverlapProject,
  ): Promise<Map<string, DawidSkeneModel>> {
    const cached = this.models.get(project.id);
    if (cached && cached.shape === shapeOf(project) && cached.since < cached.fittedOn * REFIT_SHARE) {
      cached.since += 1;
      return cached.models;
    }
    return this.fit(manager, project, await this.repository.projectLabels(manager, project.id));
  }

  private async fit(
    manager: EntityManager,
    project: OverlapProject,
    rows: OutcomeLabelRow[],
  ): Promise<Map<string, DawidSkeneModel>> {
    const labels = rows.map(outcomeLabel);
    const scale = { min: project.scaleMin, max: project.scaleMax };
    const models = new Map<string, DawidSkeneModel>();
    for (const criterion of criteriaOf(project)) {
      const gold = await this.repository.goldPreferred(manager, project.id, criterion);
      models.set(criterion, fitLabelOutcomes(project.kind, labels, gold, criterion, scale));
    }
    this.models.set(project.id, { shape: shapeOf(project), models, fittedOn: rows.length, since: 0 });
    return models;
  }
}

function shapeOf(project: OverlapProject): string {
  return JSON.stringify([project.kind, project.scaleMin, project.scaleMax, criteriaOf(project)]);
}
