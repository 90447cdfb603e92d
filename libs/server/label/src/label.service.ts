import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  MAX_RATIONALE_CHARS,
  MAX_REWRITE_CHARS,
  normaliseFlags,
  pairKey,
  validateLabelContent,
  type LabelContent,
  type LabelFlag,
  type TaskKind,
} from '@clinrank/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { actorUserId, describeActor, labelsSubmitted, pipelinedTransaction, type Actor } from '@clinrank/server-core';
import {
  AdaptiveOverlapService,
  TaskService,
  type Annotator,
  type NextTaskRequest,
  type TaskView,
} from '@clinrank/server-task';
import { AuditService } from '@clinrank/server-audit';
import { ItemRepository } from '@clinrank/server-item';
import { ProjectEntity, labelRules } from '@clinrank/server-project';
import { LabelEntity } from './label.entity.js';
import { LabelRepository, type LabelRow, type ProjectRow } from './label.repository.js';
import type { QueueProjectRow } from '@clinrank/server-task';

export interface LabelSubmission {
  taskId: string;
  submissionId: string;
  content: unknown;
  flags: string[];
  rationale?: string | null;
  rewrite?: string | null;
  timeSpentMs: number;
  /** Direction of the UI the label was made in: A is on the left in ltr, on the right in rtl. */
  uiDirection?: 'ltr' | 'rtl' | null;
}

export interface LabelEdit {
  labelId: string;
  content: unknown;
  flags: string[];
  rationale?: string | null;
  rewrite?: string | null;
}

/** `submitLabel(next:)`: the task after this one, for this annotator, leased in the submit's transaction. */
export interface NextAfterSubmit extends NextTaskRequest {
  annotator: Annotator;
}

export interface SubmitOutcome {
  label: LabelEntity;
  duplicate: boolean;
  /** The next task when one was asked for (null: nothing left); undefined when not asked for. */
  next?: TaskView | null;
}

/** How long after submitting an annotator may take a label back with "undo". */
export const UNDO_WINDOW_SECONDS = 120;

function cleanText(value: string | null | undefined, limit: number, field: string): string | null {
  const text = value?.trim() ?? '';
  if (text.length > limit)
    throw new DomainError(ErrorCode.BadUserInput, `${field} is longer than ${limit} characters`, field);
  return text || null;
}

function projectFromRow(row: Record<string, any>): ProjectEntity {
  return Object.assign(new ProjectEntity(), {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    criteria: row.criteria,
    scaleMin: row.scale_min,
    scaleMax: row.scale_max,
    overlap: row.overlap,
    overlapMax: row.overlap_max ?? null,
    overlapConfidence: row.overlap_confidence ?? null,
    allowTies: row.allow_ties,
    requireRationale: row.require_rationale,
    guidelineVersion: row.guideline_version,
    locked: row.locked,
    settings: row.settings ?? {},
  });
}

/** Maps a labels row (from RETURNING * or row_to_json) onto the entity. */
function labelFromRow(row: LabelRow): LabelEntity {
  return Object.assign(new LabelEntity(), {
    id: row.id,
    projectId: row.project_id,
    itemId: row.item_id,
    annotatorId: row.annotator_id,
    taskId: row.task_id,
    submissionId: row.submission_id,
    kind: row.kind as TaskKind,
    content: row.content as LabelContent,
    flags: row.flags as LabelFlag[],
    rationale: row.rationale,
    rewrite: row.rewrite,
    timeSpentMs: row.time_spent_ms,
    displayOrder: row.display_order,
    guidelineVersion: row.guideline_version,
    origin: row.origin as LabelEntity['origin'],
    pairKey: row.pair_key,
    uiDirection: row.ui_direction,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  });
}

function auditView(label: LabelEntity) {
  return { content: label.content, flags: label.flags, rationale: label.rationale, rewrite: label.rewrite };
}

