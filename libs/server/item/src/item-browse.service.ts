import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, OVERALL_CRITERION, labelVerdict, verdictAgreement } from '@clinrank/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '@clinrank/server-core';
import { AuditService } from '@clinrank/server-audit';
import { TaskRepository } from '@clinrank/server-task';
import { ProjectService } from '@clinrank/server-project';
import { ItemRepository, type ItemBrowseFilter, type LockedItemRow } from './item.repository.js';

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
  /** Adaptive overlap's decision for the item, else the project's overlap. */
  targetOverlap: number;
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
    private readonly repository: ItemRepository,
    private readonly tasks: TaskRepository,
  ) {}

  async list(
    projectIdOrSlug: string,
    filter: ItemFilter,
    limit: number,
    offset: number,
  ): Promise<{ rows: ItemRow[]; total: number; projectItems: number }> {
    const project = await this.projects.get(projectIdOrSlug);
    const browse: ItemBrowseFilter = {
      projectId: project.id,
      pattern: filter.q?.trim() ? `%${filter.q.trim().replace(/[\\%_]/g, '\\$&')}%` : null,
      language: filter.language || null,
      specialty: filter.specialty || null,
      gold: filter.gold ?? null,
      minLabels: filter.minLabels || null,
      status: filter.status && ITEM_STATUSES.includes(filter.status) ? filter.status : null,
      overlap: project.overlap,
      flagged: filter.flagged === true,
      itemIds: filter.disagreement ? await this.disagreeingItems(project.id) : null,
    };
    const [total, all, rows] = [
      await this.repository.countBrowsed(browse),
      await this.repository.countInProject(project.id),
      await this.repository.browsePage(browse, limit, offset),
    ];
    return {
      total,
      projectItems: all,
      rows: rows.map((row) => ({
        id: row.id,
        externalId: row.external_id,
        language: row.language,
        specialty: row.specialty,
        isGold: row.is_gold,
        labels: row.label_count,
        targetOverlap: row.target_overlap ?? project.overlap,
        status: statusOf(row.label_count, row.target_overlap ?? project.overlap),
        flags: row.flags,
        promptExcerpt: row.excerpt,
        adjudicated: row.adjudicated,
      })),
    };
  }

  /**
   * Applies one action to the chosen items of a project. Deleting items that have labels needs `confirmLabelled`;
   * every changed item is audited.
   */
  async bulk(
    projectIdOrSlug: string,
    itemIds: string[],
    action: ItemBulkAction,
    confirmLabelled: boolean,
    actor: Actor,
  ): Promise<BulkResult> {
    if (itemIds.length === 0 || itemIds.length > MAX_BULK)
      throw new DomainError(ErrorCode.BadUserInput, `choose between 1 and ${MAX_BULK} items`, 'itemIds');
    const project = await this.projects.get(projectIdOrSlug);
    return this.dataSource.transaction(async (manager) => {
      // Tasks before items, in the order a submit or a skip locks them, so a lead's bulk action cannot deadlock with them.
      await this.tasks.lockTasksOfItems(manager, project.id, itemIds);
      const items = await this.repository.lockForBulk(manager, project.id, itemIds);
      if (items.length !== new Set(itemIds).size)
        throw new DomainError(
          ErrorCode.NotFound,
          `${new Set(itemIds).size - items.length} of the items are not in project ${project.slug}`,
          'itemIds',
        );
      const labelled = items.filter((item) => item.label_count > 0);
      let targets = items;
      let reason: string | null = null;
      if (action === 'delete_unlabelled') {
        targets = items.filter((item) => item.label_count === 0);
        if (labelled.length) reason = `${labelled.length} item(s) have labels and were kept`;
      }
      if (action === 'delete' && labelled.length && !confirmLabelled) {
        throw new DomainError(
          ErrorCode.Conflict,
          `${labelled.length} of the items have ${labelled.reduce((sum, item) => sum + item.label_count, 0)} labels between them; confirm to delete them with their labels`,
          'confirmLabelled',
        );
      }
      if (action === 'set_gold') {
        targets = items.filter((item) => item.ruling && labelVerdict(item.ruling, OVERALL_CRITERION) !== null);
        if (targets.length < items.length)
          reason = `${items.length - targets.length} item(s) have no ruling to take the gold answer from; adjudicate them first`;
      }
      for (const item of targets) await this.apply(manager, project.id, item, action, actor);
      return { action, changed: targets.length, skipped: items.length - targets.length, reason };
    });
  }

  private async apply(
    manager: DataSource['manager'],
    projectId: string,
    item: LockedItemRow,
    action: ItemBulkAction,
    actor: Actor,
  ): Promise<void> {
    const before = { externalId: item.external_id, labels: item.label_count, isGold: item.is_gold, gold: item.gold };
    let after: unknown = null;
    if (action === 'delete' || action === 'delete_unlabelled') {
      await this.repository.deleteItem(manager, item.id);
    } else if (action === 'set_gold') {
      const gold = { criterion: OVERALL_CRITERION, preferred: labelVerdict(item.ruling!, OVERALL_CRITERION) };
      await this.repository.setGold(manager, item.id, JSON.stringify(gold));
      after = { ...before, isGold: true, gold };
    } else if (action === 'unset_gold') {
      await this.repository.unsetGold(manager, item.id);
      after = { ...before, isGold: false, gold: null };
    } else {
      // Back in the queue: live leases end, and clinicians who skipped or released it are offered it again.
      const released = await this.tasks.releaseUnfinished(manager, item.id);
      after = { ...before, tasksReleased: released };
    }
    await this.audit.record(
      {
        actor,
        action: `item.${action}`,
        entityType: 'item',
        entityId: action.startsWith('delete') ? null : item.id,
        projectId,
        before,
        after,
        details: { externalId: item.external_id },
      },
      manager,
    );
  }

  private async disagreeingItems(projectId: string): Promise<string[]> {
    const rows = await this.repository.labelContentsOfMultiplyLabelled(projectId);
    return rows
      .filter(
        (row) => verdictAgreement(row.contents.map((content) => labelVerdict(content, OVERALL_CRITERION))).disagree,
      )
      .map((row) => row.id);
  }
}

function statusOf(labels: number, overlap: number): ItemStatus {
  if (labels === 0) return 'unlabelled';
  return labels >= overlap ? 'complete' : 'in_progress';
}
