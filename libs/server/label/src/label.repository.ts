import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isUuid, type QueueOrder } from '@clinrank/domain';
import { defineSql, runNamed } from '@clinrank/server-core';
import { TaskRepository, type CandidateRow, type QueueProjectRow } from '@clinrank/server-task';
import { AuditRepository } from '@clinrank/server-audit';
import { ItemRepository } from '@clinrank/server-item';

/** A labels row as PostgreSQL returns it (RETURNING * or row_to_json). */
export interface LabelRow {
  id: string;
  project_id: string;
  item_id: string;
  annotator_id: string;
  task_id: string | null;
  submission_id: string;
  kind: string;
  content: unknown;
  flags: string[];
  rationale: string | null;
  rewrite: string | null;
  time_spent_ms: number;
  display_order: string[];
  guideline_version: number;
  origin: string;
  pair_key: string;
  ui_direction: 'ltr' | 'rtl' | null;
  created_at: string | Date;
  updated_at: string | Date;
}

/** A projects row as row_to_json returns it. */
export type ProjectRow = Record<string, unknown>;

/** The task being submitted, locked, with its project and any label already stored under the submission id. */
export interface LockedTaskRow {
  id: string;
  status: string;
  annotator_id: string;
  project_id: string;
  item_id: string;
  display_order: string[];
  expired: boolean;
  existing: LabelRow | null;
  project: ProjectRow;
  /** The project the next task comes from, when one was asked for and the annotator may work on it. */
  next_project: QueueProjectRow | null;
}

/** Where to look for the next task while locking the submitted one. */
export interface NextProjectQuery {
  annotatorId: string;
  /** A project id or slug; null for the submitted task's own project. */
  projectIdOrSlug: string | null;
}

/** The next task's item to lock in the submit statement. */
export interface NextCandidateQuery {
  projectId: string;
  gold: boolean;
  overlap: number;
  languages: string[];
  specialties: string[];
  /** Item ids already tried. */
  excluded: string[];
  /** The project's queue order. */
  order: QueueOrder;
}

/** The submit statement's answer: the stored label and, when asked for, the next task's item it locked. */
export type SubmittedRow = LabelRow & { next_candidate: CandidateRow | null };

export interface NewLabel {
  projectId: string;
  itemId: string;
  annotatorId: string;
  taskId: string;
  submissionId: string;
  kind: string;
  /** JSON text. */
  content: string;
  flags: string[];
  rationale: string | null;
  rewrite: string | null;
  timeSpentMs: number;
  displayOrder: string[];
  guidelineVersion: number;
  pairKey: string;
  uiDirection: 'ltr' | 'rtl' | null;
}

export interface SubmitAudit {
  actor: string;
  actorUserId: string | null;
  /** JSON text. */
  after: string;
  /** JSON text. */
  details: string;
}

/**
 * The labelling hot path: the label, the task's status, the item's count and the audit entry in one statement. The item
 * and audit CTEs come from their owners' repositories. When $20 names a project, the same statement also locks the
 * annotator's next item in it (SKIP LOCKED); the lease on it is inserted by the next statement, under that lock.
 */
function submitSql(order: QueueOrder): string {
  return `
   WITH label AS (
     INSERT INTO labels (project_id, item_id, annotator_id, task_id, submission_id, kind, content, flags, rationale, rewrite,
                         time_spent_ms, display_order, guideline_version, origin, pair_key, ui_direction)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'ui', $14, $15)
     RETURNING *
   ), task AS (
     UPDATE tasks SET status = 'submitted', finished_at = now() WHERE id = $4
   ), item AS (
     ${ItemRepository.countNewLabelFromCte('$2')}
   ), audit AS (
     ${AuditRepository.insertFromCte({ actor: '$16', actorUserId: '$17', action: `'label.create'`, entityType: `'label'`, entityId: 'label.id::text', projectId: 'label.project_id', after: '$18', details: '$19', from: 'label' })}
   ), next_item AS (
     ${TaskRepository.nextCandidateSql({ project: '$20::uuid', gold: '$21::boolean', overlap: '$22::int', languages: '$23', specialties: '$24', annotator: '$3', excluded: '$25' }, order)}
   )
   -- next_item_id and next_response_ids repeat what next_candidate holds, for clients without JSON (the SQL floor's pgbench).
   SELECT label.*, row_to_json(n) AS next_candidate, n.id AS next_item_id,
          ARRAY(SELECT r->>'id' FROM json_array_elements(n.responses) r) AS next_response_ids
     FROM label LEFT JOIN next_item n ON true`;
}

const SUBMIT = defineSql('label.insert-submitted-with-audit', submitSql('fixed'));
/** The same, for a next item from a project whose queue serves the least-certain items first. */
const SUBMIT_UNCERTAIN_NEXT = defineSql('label.insert-submitted-with-audit-uncertain-next', submitSql('uncertainty'));