@Injectable()
export class LabelService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly tasks: TaskService,
    private readonly labels: LabelRepository,
    private readonly items: ItemRepository,
    private readonly adaptiveOverlap: AdaptiveOverlapService,
  ) {}

  /**
   * Stores a label for a leased task. Idempotent on submissionId: a retry returns the label already stored. The hot path is
   * one locking read and one write statement (label, task status, item count and audit entry together); the
   * transaction's BEGIN travels with the locking read (`pipelinedTransaction`).
   *
   * With `next`, the next task comes back too, leased in the same transaction: the locking read also reads the queue's
   * project row, the write statement also locks the next item, and one more statement inserts its lease. A retry (a
   * lost reply) gets the same next task while its lease is live: it is the live lease that is not on screen.
   */
  async submit(
    annotatorId: string,
    input: LabelSubmission,
    actor: Actor,
    next: NextAfterSubmit | null = null,
  ): Promise<SubmitOutcome> {
    if (next) this.tasks.assertProjectRef(next.projectIdOrSlug);
    const result = await pipelinedTransaction(this.dataSource, async (manager): Promise<SubmitOutcome> => {
      const locked = await this.lockTaskForSubmission(manager, input.taskId, input.submissionId, next);
      if (locked.existing) {
        const label = this.ownLabel(labelFromRow(locked.existing), annotatorId);
        return { label, duplicate: true, next: await this.nextAfterRetry(manager, next, locked) };
      }
      if (!locked.task || locked.task.annotator_id !== annotatorId)
        throw new DomainError(ErrorCode.NotFound, 'No such task of yours', 'taskId');
      const { task, project } = locked as Required<typeof locked>;
      if (task.status !== 'leased') {
        // A concurrent retry may have committed while we waited for the lock; look again with a fresh snapshot.
        const raced = await manager.findOneBy(LabelEntity, { submissionId: input.submissionId });
        if (raced)
          return {
            label: this.ownLabel(raced, annotatorId),
            duplicate: true,
            next: await this.nextAfterRetry(manager, next, {}),
          };
        throw new DomainError(
          ErrorCode.Conflict,
          `This task is already ${task.status}; edit the label instead`,
          'taskId',
        );
      }
      if (project.locked)
        throw new DomainError(
          ErrorCode.ProjectLocked,
          `Project "${project.name}" is locked; labels can no longer change`,
        );
      const fields = this.validate(project, input, task.display_order);
      if (task.expired) await this.reclaimExpiredSlot(manager, task.item_id, annotatorId, project.overlap);
      const plan = next
        ? this.tasks.planNext(locked.nextProject ?? null, next, {
            taskId: task.id,
            projectId: project.id,
            fresh: true,
          })
        : null;
      const row = await this.labels.insertSubmittedWithAudit(
        manager,
        {
          projectId: project.id,
          itemId: task.item_id,
          annotatorId,
          taskId: task.id,
          submissionId: input.submissionId,
          kind: project.kind,
          content: JSON.stringify(fields.content),
          flags: fields.flags,
          rationale: fields.rationale,
          rewrite: fields.rewrite,
          timeSpentMs: Math.max(0, Math.round(input.timeSpentMs)),
          displayOrder: task.display_order,
          guidelineVersion: project.guidelineVersion,
          pairKey: pairKey(project.kind, task.display_order),
          uiDirection: input.uiDirection ?? null,
        },
        {
          actor: describeActor(actor),
          actorUserId: actorUserId(actor),
          after: JSON.stringify(fields),
          details: JSON.stringify({ taskId: task.id, submissionId: input.submissionId }),
        },
        plan?.kind === 'lease'
          ? {
              projectId: plan.project.id,
              gold: plan.gold,
              overlap: plan.project.overlap,
              languages: next!.annotator.languages,
              specialties: next!.annotator.specialties,
              excluded: [],
              order: plan.project.queueOrder,
            }
          : null,
      );
      await this.adaptiveOverlap.afterLabel(manager, project, task.item_id);
      const nextTask =
        plan && next ? await this.tasks.finishNext(manager, plan, next.annotator, next, row.next_candidate) : undefined;
      return { label: labelFromRow(row), duplicate: false, next: nextTask };
    });
    if (!result.duplicate) labelsSubmitted.inc({ kind: result.label.kind });
    // Nothing free inside the submit's transaction, which holds the submitted item and so may not wait for others: ask
    // once more in a transaction of its own, which waits for items that colleagues' submits hold for a moment.
    if (next && result.next === null && !result.duplicate)
      result.next = await this.tasks.nextTask(next.annotator, next.projectIdOrSlug, next.exclude);
    return result;
  }

  /** The next task for a retried submit: its live lease not on screen (the one the lost reply carried), else a new one. */
  private async nextAfterRetry(
    manager: EntityManager,
    next: NextAfterSubmit | null,
    locked: { task?: { id: string; project_id: string }; nextProject?: QueueProjectRow | null },
  ): Promise<TaskView | null | undefined> {
    if (!next) return undefined;
    const plan = locked.task
      ? this.tasks.planNext(locked.nextProject ?? null, next, {
          taskId: locked.task.id,
          projectId: locked.task.project_id,
          fresh: false,
        })
      : ({ kind: 'search' } as const);
    return this.tasks.finishNext(manager, plan, next.annotator, next);
  }

  async edit(annotatorId: string, input: LabelEdit, actor: Actor): Promise<LabelEntity> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lockOwnLabel(manager, input.labelId, annotatorId);
      const project = await this.openProject(manager, before.projectId);
      const fields = this.validate(project, input, before.displayOrder);
      await manager.update(LabelEntity, { id: before.id }, { ...fields, updatedAt: new Date() });
      const after = await manager.findOneByOrFail(LabelEntity, { id: before.id });
      await this.adaptiveOverlap.afterLabel(manager, project, before.itemId);
      await this.audit.record(
        {
          actor,
          action: 'label.update',
          entityType: 'label',
          entityId: before.id,
          projectId: project.id,
          before: auditView(before),
          after: auditView(after),
        },
        manager,
      );
      return after;
    });
  }

  /** "Undo": takes back a label submitted moments ago and reopens its task for the same annotator. */
  async retract(annotatorId: string, labelId: string, actor: Actor): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const label = await this.lockOwnLabel(manager, labelId, annotatorId);
      const project = await this.openProject(manager, label.projectId);
      const ageSeconds = (Date.now() - label.createdAt.getTime()) / 1000;
      if (!label.taskId || ageSeconds > UNDO_WINDOW_SECONDS) {
        throw new DomainError(
          ErrorCode.Conflict,
          `Undo is only possible within ${UNDO_WINDOW_SECONDS} seconds of submitting; edit the label instead`,
          'labelId',
        );
      }
      await this.labels.delete(manager, label.id);
      await this.tasks.reopenLease(manager, label.taskId, project.leaseSeconds);
      await this.items.recountLabels(manager, label.itemId);
      await this.audit.record(
        {
          actor,
          action: 'label.retract',
          entityType: 'label',
          entityId: label.id,
          projectId: label.projectId,
          before: auditView(label),
          after: null,
        },
        manager,
      );
      return label.taskId;
    });
  }

  async ownLabels(
    annotatorId: string,
    projectId: string | null,
    limit: number,
    offset: number,
  ): Promise<LabelEntity[]> {
    return this.dataSource.getRepository(LabelEntity).find({
      where: projectId ? { annotatorId, projectId } : { annotatorId },
      order: { createdAt: 'DESC' },
      take: limit,
      skip: offset,
    });
  }

  private validate(
    project: ProjectEntity,
    input: { content: unknown; flags: string[]; rationale?: string | null; rewrite?: string | null },
    shown: string[],
  ) {
    const content: LabelContent = validateLabelContent(input.content, labelRules(project), shown);
    const rationale = cleanText(input.rationale, MAX_RATIONALE_CHARS, 'rationale');
    if (project.requireRationale && !rationale)
      throw new DomainError(ErrorCode.BadUserInput, 'This project asks for a rationale with every label', 'rationale');
    return {
      content,
      flags: normaliseFlags(input.flags),
      rationale,
      rewrite: cleanText(input.rewrite, MAX_REWRITE_CHARS, 'rewrite'),
    };
  }

  /**
   * Locks the task row and reads, in the same statement, its project, any label already stored under this submission id
   * and, with `next`, the queue's row for the next task's project.
   */
  private async lockTaskForSubmission(
    manager: EntityManager,
    taskId: string,
    submissionId: string,
    next: NextAfterSubmit | null,
  ) {
    const row = await this.labels.lockTaskForSubmission(
      manager,
      taskId,
      submissionId,
      next ? { annotatorId: next.annotator.id, projectIdOrSlug: next.projectIdOrSlug } : null,
    );
    if (!row) return { existing: await this.labels.findBySubmissionId(manager, submissionId) };
    const { existing, project, next_project: nextProject, ...task } = row;
    return { existing, task, project: projectFromRow(project as ProjectRow), nextProject };
  }

  private ownLabel(label: LabelEntity, annotatorId: string): LabelEntity {
    if (label.annotatorId !== annotatorId)
      throw new DomainError(
        ErrorCode.Conflict,
        'This submission id belongs to another label; generate a new one',
        'submissionId',
      );
    return label;
  }

  private async lockOwnLabel(manager: EntityManager, labelId: string, annotatorId: string): Promise<LabelEntity> {
    const label = await manager.findOne(LabelEntity, { where: { id: labelId }, lock: { mode: 'pessimistic_write' } });
    if (!label || label.annotatorId !== annotatorId)
      throw new DomainError(ErrorCode.NotFound, 'No such label of yours', 'labelId');
    return label;
  }

  private async openProject(manager: EntityManager, projectId: string): Promise<ProjectEntity> {
    const project = await manager.findOneByOrFail(ProjectEntity, { id: projectId });
    if (project.locked)
      throw new DomainError(
        ErrorCode.ProjectLocked,
        `Project "${project.name}" is locked; labels can no longer change`,
      );
    return project;
  }

  /** A late submission keeps its slot only if nobody else filled the item meanwhile. */
  private async reclaimExpiredSlot(
    manager: EntityManager,
    itemId: string,
    annotatorId: string,
    overlap: number,
  ): Promise<void> {
    await this.items.lockItem(manager, itemId);
    if ((await this.tasks.takenSlots(manager, itemId, annotatorId)) >= overlap) {
      throw new DomainError(
        ErrorCode.LeaseExpired,
        'Your time on this task ran out and other clinicians have since completed it; your answer was not stored',
        'taskId',
      );
    }
  }
}
