import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, OVERALL_CRITERION, labelVerdict, verdictAgreement, type LabelContent } from '@clinrank/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '@clinrank/server-core';
import { AuditService } from '@clinrank/server-audit';
import { ProjectService } from '@clinrank/server-project';

export type ItemStatus = 'unlabelled' | 'in_progress' | 'complete';
export const ITEM_STATUSES: readonly ItemStatus[] = ['unlabelled', 'in_progress', 'complete'];
export const ITEM_BULK_ACTIONS = ['delete_unlabelled', 'delete', 'set_gold', 'unset_gold', 're_queue'] as const;
export type ItemBulkAction = (typeof ITEM_BULK_ACTIONS)[number];

export interface ItemFilter {
  /** Substring of the external id or the prompt. */
  q?: string | null;
  language?: string | null;
  specialty?: string | null;
  status?: ItemStatus | null;
  gold?: boolean | null;
  /** Items with at least this many labels. */
  minLabels?: number | null;
  /** Only items whose labels disagree on the overall verdict (by response). */
  disagreement?: boolean | null;
  /** Only items with at least one flagged label. */
  flagged?: boolean | null;
}

export interface ItemRow {
  id: string;
  externalId: string;
  language: string;
  specialty: string;
  isGold: boolean;
  labels: number;
  status: ItemStatus;
  flags: string[];
  promptExcerpt: string;
  adjudicated: boolean;
}

export interface BulkResult {
  action: ItemBulkAction;
  changed: number;
  /** Items left alone, with why (e.g. labelled items for delete_unlabelled, no ruling for set_gold). */
  skipped: number;
  reason: string | null;
}

const MAX_BULK = 1000;

