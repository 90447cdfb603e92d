import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, isProjectSlug, isUuid, type ChatMessage, type TaskKind } from '@clinrank/domain';
import { randomInt } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { leaseSlotsTaken, pipelinedTransaction, type Actor, type AuthenticatedUser } from '@clinrank/server-core';
import { AuditService } from '@clinrank/server-audit';
import { TaskRepository, type TaskRow, type CandidateRow, type QueueProjectRow } from './task.repository.js';
import { plannedDisplayOrder } from './campaign-display-order.js';
import { ProjectService, type ProjectEntity } from '@clinrank/server-project';
import { EvaluationService } from '@clinrank/server-evaluation';
import { readCampaignPlan } from '@clinrank/eval-metrics';

export interface TaskView {
  taskId: string;
  project: Pick<
    ProjectEntity,
    | 'id'
    | 'slug'
    | 'name'
    | 'kind'
    | 'criteria'
    | 'scaleMin'
    | 'scaleMax'
    | 'allowTies'
    | 'requireRationale'
    | 'guidelineVersion'
  >;
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
type QueueProject = ProjectEntity & { liveLeases: TaskRow[]; quota: number | null; submitted: number };

/** What a submit asks of the queue for the task after it (`submitLabel(next:)`). */
export interface NextTaskRequest {
  /** A project id or slug; when null, the submitted task's project first, then any open project. */
  projectIdOrSlug: string | null;
  /** Task ids already on screen. */
  exclude: string[];
}

/**
 * How the next task is found, decided from the queue row read while locking the submitted task: a live lease to hand
 * back, an item to lock in the submit statement itself, nothing, or the ordinary search through the open projects.
 */
export type NextPlan =
  | { kind: 'resume'; project: QueueProject; lease: TaskRow }
  | { kind: 'lease'; project: QueueProject; gold: boolean }
  | { kind: 'none' }
  | { kind: 'search' };

function queueProject(row: QueueProjectRow): QueueProject {
  return {
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
    queueOrder: row.queue_order,
    settings: row.settings,
    quota: row.quota ?? null,
    submitted: row.submitted ?? 0,
    liveLeases: row.live_leases.map((lease) => ({ ...lease, expires_at: new Date(lease.expires_at) })),
  } as QueueProject;
}

/** The annotator's live lease in the project to hand back: the oldest one not already on screen (`exclude`). */
function resumableLease(project: QueueProject, exclude: string[]): TaskRow | undefined {
  return project.liveLeases.find((lease) => !exclude.includes(lease.id));
}

/** Whether the annotator may take one more lease in the project (two live at most, and within their quota). */
function hasRoomForLease(project: QueueProject): boolean {
  if (project.liveLeases.length >= MAX_LIVE_LEASES) return false;
  return project.quota === null || project.submitted + project.liveLeases.length < project.quota;
}

interface LeasedItem {
  task: TaskRow;
  item: CandidateRow;
}

const MAX_FULL_CANDIDATES = 25;

/**
 * `waitForLocked`: when every free item is held by other transactions, wait for them (TaskRepository
 * .waitForLockedCandidate) instead of answering "nothing left". Only a transaction of its own may wait: a submit's
 * transaction holds its own item, and two submits each waiting for the other's item would both give up.
 */
interface LeaseOptions {
  waitForLocked: boolean;
}
/** An annotator may hold the task on screen plus one fetched ahead, per project. */
export const MAX_LIVE_LEASES = 2;

export interface AnnotatorProject {
  project: TaskView['project'];
  remaining: number;
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

/**
 * The blind, overlapping work queue. Every lease on an item is created while holding that item's row lock
 * (SELECT … FOR UPDATE SKIP LOCKED), and the slots are recounted under the lock, so no item is ever held or finished by
 * more than `overlap` annotators, however many ask at once.
 */
@Injectable()
export class TaskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly repository: TaskRepository,
    private readonly projects: ProjectService,
    private readonly evaluation: EvaluationService,
  ) {}