/**
 * The next task's project: the one with id $4, else the one with slug $5, else the submitted task's. One equality on
 * the primary key whichever is given, so the generic plan PostgreSQL keeps for this prepared statement reads one row
 * of `projects`. A filter of the form `id::text = $4 OR slug = $4` made it scan every project on the server, on every
 * label (BENCHMARKS.md, "a label's cost and the number of projects").
 */
const NEXT_PROJECT_ID = `CASE WHEN $4::uuid IS NOT NULL THEN $4::uuid
                             WHEN $5::text IS NOT NULL THEN (SELECT s.id FROM projects s WHERE s.slug = $5)
                             ELSE a.project_id END`;

/**
 * The task row locked, its project, any label already under the submission id and, for the next task, the queue's
 * project row. The task's item is locked here too (as the label's count update will), before the submit statement
 * locks the next item: a submit then never holds one item while waiting for another, so two submits that each lock the
 * other's item as their next cannot deadlock.
 */
const LOCK_TASK_FOR_SUBMISSION = defineSql(
  'label.lock-task-for-submission',
  `
    SELECT a.id, a.status, a.annotator_id, a.project_id, a.item_id, a.display_order, a.expires_at <= now() AS expired,
          (SELECT row_to_json(l) FROM labels l WHERE l.submission_id = $2) AS existing,
          row_to_json(p) AS project,
          (SELECT row_to_json(q) FROM (${TaskRepository.queueProjectSql('$3::uuid', `$3::uuid IS NOT NULL AND p.id = ${NEXT_PROJECT_ID}`)}) q) AS next_project
     FROM tasks a JOIN projects p ON p.id = a.project_id JOIN items i ON i.id = a.item_id
    WHERE a.id = $1
    FOR UPDATE OF a FOR NO KEY UPDATE OF i`,
);

const BY_SUBMISSION = defineSql(
  'label.by-submission-id',
  `SELECT row_to_json(l) AS existing FROM labels l WHERE l.submission_id = $1`,
);
const DELETE = defineSql('label.delete', `DELETE FROM labels WHERE id = $1`);

/** The labels table's statements that TypeORM's entity API does not express. */
@Injectable()
export class LabelRepository {
  /**
   * Inserts a submitted label, marks its task submitted, counts it on the item and audits it — one round trip. With
   * `next`, the same statement locks the annotator's next item (returned as `next_candidate`).
   */
  async insertSubmittedWithAudit(
    manager: EntityManager,
    label: NewLabel,
    audit: SubmitAudit,
    next: NextCandidateQuery | null = null,
  ): Promise<SubmittedRow> {
    const [row]: SubmittedRow[] = await runNamed(
      manager,
      next?.order === 'uncertainty' ? SUBMIT_UNCERTAIN_NEXT : SUBMIT,
      [
        label.projectId,
        label.itemId,
        label.annotatorId,
        label.taskId,
        label.submissionId,
        label.kind,
        label.content,
        label.flags,
        label.rationale,
        label.rewrite,
        label.timeSpentMs,
        label.displayOrder,
        label.guidelineVersion,
        label.pairKey,
        label.uiDirection,
        audit.actor,
        audit.actorUserId,
        audit.after,
        audit.details,
        next?.projectId ?? null,
        next?.gold ?? false,
        next?.overlap ?? 0,
        next?.languages ?? [],
        next?.specialties ?? [],
        next?.excluded ?? [],
      ],
    );
    return row;
  }

  /**
   * Locks the task row and reads, in the same statement, its project, any label already stored under this submission id
   * and, with `next`, the queue's row for the project the next task comes from.
   */
  async lockTaskForSubmission(
    manager: EntityManager,
    taskId: string,
    submissionId: string,
    next: NextProjectQuery | null = null,
  ): Promise<LockedTaskRow | null> {
    const reference = next?.projectIdOrSlug ?? null;
    // As the queue reads a reference elsewhere (TaskService.eligibleProjects): an id when it has an id's form.
    const byId = reference !== null && isUuid(reference);
    const rows: LockedTaskRow[] = await runNamed(manager, LOCK_TASK_FOR_SUBMISSION, [
      taskId,
      submissionId,
      next?.annotatorId ?? null,
      byId ? reference : null,
      byId ? null : reference,
    ]);
    return rows[0] ?? null;
  }

  async findBySubmissionId(manager: EntityManager, submissionId: string): Promise<LabelRow | null> {
    const [row]: { existing: LabelRow | null }[] = await manager.query(BY_SUBMISSION.text, [submissionId]);
    return row?.existing ?? null;
  }

  async delete(manager: EntityManager, labelId: string): Promise<void> {
    await manager.query(DELETE.text, [labelId]);
  }
}