/** The lead's view of a project's items: browse, filter and act on many at once, every change audited. */
@Injectable()
export class ItemBrowseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projects: ProjectService,
    private readonly audit: AuditService,
  ) {}

  async list(projectIdOrSlug: string, filter: ItemFilter, limit: number, offset: number): Promise<{ rows: ItemRow[]; total: number; projectItems: number }> {
    const project = await this.projects.get(projectIdOrSlug);
    const where = ['i.project_id = $1'];
    const params: unknown[] = [project.id];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replaceAll('?', `$${params.length}`));
    };
    if (filter.q?.trim()) add(`(i.external_id ILIKE ? OR coalesce(i.prompt, i.messages::text) ILIKE ?)`, `%${filter.q.trim().replace(/[\\%_]/g, '\\$&')}%`);
    if (filter.language) add('i.language = ?', filter.language);
    if (filter.specialty) add('i.specialty = ?', filter.specialty);
    if (filter.gold !== undefined && filter.gold !== null) add('i.is_gold = ?', filter.gold);
    if (filter.minLabels) add('i.label_count >= ?', filter.minLabels);
    if (filter.status === 'unlabelled') where.push('i.label_count = 0');
    if (filter.status === 'in_progress') add('i.label_count > 0 AND i.label_count < ?', project.overlap);
    if (filter.status === 'complete') add('i.label_count >= ?', project.overlap);
    if (filter.flagged) where.push(`EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id AND cardinality(l.flags) > 0)`);
    if (filter.disagreement) add('i.id = ANY(?::uuid[])', await this.disagreeingItems(project.id));
    const whereSql = where.join(' AND ');
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM items i WHERE ${whereSql}`, params);
    const [{ all }] = await this.dataSource.query(`SELECT count(*)::int AS all FROM items WHERE project_id = $1`, [project.id]);
    const rows = await this.dataSource.query(
      `SELECT i.id, i.external_id, i.language, i.specialty, i.is_gold, i.label_count,
              left(coalesce(i.prompt, i.messages::text), 160) AS excerpt,
              EXISTS (SELECT 1 FROM adjudications a WHERE a.item_id = i.id) AS adjudicated,
              coalesce((SELECT array_agg(DISTINCT f) FROM labels l, unnest(l.flags) f WHERE l.item_id = i.id), '{}') AS flags
         FROM items i WHERE ${whereSql}
        ORDER BY i.external_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return {
      total,
      projectItems: all,
      rows: rows.map((row: Record<string, unknown>) => ({
        id: row.id as string,
        externalId: row.external_id as string,
        language: row.language as string,
        specialty: row.specialty as string,
        isGold: row.is_gold as boolean,
        labels: row.label_count as number,
        status: statusOf(row.label_count as number, project.overlap),
        flags: row.flags as string[],
        promptExcerpt: row.excerpt as string,
        adjudicated: row.adjudicated as boolean,
      })),
    };
  }

  /**
   * Applies one action to the chosen items of a project. Deleting items that have labels needs `confirmLabelled`;
   * every changed item is audited.
   */
  async bulk(projectIdOrSlug: string, itemIds: string[], action: ItemBulkAction, confirmLabelled: boolean, actor: Actor): Promise<BulkResult> {
    if (itemIds.length === 0 || itemIds.length > MAX_BULK) throw new DomainError(ErrorCode.BadUserInput, `choose between 1 and ${MAX_BULK} items`, 'itemIds');
    const project = await this.projects.get(projectIdOrSlug);
    return this.dataSource.transaction(async (manager) => {
      const items: { id: string; external_id: string; label_count: number; is_gold: boolean; gold: unknown; ruling: LabelContent | null }[] = await manager.query(
        `SELECT i.id, i.external_id, i.label_count, i.is_gold, i.gold, a.content AS ruling
           FROM items i LEFT JOIN adjudications a ON a.item_id = i.id
          WHERE i.project_id = $1 AND i.id = ANY($2::uuid[]) ORDER BY i.external_id FOR UPDATE OF i`,
        [project.id, itemIds],
      );
      if (items.length !== new Set(itemIds).size) throw new DomainError(ErrorCode.NotFound, `${new Set(itemIds).size - items.length} of the items are not in project ${project.slug}`, 'itemIds');
      const labelled = items.filter((item) => item.label_count > 0);
      let targets = items;
      let reason: string | null = null;
      if (action === 'delete_unlabelled') {
        targets = items.filter((item) => item.label_count === 0);
        if (labelled.length) reason = `${labelled.length} item(s) have labels and were kept`;
      }
      if (action === 'delete' && labelled.length && !confirmLabelled) {
        throw new DomainError(ErrorCode.Conflict, `${labelled.length} of the items have ${labelled.reduce((sum, item) => sum + item.label_count, 0)} labels between them; confirm to delete them with their labels`, 'confirmLabelled');
      }
      if (action === 'set_gold') {
        targets = items.filter((item) => item.ruling && labelVerdict(item.ruling, OVERALL_CRITERION) !== null);
        if (targets.length < items.length) reason = `${items.length - targets.length} item(s) have no ruling to take the gold answer from; adjudicate them first`;
      }
      for (const item of targets) await this.apply(manager, project.id, item, action, actor);
      return { action, changed: targets.length, skipped: items.length - targets.length, reason };
    });
  }

  private async apply(manager: DataSource['manager'], projectId: string, item: { id: string; external_id: string; label_count: number; is_gold: boolean; gold: unknown; ruling: LabelContent | null }, action: ItemBulkAction, actor: Actor): Promise<void> {
    const before = { externalId: item.external_id, labels: item.label_count, isGold: item.is_gold, gold: item.gold };
    let after: unknown = null;
    if (action === 'delete' || action === 'delete_unlabelled') {
      await manager.query(`DELETE FROM items WHERE id = $1`, [item.id]);
    } else if (action === 'set_gold') {
      const gold = { criterion: OVERALL_CRITERION, preferred: labelVerdict(item.ruling!, OVERALL_CRITERION) };
      await manager.query(`UPDATE items SET is_gold = true, gold = $2 WHERE id = $1`, [item.id, JSON.stringify(gold)]);
      after = { ...before, isGold: true, gold };
    } else if (action === 'unset_gold') {
      await manager.query(`UPDATE items SET is_gold = false, gold = NULL WHERE id = $1`, [item.id]);
      after = { ...before, isGold: false, gold: null };
    } else {
      // Back in the queue: live leases end, and clinicians who skipped or released it are offered it again.
      const [{ count }] = await manager.query(
        `WITH released AS (DELETE FROM assignments WHERE item_id = $1 AND status IN ('leased', 'skipped', 'released') RETURNING 1) SELECT count(*)::int AS count FROM released`,
        [item.id],
      );
      after = { ...before, assignmentsReleased: count };
    }
    await this.audit.record({ actor, action: `item.${action}`, entityType: 'item', entityId: action.startsWith('delete') ? null : item.id, projectId, before, after, details: { externalId: item.external_id } }, manager);
  }

  private async disagreeingItems(projectId: string): Promise<string[]> {
    const rows: { id: string; contents: LabelContent[] }[] = await this.dataSource.query(
      `SELECT l.item_id AS id, array_agg(l.content) AS contents FROM labels l WHERE l.project_id = $1 GROUP BY l.item_id HAVING count(*) >= 2`,
      [projectId],
    );
    return rows.filter((row) => verdictAgreement(row.contents.map((content) => labelVerdict(content, OVERALL_CRITERION))).disagree).map((row) => row.id);
  }
}

function statusOf(labels: number, overlap: number): ItemStatus {
  if (labels === 0) return 'unlabelled';
  return labels >= overlap ? 'complete' : 'in_progress';
}
