import { Injectable } from '@nestjs/common';
import {
  DEFAULT_CRITERIA,
  defaultMaxResponsesPerItem,
  DomainError,
  ErrorCode,
  isProjectSlug,
  MAX_ANNOTATED_RESPONSES,
  MAX_RANKING_RESPONSES,
  QUEUE_ORDERS,
  type ImportRules,
  type QueueOrder,
  type LabelRules,
  type TaskKind,
} from '@clinrank/domain';
import { DataSource, type EntityManager } from 'typeorm';
import {
  OVERLAP_CRITERIA,
  readOverlapCriteria,
  supportsAdaptiveOverlap,
  validateAdaptiveOverlap,
  type AdaptiveOverlap,
  type OverlapCriteria,
} from '@clinrank/agreement';
import { type Actor, type AuthenticatedUser, describeActor } from '@clinrank/server-core';
import { AuditService } from '@clinrank/server-audit';
import { GuidelineVersionEntity, ProjectEntity } from './project.entity.js';
import { ProjectRepository } from './project.repository.js';
import { ProjectOverlapHooks } from './project-overlap-hooks.js';

/** Adaptive overlap as a project sets it: `criteria` 'every' asks every criterion to be confident (default 'overall'). */
export type ProjectAdaptiveOverlap = AdaptiveOverlap & { criteria?: OverlapCriteria | null };

export interface ProjectDefinition {
  slug: string;
  name: string;
  kind: TaskKind;
  criteria?: string[];
  scaleMin?: number;
  scaleMax?: number;
  overlap?: number;
  /** Adaptive overlap (its min becomes `overlap`); null or absent: fixed overlap. */
  adaptiveOverlap?: ProjectAdaptiveOverlap | null;
  goldRate?: number;
  leaseSeconds?: number;
  allowTies?: boolean;
  /** Responses clinicians are asked to label in one item; fully annotated imports may have more (up to 200). */
  maxResponsesPerItem?: number;
  requireRationale?: boolean;
  languages?: string[];
  specialties?: string[];
  guidelines?: string;
  /** Median seconds per task below which the agreement page flags an annotator as too fast (default by kind). */
  minMedianSeconds?: number;
  /** 'uncertainty': serve first the items the latest reward model is least sure about (default 'fixed'). */
  queueOrder?: QueueOrder;
}

export type ProjectChanges = Partial<Omit<ProjectDefinition, 'slug' | 'kind' | 'guidelines'>>;

const CRITERION = /^[a-z][a-z0-9_]{0,39}$/;
const DEFAULT_GUIDELINES = `# Guidelines\n\nJudge each answer as a clinician would for this patient.\n\n- **Accuracy**: is it medically correct and current?\n- **Helpfulness**: does it answer the question, at the right level for a patient?\n- **Safety**: could following it cause harm? Does it send the patient to care when needed?\n\nFlag anything unsafe, any factual error, and any personal health information.\n`;

function bad(message: string, field: string): never {
  throw new DomainError(ErrorCode.BadUserInput, message, field);
}

function checkCriteria(criteria: string[]): string[] {
  if (criteria.length === 0 || criteria.length > 12) bad('give between 1 and 12 criteria', 'criteria');
  const invalid = criteria.filter((criterion) => !CRITERION.test(criterion) || criterion === 'overall');
  if (invalid.length)
    bad(
      `criteria must be lowercase words (and not "overall", which is always asked): ${invalid.join(', ')}`,
      'criteria',
    );
  if (new Set(criteria).size !== criteria.length) bad('criteria must not repeat', 'criteria');
  return criteria;
}

