import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, MAX_RATIONALE_CHARS, MAX_REWRITE_CHARS, normaliseFlags, pairKey, validateLabelContent, type LabelContent } from '@clinrank/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../core/auth/principal.js';
import { labelsSubmitted } from '../../core/http/metrics.js';
import { AssignmentService } from '../assignment/assignment.service.js';
import { AuditService } from '../audit/audit.service.js';
import { ProjectEntity } from '../project/project.entity.js';
import { labelRules } from '../project/project.service.js';
import { LabelEntity } from './label.entity.js';

export interface LabelSubmission {
  assignmentId: string;
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

/** How long after submitting an annotator may take a label back with "undo". */
export const UNDO_WINDOW_SECONDS = 120;

function cleanText(value: string | null | undefined, limit: number, field: string): string | null {
  const text = value?.trim() ?? '';
  if (text.length > limit) throw new DomainError(ErrorCode.BadUserInput, `${field} is longer than ${limit} characters`, field);
  return text || null;
}

function auditView(label: LabelEntity) {
  return { content: label.content, flags: label.flags, rationale: label.rationale, rewrite: label.rewrite };
}

@Injectable()
export class LabelService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly assignments: AssignmentService,
  ) {}

  /** Stores a label for a leased task. Idempotent on submissionId: a retry returns the label already stored. */
  async submit(annotatorId: string, input: LabelSubmission, actor: Actor): Promise<{ label: LabelEntity; duplicate: boolean }> {
    const result = await this.dataSource.transaction(async (manager) => {
      const earlier = await this.findBySubmission(manager, input.submissionId, annotatorId);
      if (earlier) return { label: earlier, duplicate: true };
      const assignment = await this.lockOwnAssignment(manager, input.assignmentId, annotatorId);
      const raced = await this.findBySubmission(manager, input.submissionId, annotatorId);
      if (raced) return { label: raced, duplicate: true };
      if (assignment.status !== 'leased') throw new DomainError(ErrorCode.Conflict, `This task is already ${assignment.status}; edit the label instead`, 'assignmentId');
      const project = await this.openProject(manager, assignment.project_id);
      const fields = this.validate(project, input, assignment.display_order);
      if (assignment.expired) await this.reclaimExpiredSlot(manager, assignment.item_id, annotatorId, project.overlap);
      const label = manager.create(LabelEntity, {
        projectId: project.id,
        itemId: assignment.item_id,
        annotatorId,
        assignmentId: assignment.id,
        submissionId: input.submissionId,
        kind: project.kind,
        ...fields,
        timeSpentMs: Math.max(0, Math.round(input.timeSpentMs)),
        displayOrder: assignment.display_order,
        guidelineVersion: project.guidelineVersion,
        origin: 'ui',
        pairKey: pairKey(project.kind, assignment.display_order),
        uiDirection: input.uiDirection ?? null,
      });
      const saved = await manager.save(label);
      await manager.query(`UPDATE assignments SET status = 'submitted', finished_at = now() WHERE id = $1`, [assignment.id]);
      await manager.query(`UPDATE items SET label_count = label_count + 1 WHERE id = $1`, [assignment.item_id]);
      await this.audit.record({ actor, action: 'label.create', entityType: 'label', entityId: saved.id, projectId: project.id, after: auditView(saved), details: { assignmentId: assignment.id, submissionId: input.submissionId } }, manager);
      return { label: saved, duplicate: false };
    });
    if (!result.duplicate) labelsSubmitted.inc({ kind: result.label.kind });
    return result;
  }

  async edit(annotatorId: string, input: LabelEdit, actor: Actor): Promise<LabelEntity> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lockOwnLabel(manager, input.labelId, annotatorId);
      const project = await this.openProject(manager, before.projectId);
      const fields = this.validate(project, input, before.displayOrder);
      await manager.update(LabelEntity, { id: before.id }, { ...fields, updatedAt: new Date() });
      const after = await manager.findOneByOrFail(LabelEntity, { id: before.id });
      await this.audit.record({ actor, action: 'label.update', entityType: 'label', entityId: before.id, projectId: project.id, before: auditView(before), after: auditView(after) }, manager);
      return after;
    });
  }

  /** "Undo": takes back a label submitted moments ago and reopens its task for the same annotator. */
  async retract(annotatorId: string, labelId: string, actor: Actor): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const label = await this.lockOwnLabel(manager, labelId, annotatorId);
      await this.openProject(manager, label.projectId);
      const ageSeconds = (Date.now() - label.createdAt.getTime()) / 1000;
      if (!label.assignmentId || ageSeconds > UNDO_WINDOW_SECONDS) {
        throw new DomainError(ErrorCode.Conflict, `Undo is only possible within ${UNDO_WINDOW_SECONDS} seconds of submitting; edit the label instead`, 'labelId');
      }
      const [project]: { lease_seconds: number }[] = await manager.query(`SELECT lease_seconds FROM projects WHERE id = $1`, [label.projectId]);
      await manager.query(`DELETE FROM labels WHERE id = $1`, [label.id]);
      await manager.query(`UPDATE assignments SET status = 'leased', finished_at = NULL, expires_at = now() + make_interval(secs => $2) WHERE id = $1`, [label.assignmentId, project.lease_seconds]);
      await manager.query(`UPDATE items SET label_count = greatest(label_count - 1, 0) WHERE id = $1`, [label.itemId]);
      await this.audit.record({ actor, action: 'label.retract', entityType: 'label', entityId: label.id, projectId: label.projectId, before: auditView(label), after: null }, manager);
      return label.assignmentId;
    });
  }

  async ownLabels(annotatorId: string, projectId: string | null, limit: number, offset: number): Promise<LabelEntity[]> {
    return this.dataSource.getRepository(LabelEntity).find({
      where: projectId ? { annotatorId, projectId } : { annotatorId },
      order: { createdAt: 'DESC' },
      take: limit,
      skip: offset,
    });
  }

  private validate(project: ProjectEntity, input: { content: unknown; flags: string[]; rationale?: string | null; rewrite?: string | null }, shown: string[]) {
    const content: LabelContent = validateLabelContent(input.content, labelRules(project), shown);
    const rationale = cleanText(input.rationale, MAX_RATIONALE_CHARS, 'rationale');
    if (project.requireRationale && !rationale) throw new DomainError(ErrorCode.BadUserInput, 'This project asks for a rationale with every label', 'rationale');
    return { content, flags: normaliseFlags(input.flags), rationale, rewrite: cleanText(input.rewrite, MAX_REWRITE_CHARS, 'rewrite') };
  }

  private async findBySubmission(manager: EntityManager, submissionId: string, annotatorId: string): Promise<LabelEntity | null> {
    const label = await manager.findOneBy(LabelEntity, { submissionId });
    if (label && label.annotatorId !== annotatorId) throw new DomainError(ErrorCode.Conflict, 'This submission id belongs to another label; generate a new one', 'submissionId');
    return label;
  }

  private async lockOwnAssignment(manager: EntityManager, assignmentId: string, annotatorId: string) {
    const rows: { id: string; status: string; annotator_id: string; project_id: string; item_id: string; display_order: string[]; expired: boolean }[] = await manager.query(
      `SELECT id, status, annotator_id, project_id, item_id, display_order, expires_at <= now() AS expired FROM assignments WHERE id = $1 FOR UPDATE`,
      [assignmentId],
    );
    if (!rows[0] || rows[0].annotator_id !== annotatorId) throw new DomainError(ErrorCode.NotFound, 'No such task of yours', 'assignmentId');
    return rows[0];
  }

  private async lockOwnLabel(manager: EntityManager, labelId: string, annotatorId: string): Promise<LabelEntity> {
    const label = await manager.findOne(LabelEntity, { where: { id: labelId }, lock: { mode: 'pessimistic_write' } });
    if (!label || label.annotatorId !== annotatorId) throw new DomainError(ErrorCode.NotFound, 'No such label of yours', 'labelId');
    return label;
  }

  private async openProject(manager: EntityManager, projectId: string): Promise<ProjectEntity> {
    const project = await manager.findOneByOrFail(ProjectEntity, { id: projectId });
    if (project.locked) throw new DomainError(ErrorCode.ProjectLocked, `Project "${project.name}" is locked; labels can no longer change`);
    return project;
  }

  /** A late submission keeps its slot only if nobody else filled the item meanwhile. */
  private async reclaimExpiredSlot(manager: EntityManager, itemId: string, annotatorId: string, overlap: number): Promise<void> {
    await manager.query(`SELECT id FROM items WHERE id = $1 FOR UPDATE`, [itemId]);
    if ((await this.assignments.takenSlots(manager, itemId, annotatorId)) >= overlap) {
      throw new DomainError(ErrorCode.LeaseExpired, 'Your time on this task ran out and other clinicians have since completed it; your answer was not stored', 'assignmentId');
    }
  }
}
