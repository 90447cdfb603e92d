import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, type ChatMessage, type TaskKind } from '@clinrank/domain';
import { randomInt } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor, AuthenticatedUser } from '@clinrank/server-core';
import { AuditService } from '@clinrank/server-audit';
import { plannedDisplayOrder } from './campaign-display-order.js';
import type { ProjectEntity } from '@clinrank/server-project';

export interface TaskView {
  assignmentId: string;
  project: Pick<ProjectEntity, 'id' | 'slug' | 'name' | 'kind' | 'criteria' | 'scaleMin' | 'scaleMax' | 'allowTies' | 'requireRationale' | 'guidelineVersion'>;
  language: string;
  specialty: string;
  prompt: string | null;
  messages: ChatMessage[] | null;
  responses: { id: string; text: string }[];
  expiresAt: Date;
}

/** The signed-in annotator as the queue needs them (the auth guard has just read these from the account). */
export interface Annotator {
  id: string;
  languages: string[];
  specialties: string[];
}

export function annotatorOf(user: AuthenticatedUser): Annotator {
  return { id: user.userId, languages: user.languages, specialties: user.specialties };
}

/** An open project with the annotator's live leases in it, read in one statement. */
type QueueProject = ProjectEntity & { liveLeases: AssignmentRow[]; quota: number | null; submitted: number };

interface AssignmentRow {
  id: string;
  item_id: string;
  display_order: string[];
  expires_at: Date;
}

/** An item as the queue reads it, with its responses in import order. */
interface CandidateRow {
  id: string;
  language: string;
  specialty: string;
  prompt: string | null;
  messages: ChatMessage[] | null;
  responses: { id: string; text: string }[];
}

interface LeasedItem {
  assignment: AssignmentRow;
  item: CandidateRow;
}

/**
 * The projects an annotator may work on ($3 = annotator): not removed from it; a member when it takes members only;
 * and under their quota of submitted tasks (nextTask also counts the tasks they hold before leasing another).
 */
const MEMBERSHIP_SQL = `NOT EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.user_id = $3 AND m.status = 'removed')
          AND (NOT coalesce((p.settings->>'membersOnly')::boolean, false)
               OR EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.user_id = $3 AND m.status = 'member'))
          AND NOT EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.user_id = $3 AND m.quota IS NOT NULL
                            AND m.quota <= (SELECT count(*) FROM assignments q WHERE q.project_id = p.id AND q.annotator_id = $3 AND q.status = 'submitted'))`;

const MAX_FULL_CANDIDATES = 25;
/** An annotator may hold the task on screen plus one fetched ahead, per project. */
export const MAX_LIVE_LEASES = 2;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface AnnotatorProject {
  project: TaskView['project'];
  remaining: number;
}

/** SQL for an item's taken slots: annotators with a label plus live leases, optionally leaving one annotator out. */
function takenSlotsSql(item: string, exceptAnnotator?: string): string {
  const except = exceptAnnotator ? ` AND annotator_id IS DISTINCT FROM ${exceptAnnotator}` : '';
  return `((SELECT count(DISTINCT annotator_id) FROM labels WHERE item_id = ${item}${except})
         + (SELECT count(*) FROM assignments WHERE item_id = ${item} AND status = 'leased' AND expires_at > now()${except}))`;
}