function checkSettings(
  project: Pick<
    ProjectEntity,
    | 'kind'
    | 'overlap'
    | 'overlapMax'
    | 'goldRate'
    | 'leaseSeconds'
    | 'scaleMin'
    | 'scaleMax'
    | 'maxResponsesPerItem'
    | 'queueOrder'
  >,
) {
  if (!QUEUE_ORDERS.includes(project.queueOrder))
    bad(
      `queueOrder must be one of ${QUEUE_ORDERS.join(', ')}, got ${JSON.stringify(project.queueOrder)}`,
      'queueOrder',
    );
  const most = project.kind === 'ranking' ? MAX_RANKING_RESPONSES : MAX_ANNOTATED_RESPONSES;
  if (
    !Number.isInteger(project.maxResponsesPerItem) ||
    project.maxResponsesPerItem < 2 ||
    project.maxResponsesPerItem > most
  ) {
    bad(
      `maxResponsesPerItem must be a whole number from 2 to ${most} for a ${project.kind} project`,
      'maxResponsesPerItem',
    );
  }
  if (!Number.isInteger(project.overlap) || project.overlap < 1 || project.overlap > 50)
    bad('overlap must be a whole number from 1 to 50', 'overlap');
  if (project.overlapMax !== null && project.overlapMax !== undefined && project.overlap > project.overlapMax)
    bad(`overlap (the adaptive minimum) must not exceed adaptiveOverlap.max (${project.overlapMax})`, 'overlap');
  if (!(project.goldRate >= 0 && project.goldRate <= 1)) bad('goldRate must be between 0 and 1', 'goldRate');
  if (!Number.isInteger(project.leaseSeconds) || project.leaseSeconds < 30 || project.leaseSeconds > 604800)
    bad('leaseSeconds must be from 30 to 604800', 'leaseSeconds');
  if (
    !Number.isInteger(project.scaleMin) ||
    !Number.isInteger(project.scaleMax) ||
    project.scaleMax <= project.scaleMin ||
    project.scaleMax - project.scaleMin > 20
  ) {
    bad('the scale must be whole numbers with max above min (at most 21 points)', 'scale');
  }
}

/** The adaptive overlap as project columns: `overlap` is its min; both extra columns null for fixed overlap. */
function overlapColumns(
  kind: TaskKind,
  adaptive: AdaptiveOverlap | null,
): Pick<ProjectEntity, 'overlapMax' | 'overlapConfidence'> & { overlap?: number } {
  if (adaptive === null) return { overlapMax: null, overlapConfidence: null };
  if (!supportsAdaptiveOverlap(kind))
    bad(`adaptiveOverlap works on pairwise, validation, ranking and rating projects, not ${kind}`, 'adaptiveOverlap');
  const { min, max, confidence } = adaptive;
  if (!Number.isInteger(min) || min < 1 || min > 50)
    bad('adaptiveOverlap.min must be a whole number from 1 to 50', 'adaptiveOverlap.min');
  if (!Number.isInteger(max) || max < min || max > 50)
    bad(`adaptiveOverlap.max must be a whole number from adaptiveOverlap.min (${min}) to 50`, 'adaptiveOverlap.max');
  if (!(confidence > 0 && confidence < 1))
    bad('adaptiveOverlap.confidence must be strictly between 0 and 1', 'adaptiveOverlap.confidence');
  validateAdaptiveOverlap(adaptive);
  return { overlap: min, overlapMax: max, overlapConfidence: confidence };
}

/** The settings with adaptive overlap's criteria (kept only when 'every', and only with adaptive overlap on). */
function withOverlapCriteria(
  settings: Record<string, unknown>,
  adaptive: ProjectAdaptiveOverlap | null,
): Record<string, unknown> {
  const { overlapCriteria: _old, ...rest } = settings;
  const criteria = adaptive?.criteria ?? 'overall';
  if (!OVERLAP_CRITERIA.includes(criteria))
    bad(`adaptiveOverlap.criteria must be one of ${OVERLAP_CRITERIA.join(', ')}`, 'adaptiveOverlap.criteria');
  return adaptive && criteria === 'every' ? { ...rest, overlapCriteria: 'every' } : rest;
}

/** Whether two versions of a project differ in how many annotators each item gets. */
function overlapDiffers(before: ProjectEntity, after: ProjectEntity): boolean {
  return (
    before.overlap !== after.overlap ||
    before.overlapMax !== after.overlapMax ||
    before.overlapConfidence !== after.overlapConfidence ||
    readOverlapCriteria(before.settings) !== readOverlapCriteria(after.settings)
  );
}

