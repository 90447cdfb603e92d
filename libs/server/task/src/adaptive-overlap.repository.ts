import { Injectable } from '@nestjs/common';
import type { LabelContent } from '@clinrank/domain';
import type { EntityManager } from 'typeorm';
import { defineSql } from '@clinrank/server-core';

/** A label as the reliability model reads it. */
export interface OutcomeLabelRow {
  item_id: string;
  annotator_id: string;
  content: LabelContent;
}

const LOCK_ITEM_TARGET = defineSql(
  'task.adaptive-overlap-lock-item-target',
  `SELECT target_overlap FROM items WHERE id = $1 FOR UPDATE`,
);
const ITEM_LABELS = defineSql(
  'task.adaptive-overlap-item-labels',
  `SELECT item_id, annotator_id, content FROM labels WHERE item_id = $1`,
);
const PROJECT_LABELS = defineSql(
  'task.adaptive-overlap-project-labels',
  `SELECT item_id, annotator_id, content FROM labels WHERE project_id = $1`,
);
const GOLD_PREFERRED = defineSql(
  'task.adaptive-overlap-gold-preferred',
  `SELECT id, gold->>'preferred' AS preferred FROM items
    WHERE project_id = $1 AND is_gold AND gold->>'criterion' = $2 AND gold->>'preferred' IS NOT NULL`,
);
const SET_TARGET = defineSql('task.adaptive-overlap-set-target', `UPDATE items SET target_overlap = $2 WHERE id = $1`);
const SET_TARGETS = defineSql(
  'task.adaptive-overlap-set-targets',
  `UPDATE items i SET target_overlap = t.target
     FROM unnest($2::uuid[], $3::int[]) AS t(id, target)
    WHERE i.id = t.id AND i.project_id = $1`,
);
const CLEAR_TARGETS = defineSql(
  'task.adaptive-overlap-clear-targets',
  `UPDATE items SET target_overlap = NULL WHERE project_id = $1 AND target_overlap IS NOT NULL`,
);

/** The statements of adaptive overlap: labels read for the reliability model, and items' target overlap. */
@Injectable()
export class AdaptiveOverlapRepository {
  /** Takes the item's row lock and returns its current target (null: the project's overlap). */
  async lockItemTarget(manager: EntityManager, itemId: string): Promise<number | null> {
    const [row]: { target_overlap: number | null }[] = await manager.query(LOCK_ITEM_TARGET.text, [itemId]);
    return row?.target_overlap ?? null;
  }

  async itemLabels(manager: EntityManager, itemId: string): Promise<OutcomeLabelRow[]> {
    return manager.query(ITEM_LABELS.text, [itemId]);
  }

  async projectLabels(manager: EntityManager, projectId: string): Promise<OutcomeLabelRow[]> {
    return manager.query(PROJECT_LABELS.text, [projectId]);
  }

  /** Gold items' preferred response under `criterion`, by item id. */
  async goldPreferred(manager: EntityManager, projectId: string, criterion: string): Promise<Map<string, string>> {
    const rows: { id: string; preferred: string }[] = await manager.query(GOLD_PREFERRED.text, [projectId, criterion]);
    return new Map(rows.map((row) => [row.id, row.preferred]));
  }

  async setTarget(manager: EntityManager, itemId: string, target: number): Promise<void> {
    await manager.query(SET_TARGET.text, [itemId, target]);
  }

  async setTargets(manager: EntityManager, projectId: string, targets: Map<string, number>): Promise<void> {
    if (targets.size === 0) return;
    await manager.query(SET_TARGETS.text, [projectId, [...targets.keys()], [...targets.values()]]);
  }

  async clearTargets(manager: EntityManager, projectId: string): Promise<void> {
    await manager.query(CLEAR_TARGETS.text, [projectId]);
  }
}