/** Fisher–Yates with a cryptographic source, so display order carries no pattern an annotator could learn. */
export function shuffle<T>(values: readonly T[]): T[] {
  const copy = [...values];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = randomInt(index + 1);
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

/** Items imported fully annotated with more responses than the project's limit are never handed to clinicians. */
const WITHIN_RESPONSE_LIMIT = `(SELECT count(*) FROM responses r WHERE r.item_id = i.id) <= (SELECT p.max_responses FROM projects p WHERE p.id = i.project_id)`;

/**
 * The blind, overlapping work queue. Every lease on an item is created while holding that item's row lock
 * (SELECT … FOR UPDATE SKIP LOCKED), and the slots are recounted under the lock, so no item is ever held or finished by
 * more than `overlap` annotators, however many ask at once.
 */
@Injectable()
export class AssignmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * The annotator's next task: a live lease they already hold (other than those in `exclude`), or a new one. Passing the
   * task on screen in `exclude` fetches the following task ahead of time.
   */
  async nextTask(annotator: Annotator, projectIdOrSlug: string | null, exclude: string[] = []): Promise<TaskView | null> {
    const projects = await this.eligibleProjects(annotator, projectIdOrSlug);
    for (const project of projects) {
      const resumable = project.liveLeases.find((assignment) => !exclude.includes(assignment.id));
      if (resumable) return this.view(this.dataSource.manager, project, resumable);
      if (project.liveLeases.length >= MAX_LIVE_LEASES) continue;
      if (project.quota !== null && project.submitted + project.liveLeases.length >= project.quota) continue;
      const task = await this.dataSource.transaction((manager) => this.leaseInProject(manager, project, annotator));
      if (task) return task;
    }
    return null;
  }

  /**
   * Open projects with work left in the annotator's languages and specialties (and of which they are
   * a member, within quota). The project named by `alsoProject` (id or
   * slug) is listed even when nothing is left in it, so the workspace can name the project a clinician chose.
   */
  async annotatorProjects(annotator: Annotator, alsoProject: string | null = null): Promise<AnnotatorProject[]> {
    const projects = await this.eligibleProjects(annotator, null);
    const left = await this.remainingByProject(annotator, null);
    return projects
      .filter((project) => (left.get(project.id) ?? 0) > 0 || project.id === alsoProject || project.slug === alsoProject)
      .map((project) => ({ project: this.taskProject(project), remaining: left.get(project.id) ?? 0 }));
  }

  /** Items this annotator can still label: in one project (id or slug), or in every open project when null. */
  async remainingFor(annotator: Annotator, projectIdOrSlug: string | null): Promise<number> {
    let total = 0;
    for (const count of (await this.remainingByProject(annotator, projectIdOrSlug)).values()) total += count;
    return total;
  }

  /** Per open project: items with a free slot, in the annotator's languages and specialties, not yet labelled or skipped by them. */
  private async remainingByProject(annotator: Annotator, projectIdOrSlug: string | null): Promise<Map<string, number>> {
    const rows: { project_id: string; remaining: string }[] = await this.dataSource.query(
      `SELECT i.project_id, count(*) AS remaining
         FROM items i JOIN projects p ON p.id = i.project_id
        WHERE NOT p.locked AND ($1::text IS NULL OR p.id::text = $1 OR p.slug = $1) AND i.label_count < p.overlap
          AND ${WITHIN_RESPONSE_LIMIT}
          AND (cardinality($2::text[]) = 0 OR i.language = ANY($2))
          AND (cardinality($3::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($3))
          AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator_id = $4 AND a.status <> 'leased')
        GROUP BY i.project_id`,
      [projectIdOrSlug, annotator.languages, annotator.specialties, annotator.id],
    );
    return new Map(rows.map((row) => [row.project_id, Number(row.remaining)]));
  }

  async skip(annotatorId: string, assignmentId: string, reason: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows: { id: string; status: string; annotator_id: string; project_id: string; item_id: string }[] = await manager.query(
        `SELECT id, status, annotator_id, project_id, item_id FROM assignments WHERE id = $1 FOR UPDATE`,
        [assignmentId],
      );
      const assignment = rows[0];
      if (!assignment || assignment.annotator_id !== annotatorId) throw new DomainError(ErrorCode.NotFound, 'No such task of yours', 'assignmentId');
      if (assignment.status !== 'leased') throw new DomainError(ErrorCode.Conflict, `This task is already ${assignment.status}`, 'assignmentId');
      await manager.query(`UPDATE assignments SET status = 'skipped', skip_reason = $2, finished_at = now() WHERE id = $1`, [assignmentId, reason]);
      await this.audit.record({ actor, action: 'assignment.skip', entityType: 'assignment', entityId: assignmentId, projectId: assignment.project_id, before: { status: 'leased' }, after: { status: 'skipped', reason } }, manager);
    });
  }

  private async eligibleProjects(annotator: Annotator, projectIdOrSlug: string | null): Promise<QueueProject[]> {
    if (projectIdOrSlug !== null && !UUID.test(projectIdOrSlug) && !SLUG.test(projectIdOrSlug)) {
      throw new DomainError(ErrorCode.BadUserInput, 'projectId must be a project id or slug', 'projectId');
    }
    const byId = projectIdOrSlug !== null && UUID.test(projectIdOrSlug);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT p.id, p.slug, p.name, p.kind, p.criteria, p.scale_min, p.scale_max, p.overlap, p.gold_rate, p.lease_seconds, p.allow_ties,
              p.require_rationale, p.guideline_version, p.locked, p.settings,
              (SELECT m.quota FROM project_members m WHERE m.project_id = p.id AND m.user_id = $3) AS quota,
              (SELECT count(*)::int FROM assignments q WHERE q.project_id = p.id AND q.annotator_id = $3 AND q.status = 'submitted') AS submitted,
              COALESCE((SELECT json_agg(json_build_object('id', a.id, 'item_id', a.item_id, 'display_order', a.display_order, 'expires_at', a.expires_at) ORDER BY a.leased_at)
                          FROM assignments a
                         WHERE a.annotator_id = $3 AND a.project_id = p.id AND a.status = 'leased' AND a.expires_at > now()), '[]') AS live_leases
         FROM projects p WHERE NOT p.locked AND ($1::uuid IS NULL OR p.id = $1) AND ($2::text IS NULL OR p.slug = $2)
          AND ${MEMBERSHIP_SQL}
        ORDER BY p.created_at`,
      [byId ? projectIdOrSlug : null, byId ? null : projectIdOrSlug, annotator.id],
    );
    if (projectIdOrSlug && rows.length === 0) {
      const exists = await this.dataSource.query(`SELECT locked FROM projects WHERE ${byId ? 'id' : 'slug'} = $1`, [projectIdOrSlug]);
      if (!exists[0]) throw new DomainError(ErrorCode.NotFound, 'No such project', 'projectId');
      if (exists[0].locked) throw new DomainError(ErrorCode.ProjectLocked, 'This project is locked: no new tasks are handed out', 'projectId');
      // Removed from the project, not a member of a members-only one, or at quota: simply no task here.
      return [];
    }
    return rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      name: row.name,
      kind: row.kind as TaskKind,
      criteria: row.criteria,
      scaleMin: row.scale_min,
      scaleMax: row.scale_max,
      overlap: row.overlap,
      goldRate: row.gold_rate,
      leaseSeconds: row.lease_seconds,
      allowTies: row.allow_ties,
      requireRationale: row.require_rationale,
      guidelineVersion: row.guideline_version,
      locked: row.locked,
      settings: row.settings,
      quota: row.quota ?? null,
      submitted: row.submitted ?? 0,
      liveLeases: (row.live_leases as (Omit<AssignmentRow, 'expires_at'> & { expires_at: string })[]).map((lease) => ({ ...lease, expires_at: new Date(lease.expires_at) })),
    })) as QueueProject[];
  }

  private async leaseInProject(manager: EntityManager, project: ProjectEntity, annotator: Annotator): Promise<TaskView | null> {
    const preferGold = project.goldRate > 0 && Math.random() < project.goldRate;
    for (const gold of preferGold ? [true, false] : [false, true]) {
      const leased = await this.leaseItem(manager, project, annotator, gold);
      if (leased) return this.present(project, leased.assignment, leased.item);
    }
    return null;
  }

  private async leaseItem(manager: EntityManager, project: ProjectEntity, annotator: Annotator, gold: boolean): Promise<LeasedItem | null> {
    const excluded: string[] = [];
    for (let attempt = 0; attempt < MAX_FULL_CANDIDATES; attempt += 1) {
      const candidates: CandidateRow[] = await manager.query(
        `SELECT i.id, i.language, i.specialty, i.prompt, i.messages,
                (SELECT json_agg(json_build_object('id', r.id, 'text', r.text) ORDER BY r.position) FROM responses r WHERE r.item_id = i.id) AS responses
           FROM items i
          WHERE i.project_id = $1 AND i.is_gold = $2 AND i.label_count < $3
            AND ${WITHIN_RESPONSE_LIMIT}
            -- Skip items whose slots are all taken by live leases too; otherwise they sort first and use up the retries.
            AND i.label_count + (SELECT count(*) FROM assignments h WHERE h.item_id = i.id AND h.status = 'leased' AND h.expires_at > now()) < $3
            AND (cardinality($4::text[]) = 0 OR i.language = ANY($4))
            AND (cardinality($5::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($5))
            AND NOT (i.id = ANY($7::uuid[]))
            AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator_id = $6)
            AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id AND l.annotator_id = $6)
          ORDER BY i.label_count DESC, i.id
          LIMIT 1
          FOR UPDATE OF i SKIP LOCKED`,
        [project.id, gold, project.overlap, annotator.languages, annotator.specialties, annotator.id, excluded],
      );
      const candidate = candidates[0];
      if (!candidate) return null;
      const displayOrder = await this.chooseDisplayOrder(manager, project, candidate.id, candidate.responses.map((response) => response.id));
      // We hold the item's row lock, so this statement's fresh snapshot sees every committed lease: re-count there.
      const [row]: AssignmentRow[] = await manager.query(
        `INSERT INTO assignments (project_id, item_id, annotator_id, status, display_order, expires_at)
         SELECT $1, $2, $3, 'leased', $4, now() + make_interval(secs => $5)
          WHERE ${takenSlotsSql('$2')} < $6
         RETURNING id, item_id, display_order, expires_at`,
        [project.id, candidate.id, annotator.id, displayOrder, project.leaseSeconds, project.overlap],
      );
      if (row) return { assignment: row, item: candidate };
      excluded.push(candidate.id);
    }
    return null;
  }

  /** Annotators who finished the item plus live leases; read after taking the item's row lock. */
  async takenSlots(manager: EntityManager, itemId: string, exceptAnnotator?: string): Promise<number> {
    const [row]: { taken: string }[] = await manager.query(
      `SELECT ${takenSlotsSql('$1', '$2')} AS taken`,
      [itemId, exceptAnnotator ?? null],
    );
    return Number(row.taken);
  }

  /** A fresh shuffle per assignment; pairwise items with more than two answers show the least-judged pair. */
  private async chooseDisplayOrder(manager: EntityManager, project: ProjectEntity, itemId: string, ids: string[]): Promise<string[]> {
    if (project.kind === 'validation') return [ids[0]];
    // Evaluation campaigns pick the planned model pair and balance its sides (see evaluation/campaign-display-order.ts).
    const planned = project.kind === 'pairwise' ? await plannedDisplayOrder(manager, project.id, itemId, project.settings) : null;
    if (planned) return planned;
    if (project.kind !== 'pairwise' || ids.length <= 2) return shuffle(ids);
    const counts: { pair_key: string; n: string }[] = await manager.query(`SELECT pair_key, count(*) AS n FROM labels WHERE item_id = $1 GROUP BY pair_key`, [itemId]);
    const judged = new Map(counts.map((row) => [row.pair_key, Number(row.n)]));
    const pairs = ids.flatMap((left, index) => ids.slice(index + 1).map((right) => [left, right]));
    const fewest = Math.min(...pairs.map((pair) => judged.get([...pair].sort().join('|')) ?? 0));
    const candidates = pairs.filter((pair) => (judged.get([...pair].sort().join('|')) ?? 0) === fewest);
    return shuffle(candidates[randomInt(candidates.length)]);
  }

  private async view(manager: EntityManager, project: ProjectEntity, assignment: AssignmentRow): Promise<TaskView> {
    const [item]: CandidateRow[] = await manager.query(
      `SELECT i.id, i.language, i.specialty, i.prompt, i.messages,
              (SELECT json_agg(json_build_object('id', r.id, 'text', r.text)) FROM responses r WHERE r.id = ANY($2::uuid[])) AS responses
         FROM items i WHERE i.id = $1`,
      [assignment.item_id, assignment.display_order],
    );
    return this.present(project, assignment, item);
  }

  private present(project: ProjectEntity, assignment: AssignmentRow, item: CandidateRow): TaskView {
    const byId = new Map(item.responses.map((response) => [response.id, response]));
    return {
      assignmentId: assignment.id,
      project: this.taskProject(project),
      language: item.language,
      specialty: item.specialty,
      prompt: item.prompt,
      messages: item.messages,
      responses: assignment.display_order.map((id) => byId.get(id)!).filter(Boolean),
      expiresAt: assignment.expires_at,
    };
  }

  private taskProject(project: ProjectEntity): TaskView['project'] {
    return {
      id: project.id,
      slug: project.slug,
      name: project.name,
      kind: project.kind,
      criteria: project.criteria,
      scaleMin: project.scaleMin,
      scaleMax: project.scaleMax,
      allowTies: project.allowTies,
      requireRationale: project.requireRationale,
      guidelineVersion: project.guidelineVersion,
    };
  }
}