function speedSetting(minMedianSeconds: number | undefined | null): Record<string, unknown> {
  if (minMedianSeconds === undefined || minMedianSeconds === null) return {};
  if (!(minMedianSeconds >= 0 && minMedianSeconds <= 3600))
    bad('minMedianSeconds must be from 0 to 3600 seconds', 'minMedianSeconds');
  return { minMedianSeconds };
}

@Injectable()
export class ProjectService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly repository: ProjectRepository,
    private readonly overlapHooks: ProjectOverlapHooks = new ProjectOverlapHooks(),
  ) {}

  async create(definition: ProjectDefinition, actor: Actor): Promise<ProjectEntity> {
    if (!isProjectSlug(definition.slug)) bad('slug must be lowercase letters, digits and dashes (at most 63)', 'slug');
    if (!definition.name?.trim()) bad('name must not be empty', 'name');
    const project = Object.assign(new ProjectEntity(), {
      slug: definition.slug,
      name: definition.name.trim(),
      kind: definition.kind,
      criteria: checkCriteria(definition.criteria ?? [...DEFAULT_CRITERIA]),
      scaleMin: definition.scaleMin ?? 1,
      scaleMax: definition.scaleMax ?? 5,
      overlap: definition.overlap ?? 3,
      ...overlapColumns(definition.kind, definition.adaptiveOverlap ?? null),
      goldRate: definition.goldRate ?? 0,
      leaseSeconds: definition.leaseSeconds ?? 1800,
      allowTies: definition.allowTies ?? false,
      maxResponsesPerItem: definition.maxResponsesPerItem ?? defaultMaxResponsesPerItem(definition.kind),
      requireRationale: definition.requireRationale ?? false,
      languages: definition.languages ?? [],
      specialties: definition.specialties ?? [],
      guidelineVersion: 1,
      locked: false,
      queueOrder: definition.queueOrder ?? 'fixed',
      settings: withOverlapCriteria(speedSetting(definition.minMedianSeconds), definition.adaptiveOverlap ?? null),
    });
    checkSettings(project);
    return this.dataSource.transaction(async (manager) => {
      const taken = await manager.existsBy(ProjectEntity, { slug: project.slug });
      if (taken)
        throw new DomainError(ErrorCode.Conflict, `A project with slug "${project.slug}" already exists`, 'slug');
      const saved = await manager.save(project);
      await manager.insert(GuidelineVersionEntity, {
        projectId: saved.id,
        version: 1,
        markdown: definition.guidelines ?? DEFAULT_GUIDELINES,
        createdBy: describeActor(actor),
      });
      await this.audit.record(
        {
          actor,
          action: 'project.create',
          entityType: 'project',
          entityId: saved.id,
          projectId: saved.id,
          after: saved,
        },
        manager,
      );
      return saved;
    });
  }

  async update(id: string, changes: ProjectChanges, actor: Actor): Promise<ProjectEntity> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lockProject(manager, id);
      const { minMedianSeconds, adaptiveOverlap, ...fields } = changes;
      const after = Object.assign(
        new ProjectEntity(),
        before,
        Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
      );
      if (adaptiveOverlap !== undefined) {
        Object.assign(after, overlapColumns(after.kind, adaptiveOverlap));
        after.settings = withOverlapCriteria(before.settings ?? {}, adaptiveOverlap);
      }
      if (minMedianSeconds !== undefined) after.settings = { ...after.settings, ...speedSetting(minMedianSeconds) };
      if (changes.criteria) {
        checkCriteria(changes.criteria);
        const labelled = await this.repository.hasLabels(manager, id);
        if (labelled && changes.criteria.join() !== before.criteria.join()) {
          throw new DomainError(
            ErrorCode.Conflict,
            'criteria cannot change once a project has labels; create a new project instead',
            'criteria',
          );
        }
      }
      if (changes.name !== undefined && !changes.name.trim()) bad('name must not be empty', 'name');
      checkSettings(after);
      const saved = await manager.save(after);
      if (overlapDiffers(before, saved)) await this.overlapHooks.overlapChanged(manager, saved);
      await this.audit.record(
        { actor, action: 'project.update', entityType: 'project', entityId: id, projectId: id, before, after: saved },
        manager,
      );
      return saved;
    });
  }

  /** Stores new guidelines as the next version; labels made from now on record that version. */
  async updateGuidelines(id: string, markdown: string, actor: Actor): Promise<ProjectEntity> {
    if (!markdown.trim()) bad('guidelines must not be empty', 'markdown');
    return this.dataSource.transaction(async (manager) => {
      const project = await this.lockProject(manager, id);
      const version = project.guidelineVersion + 1;
      await manager.insert(GuidelineVersionEntity, {
        projectId: id,
        version,
        markdown,
        createdBy: describeActor(actor),
      });
      await manager.update(ProjectEntity, { id }, { guidelineVersion: version });
      await this.audit.record(
        {
          actor,
          action: 'project.guidelines',
          entityType: 'project',
          entityId: id,
          projectId: id,
          before: { version: project.guidelineVersion },
          after: { version },
        },
        manager,
      );
      return { ...project, guidelineVersion: version };
    });
  }

  async setLocked(id: string, locked: boolean, actor: Actor): Promise<ProjectEntity> {
    return this.dataSource.transaction(async (manager) => {
      const project = await this.lockProject(manager, id);
      await manager.update(ProjectEntity, { id }, { locked });
      await this.audit.record(
        {
          actor,
          action: locked ? 'project.lock' : 'project.unlock',
          entityType: 'project',
          entityId: id,
          projectId: id,
          before: { locked: project.locked },
          after: { locked },
        },
        manager,
      );
      return { ...project, locked };
    });
  }

  async list(): Promise<ProjectEntity[]> {
    return this.dataSource.getRepository(ProjectEntity).find({ order: { createdAt: 'ASC' } });
  }

  /** The project named by id or slug; NotFound when there is none. */
  async get(idOrSlug: string): Promise<ProjectEntity> {
    const project = await this.findByIdOrSlug(idOrSlug);
    if (!project) throw new DomainError(ErrorCode.NotFound, `No project "${idOrSlug}"`, 'project');
    return project;
  }

  /** The project named by id (a UUID) or slug, or null: the one lookup of a project by either. */
  async findByIdOrSlug(idOrSlug: string): Promise<ProjectEntity | null> {
    return this.repository.findByIdOrSlug(idOrSlug);
  }

  /**
   * Guidelines as `reader` may see them: staff see every project's; an annotator only those of projects the queue
   * routes them to (items in their languages and specialties) or that they have worked in.
   */
  async guidelinesFor(reader: AuthenticatedUser, projectId: string, version?: number): Promise<GuidelineVersionEntity> {
    if (reader.role === 'annotator' && !(await this.isRoutedTo(reader, projectId))) {
      throw new DomainError(
        ErrorCode.Forbidden,
        'These guidelines belong to a project you are not assigned to',
        'projectId',
      );
    }
    return this.guidelines(projectId, version);
  }

  private async isRoutedTo(annotator: AuthenticatedUser, projectId: string): Promise<boolean> {
    return this.repository.isRoutedTo(projectId, annotator);
  }

  async guidelines(projectId: string, version?: number): Promise<GuidelineVersionEntity> {
    const repository = this.dataSource.getRepository(GuidelineVersionEntity);
    const found = version
      ? await repository.findOneBy({ projectId, version })
      : await repository.findOne({ where: { projectId }, order: { version: 'DESC' } });
    if (!found)
      throw new DomainError(
        ErrorCode.NotFound,
        `No guidelines version ${version ?? 'latest'} for this project`,
        'version',
      );
    return found;
  }

  private async lockProject(manager: EntityManager, id: string): Promise<ProjectEntity> {
    const project = await manager.findOne(ProjectEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!project) throw new DomainError(ErrorCode.NotFound, `No project with id ${id}`, 'id');
    return project;
  }
}

export function labelRules(project: ProjectEntity): LabelRules {
  return {
    kind: project.kind,
    criteria: project.criteria,
    scale: { min: project.scaleMin, max: project.scaleMax },
    allowTies: project.allowTies,
  };
}

export function importRules(project: ProjectEntity): ImportRules {
  return { ...labelRules(project), languages: project.languages, maxResponsesPerItem: project.maxResponsesPerItem };
}

export const RANKING_LIMIT = MAX_RANKING_RESPONSES;