  /**
   * The annotator's next task: a live lease they already hold (other than those in `exclude`), or a new one. Passing the
   * task on screen in `exclude` fetches the following task ahead of time.
   */
  async nextTask(
    annotator: Annotator,
    projectIdOrSlug: string | null,
    exclude: string[] = [],
  ): Promise<TaskView | null> {
    const projects = await this.eligibleProjects(annotator, projectIdOrSlug);
    return this.firstTask(projects, exclude, this.dataSource.manager, (project) =>
      pipelinedTransaction(
        this.dataSource,
        async (manager) =>
          (await this.leaseInProject(manager, project, annotator, undefined, { waitForLocked: true })) ??
          (await this.leaseTakenMeanwhile(manager, annotator, project, exclude)),
      ),
    );
  }

  /**
   * After a lease attempt found nothing: a lease of the annotator's own that another of their requests committed since
   * this one read the project, if any. Two requests of one clinician overlap when a project switch lands while the last
   * request is still open; both go for the same free item, the later one waits for the earlier one's lock and then finds
   * no slot, and without this it would answer "nothing left" for a project that holds the clinician's own task.
   */
  private async leaseTakenMeanwhile(
    manager: EntityManager,
    annotator: Annotator,
    project: QueueProject,
    exclude: string[],
  ): Promise<TaskView | null> {
    const [row] = await this.repository.eligibleProjects(annotator.id, project.id, null, manager);
    if (!row) return null;
    const fresh = queueProject(row);
    const lease = resumableLease(fresh, exclude);
    return lease ? this.view(manager, fresh, lease) : null;
  }

  /** nextTask inside the caller's transaction. */
  async nextTaskWithin(
    manager: EntityManager,
    annotator: Annotator,
    projectIdOrSlug: string | null,
    exclude: string[],
  ): Promise<TaskView | null> {
    const projects = await this.eligibleProjects(annotator, projectIdOrSlug, manager);
    return this.firstTask(projects, exclude, manager, (project) => this.leaseInProject(manager, project, annotator));
  }

  private async firstTask(
    projects: QueueProject[],
    exclude: string[],
    manager: EntityManager,
    lease: (project: QueueProject) => Promise<TaskView | null>,
  ): Promise<TaskView | null> {
    for (const project of projects) {
      const resumable = resumableLease(project, exclude);
      if (resumable) return this.view(manager, project, resumable);
      if (!hasRoomForLease(project)) continue;
      const task = await lease(project);
      if (task) return task;
    }
    return null;
  }

  /** Refuses a project reference that is neither a project id nor a slug (before any statement runs). */
  assertProjectRef(projectIdOrSlug: string | null): void {
    if (projectIdOrSlug !== null && !isUuid(projectIdOrSlug) && !isProjectSlug(projectIdOrSlug)) {
      throw new DomainError(ErrorCode.BadUserInput, 'projectId must be a project id or slug', 'projectId');
    }
  }

  /**
   * Plans the task after a submit from the queue row read with the submitted task (null: no such project or not open to
   * the annotator). The submitted task is no longer a live lease; a fresh submit counts towards the quota.
   */
  planNext(
    row: QueueProjectRow | null,
    request: NextTaskRequest,
    submitted: { taskId: string; projectId: string; fresh: boolean },
  ): NextPlan {
    if (!row) return { kind: 'search' };
    const project = queueProject(row);
    project.liveLeases = project.liveLeases.filter((lease) => lease.id !== submitted.taskId);
    if (submitted.fresh && submitted.projectId === project.id) project.submitted += 1;
    const resumable = resumableLease(project, request.exclude);
    if (resumable) return { kind: 'resume', project, lease: resumable };
    if (!hasRoomForLease(project)) return request.projectIdOrSlug === null ? { kind: 'search' } : { kind: 'none' };
    return { kind: 'lease', project, gold: this.preferGold(project) };
  }

  /**
   * Finishes the plan inside the submit's transaction: `candidate` is the item the submit statement locked for a
   * 'lease' plan (null when none was free in that pool; undefined when it locked none). The lease is inserted under the item's row lock, as in nextTask.
   */
  async finishNext(
    manager: EntityManager,
    plan: NextPlan,
    annotator: Annotator,
    request: NextTaskRequest,
    candidate?: CandidateRow | null,
  ): Promise<TaskView | null> {
    if (plan.kind === 'none') return null;
    if (plan.kind === 'resume') return this.view(manager, plan.project, plan.lease);
    if (plan.kind === 'lease') {
      const task = await this.leaseInProject(manager, plan.project, annotator, { gold: plan.gold, candidate });
      if (task || request.projectIdOrSlug !== null) return task;
    }
    return this.nextTaskWithin(manager, annotator, request.projectIdOrSlug, request.exclude);
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
      .filter(
        (project) => (left.get(project.id) ?? 0) > 0 || project.id === alsoProject || project.slug === alsoProject,
      )
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
    // A project is counted by id, from its own items (the repository's `task.remaining-in-project`): a slug is resolved.
    const projectId =
      projectIdOrSlug === null || isUuid(projectIdOrSlug)
        ? projectIdOrSlug
        : (await this.projects.findByIdOrSlug(projectIdOrSlug))?.id;
    if (projectId === undefined) return new Map();
    const rows = await this.repository.remainingByProject(annotator, projectId);
    return new Map(rows.map((row) => [row.project_id, Number(row.remaining)]));
  }

  async skip(annotatorId: string, taskId: string, reason: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const task = await this.repository.lockTask(manager, taskId);
      if (!task || task.annotator_id !== annotatorId)
        throw new DomainError(ErrorCode.NotFound, 'No such task of yours', 'taskId');
      if (task.status !== 'leased')
        throw new DomainError(ErrorCode.Conflict, `This task is already ${task.status}`, 'taskId');
      await this.repository.markSkipped(manager, taskId, reason);
      await this.audit.record(
        {
          actor,
          action: 'task.skip',
          entityType: 'task',
          entityId: taskId,
          projectId: task.project_id,
          before: { status: 'leased' },
          after: { status: 'skipped', reason },
        },
        manager,
      );
    });
  }

  private async eligibleProjects(
    annotator: Annotator,
    projectIdOrSlug: string | null,
    manager?: EntityManager,
  ): Promise<QueueProject[]> {
    this.assertProjectRef(projectIdOrSlug);
    const byId = projectIdOrSlug !== null && isUuid(projectIdOrSlug);
    const rows = await this.repository.eligibleProjects(
      annotator.id,
      byId ? projectIdOrSlug : null,
      byId ? null : projectIdOrSlug,
      manager,
    );
    if (projectIdOrSlug && rows.length === 0) {
      const exists = await this.projects.findByIdOrSlug(projectIdOrSlug);
      if (!exists) throw new DomainError(ErrorCode.NotFound, 'No such project', 'projectId');
      if (exists.locked)
        throw new DomainError(
          ErrorCode.ProjectLocked,
          'This project is locked: no new tasks are handed out',
          'projectId',
        );
      // Removed from the project, not a member of a members-only one, or at quota: simply no task here.
      return [];
    }
    return rows.map(queueProject);
  }

  private preferGold(project: ProjectEntity): boolean {
    return project.goldRate > 0 && Math.random() < project.goldRate;
  }

  /** `first`: the gold pool to try first and the item already locked in it (null: none was free there; undefined: not tried). */
  private async leaseInProject(
    manager: EntityManager,
    project: ProjectEntity,
    annotator: Annotator,
    first?: { gold: boolean; candidate?: CandidateRow | null },
    options: LeaseOptions = { waitForLocked: false },
  ): Promise<TaskView | null> {
    // Active campaigns: load the pair-choice estimates (memory after the first time) before any item row is locked.
    if (project.kind === 'pairwise' && readCampaignPlan(project.settings)?.selection === 'active')
      await this.evaluation.campaignEstimates(project.id);
    const preferGold = first ? first.gold : this.preferGold(project);
    for (const gold of preferGold ? [true, false] : [false, true]) {
      const locked = first && gold === first.gold ? first.candidate : undefined;
      const leased = await this.leaseItem(manager, project, annotator, gold, locked, options);
      if (leased) return this.present(project, leased.task, leased.item);
    }
    return null;
  }

  private async leaseItem(
    manager: EntityManager,
    project: ProjectEntity,
    annotator: Annotator,
    gold: boolean,
    locked: CandidateRow | null | undefined,
    options: LeaseOptions,
  ): Promise<LeasedItem | null> {
    const excluded: string[] = [];
    let waited = false;
    for (let attempt = 0; attempt < MAX_FULL_CANDIDATES; attempt += 1) {
      const query = {
        projectId: project.id,
        gold,
        overlap: project.overlap,
        annotator,
        excluded,
        order: project.queueOrder,
      };
      let candidate =
        attempt === 0 && locked !== undefined ? locked : await this.repository.lockNextCandidate(manager, query);
      // Nothing free may only mean that other annotators' submits hold the last items for a moment: wait for them once.
      if (!candidate && options.waitForLocked && !waited) {
        waited = true;
        candidate = await this.repository.waitForLockedCandidate(manager, query);
      }
      if (!candidate) return null;
      const displayOrder = await this.chooseDisplayOrder(
        manager,
        project,
        candidate.id,
        candidate.responses.map((response) => response.id),
      );
      // We hold the item's row lock, so this statement's fresh snapshot sees every committed lease: re-count there.
      const row = await this.repository.insertLeaseIfSlotFree(manager, {
        projectId: project.id,
        itemId: candidate.id,
        annotatorId: annotator.id,
        displayOrder,
        leaseSeconds: project.leaseSeconds,
        overlap: project.overlap,
      });
      if (row) return { task: row, item: candidate };
      leaseSlotsTaken.inc();
      excluded.push(candidate.id);
    }
    return null;
  }

  /** Annotators who finished the item plus live leases; read after taking the item's row lock. */
  async takenSlots(manager: EntityManager, itemId: string, exceptAnnotator?: string): Promise<number> {
    return this.repository.takenSlots(manager, itemId, exceptAnnotator ?? null);
  }

  /** Hands a submitted task back to its annotator ("undo") with a fresh lease; runs in the caller's transaction. */
  async reopenLease(manager: EntityManager, taskId: string, leaseSeconds: number): Promise<void> {
    await this.repository.reopenLease(manager, taskId, leaseSeconds);
  }

  /** A fresh shuffle per task; pairwise items with more than two answers show the least-judged pair. */
  private async chooseDisplayOrder(
    manager: EntityManager,
    project: ProjectEntity,
    itemId: string,
    ids: string[],
  ): Promise<string[]> {
    if (project.kind === 'validation') return [ids[0]];
    // Evaluation campaigns pick the planned model pair and balance its sides (see campaign-display-order.ts).
    const planned =
      project.kind === 'pairwise'
        ? await plannedDisplayOrder(this.repository, manager, project.id, itemId, project.settings, (id) =>
            this.evaluation.campaignEstimates(id),
          )
        : null;
    if (planned) return planned;
    if (project.kind !== 'pairwise' || ids.length <= 2) return shuffle(ids);
    const counts = await this.repository.pairLabelCounts(manager, itemId);
    const judged = new Map(counts.map((row) => [row.pair_key, Number(row.n)]));
    const pairs = ids.flatMap((left, index) => ids.slice(index + 1).map((right) => [left, right]));
    const fewest = Math.min(...pairs.map((pair) => judged.get([...pair].sort().join('|')) ?? 0));
    const candidates = pairs.filter((pair) => (judged.get([...pair].sort().join('|')) ?? 0) === fewest);
    return shuffle(candidates[randomInt(candidates.length)]);
  }

  private async view(manager: EntityManager, project: ProjectEntity, task: TaskRow): Promise<TaskView> {
    const item = await this.repository.itemWithShownResponses(manager, task.item_id, task.display_order);
    return this.present(project, task, item);
  }

  private present(project: ProjectEntity, task: TaskRow, item: CandidateRow): TaskView {
    const byId = new Map(item.responses.map((response) => [response.id, response]));
    return {
      taskId: task.id,
      project: this.taskProject(project),
      language: item.language,
      specialty: item.specialty,
      prompt: item.prompt,
      messages: item.messages,
      responses: task.display_order.map((id) => byId.get(id)!).filter(Boolean),
      expiresAt: task.expires_at,
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
