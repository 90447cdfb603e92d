import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DomainError, ErrorCode, LANGUAGE_CODE, OVERALL_CRITERION } from '@clinrank/domain';
import { DataSource } from 'typeorm';
import { type Actor, firstInRequest } from '@clinrank/server-core';
import { AgreementCache, cacheKey, projectStamp } from '@clinrank/server-agreement';
import { AuditService } from '@clinrank/server-audit';
import { HEAVY_COMPUTE, inlineCompute, type HeavyCompute } from '@clinrank/server-compute';
import { type ProjectEntity, ProjectService } from '@clinrank/server-project';
import {
  buildValidationReport,
  judgementsFromLabels,
  SELECTION_RESAMPLES,
  modelMetrics,
  modelMetricsCsv,
  modelMetricsMarkdown,
  readCampaignPlan,
  referencesOf,
  scorableLanguages,
  validateCampaignPlan,
  type CampaignLabel,
  type CampaignPlan,
  type ConvertedLabels,
  type EvaluationReport,
  type EvaluationReportOptions,
  type ModelAnswer,
  type ModelEstimate,
  type ModelMetricsRow,
  type ValidationReport,
} from '@clinrank/eval-metrics';
import { CampaignEstimatesMemo } from './campaign-estimates.js';
import { EvaluationRepository } from './evaluation.repository.js';

export interface CampaignReport extends EvaluationReport {
  projectId: string;
  /** Comparisons in labels that could not be mapped to two different models, by reason. */
  skipped: Array<{ reason: string; count: number }>;
}

export interface ModelMetricsReport {
  projectId: string;
  /** The language the answers were filtered to, or null for all. */
  language: string | null;
  /** Languages of the project's answers that have references (what the metrics can be filtered to), sorted. */
  languages: string[];
  rows: ModelMetricsRow[];
  /** Model answers to items without any reference answer, which cannot be scored. */
  answersWithoutReference: number;
  csv: string;
  markdown: string;
}

const CAMPAIGN_KINDS = ['pairwise', 'ranking', 'rating'];
// Campaigns whose loaded judgements are kept (per label stamp), so concurrent reports with other options share one load.
const JUDGEMENT_LOADS_KEPT = 4;

/**
 * Results of evaluation campaigns (pairwise, ranking or rating projects whose responses name their model), automatic metrics
 * against reference answers, campaign plans, and synthetic-data validation reports. Gold items are left out of results.
 * Reports are exports of aggregated labels, so each one is audited.
 */
@Injectable()
export class EvaluationService {
  private readonly cache: AgreementCache;
  private readonly judgementLoads = new Map<string, Promise<ConvertedLabels>>();
  private readonly estimates = new CampaignEstimatesMemo(
    (projectId) => this.loadEstimates(projectId),
    undefined,
    (error) => new Logger('EvaluationService').warn(`campaign estimates not refreshed: ${String(error)}`),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly projects: ProjectService,
    @Inject(EvaluationRepository) private readonly repository: EvaluationRepository,
    @Optional() @Inject(HEAVY_COMPUTE) private readonly compute: HeavyCompute = inlineCompute,
  ) {
    this.cache = new AgreementCache(dataSource);
  }

  /**
   * Win/tie/lose, leaderboard and judge agreement of a campaign for one criterion. The bootstrap runs in the worker
   * pool, and its result is cached until the labels or the items change (the same stamp as the agreement figures).
   */
  async report(projectIdOrSlug: string, options: EvaluationReportOptions, actor: Actor): Promise<CampaignReport> {
    const project = await this.projects.get(projectIdOrSlug);
    if (!CAMPAIGN_KINDS.includes(project.kind))
      bad(
        'projectId',
        `project "${project.slug}" is a ${project.kind} project; campaign results need pairwise, ranking or rating labels`,
      );
    const stamp = `${await projectStamp(this.dataSource, project.id)}|${await this.itemsStamp(project.id)}`;
    const criteria = [...project.criteria, OVERALL_CRITERION];
    const { result } = await this.cache.getOrCompute(
      project.id,
      cacheKey('evaluation-report', { criteria, options }),
      stamp,
      async () => {
        const converted = await this.campaignJudgements(project.id, stamp);
        return {
          report: await this.compute.run('evaluationReport', { judgements: converted.judgements, criteria, options }),
          skipped: converted.skipped,
        };
      },
    );
    const { report, skipped } = result;
    await this.recordExport(actor, project, 'evaluation.report', {
      criterion: report.criterion,
      baseline: report.baseline,
      groupBy: report.groupBy,
      judges: report.judges,
      judgements: report.judgements,
    });
    return { ...report, projectId: project.id, skipped };
  }

  /**
   * The Bradley–Terry estimates (clinicians' 'overall' judgements, 100-resample intervals) that active selection draws
   * the next pair from. Served from memory on the queue's hot path; see CampaignEstimatesMemo for when they are refit.
   */
  async campaignEstimates(projectId: string): Promise<ModelEstimate[]> {
    return this.estimates.get(projectId);
  }

  /** Estimates for the current label stamp: cached (memory, then the agreement_cache table) or refit in the worker pool. */
  private async loadEstimates(projectId: string): Promise<ModelEstimate[]> {
    const stamp = `${await projectStamp(this.dataSource, projectId)}|${await this.itemsStamp(projectId)}`;
    const key = cacheKey('campaign-estimates', { resamples: SELECTION_RESAMPLES });
    const { result } = await this.cache.getOrCompute(projectId, key, stamp, async () => {
      const converted = await this.campaignJudgements(projectId, stamp);
      return this.compute.run('campaignEstimates', { judgements: converted.judgements, seed: 1 });
    });
    return result;
  }

  /** The campaign's judgements for a stamp, loaded once however many reports ask for them at the same time. */
  private campaignJudgements(projectId: string, stamp: string): Promise<ConvertedLabels> {
    const key = `${projectId}|${stamp}`;
    const known = this.judgementLoads.get(key);
    if (known) return known;
    const load = (async () =>
      judgementsFromLabels(await this.campaignLabels(projectId), await this.responseModels(projectId)))();
    load.catch(() => this.judgementLoads.delete(key));
    this.judgementLoads.set(key, load);
    for (const oldest of this.judgementLoads.keys()) {
      if (this.judgementLoads.size <= JUDGEMENT_LOADS_KEPT) break;
      this.judgementLoads.delete(oldest);
    }
    return load;
  }

  /** Changes when items are imported, updated or removed (a response's model name is part of an item's content). */
  private async itemsStamp(projectId: string): Promise<string> {
    return this.repository.itemsStamp(projectId);
  }

  /** Stores the campaign's pair strategy and selection in projects.settings.campaign (selection: uniform when not given). */
  async configureCampaign(
    projectIdOrSlug: string,
    strategy: string,
    baseline: string | null,
    actor: Actor,
    selection?: string | null,
  ): Promise<CampaignPlan> {
    const project = await this.projects.get(projectIdOrSlug);
    if (project.kind !== 'pairwise')
      bad('projectId', `only pairwise projects schedule model pairs; "${project.slug}" is ${project.kind}`);
    const plan = validateCampaignPlan(strategy, baseline, await this.models(project.id), selection ?? undefined);
    await this.dataSource.transaction(async (manager) => {
      const before = await this.repository.lockCampaignPlan(manager, project.id);
      await this.repository.storeCampaignPlan(manager, project.id, plan);
      await this.audit.record(
        {
          actor,
          action: 'project.campaign',
          entityType: 'project',
          entityId: project.id,
          projectId: project.id,
          before,
          after: plan,
        },
        manager,
      );
    });
    this.estimates.forget(project.id);
    return plan;
  }

  /** The stored campaign plan, or null. */
  async campaignPlan(projectIdOrSlug: string): Promise<CampaignPlan | null> {
    const project = await this.projects.get(projectIdOrSlug);
    return readCampaignPlan(project.settings);
  }

  /** The models the project's responses come from, by name. */
  async campaignModels(projectIdOrSlug: string): Promise<string[]> {
    return this.models((await this.projects.get(projectIdOrSlug)).id);
  }

  /** BLEU-1..4, GLEU and ROUGE-1/2/L of each model's answers against the items' references, optionally of one language's items. */
  async modelMetrics(
    projectIdOrSlug: string,
    actor: Actor,
    language: string | null = null,
  ): Promise<ModelMetricsReport> {
    const project = await this.projects.get(projectIdOrSlug);
    const all = await this.modelAnswers(project.id);
    if (language !== null) checkAnswerLanguage(language, all);
    const answers = language === null ? all : all.filter((answer) => answer.language === language);
    const table = modelMetrics(answers);
    await this.recordExport(actor, project, 'evaluation.metrics', { models: table.length, language });
    return {
      projectId: project.id,
      language,
      languages: scorableLanguages(all),
      rows: table,
      answersWithoutReference: answers.filter((answer) => answer.references.length === 0).length,
      csv: modelMetricsCsv(table),
      markdown: modelMetricsMarkdown(table),
    };
  }

  /** Every model answer of a project's non-gold items with the item's references (what the automatic metrics score). */
  async modelAnswers(projectId: string): Promise<ModelAnswer[]> {
    const rows = await this.repository.modelAnswers(projectId);
    return rows.map((row) => ({
      model: row.model,
      responseId: row.id,
      language: row.language,
      text: row.text,
      references: referencesOf(row.reference, row.metadata),
    }));
  }

  /** Acceptance per generator, rejection reasons and validator agreement of a validation project. */
  async validationReport(projectIdOrSlug: string, actor: Actor): Promise<ValidationReport & { projectId: string }> {
    const project = await this.projects.get(projectIdOrSlug);
    if (project.kind !== 'validation')
      bad('projectId', `project "${project.slug}" is a ${project.kind} project, not a validation project`);
    const rows = await this.repository.validationLabels(project.id);
    const report = buildValidationReport(
      rows.map((row) => ({
        responseId: row.content.response,
        generator: row.generator,
        annotator: row.username,
        verdict: row.content.verdict,
        reasons: row.content.reasons ?? [],
      })),
    );
    await this.recordExport(actor, project, 'evaluation.validation', { labels: report.labels });
    return { ...report, projectId: project.id };
  }

  private async campaignLabels(projectId: string): Promise<CampaignLabel[]> {
    const rows = await this.repository.campaignLabels(projectId);
    return rows.map((row) => ({
      itemId: row.item_id,
      content: row.content,
      annotator: row.username,
      annotatorKind: row.annotator_kind,
      language: row.language,
      specialty: row.specialty,
      metadata: row.metadata,
    }));
  }

  private async responseModels(projectId: string): Promise<Map<string, string | null>> {
    const rows = await this.repository.responseModels(projectId);
    return new Map(rows.map((row) => [row.id, row.model || null]));
  }

  private async models(projectId: string): Promise<string[]> {
    return this.repository.models(projectId);
  }

  /** Audits a report as an export of aggregated labels: once per operation, however many aliases ask for it. */
  private async recordExport(
    actor: Actor,
    project: ProjectEntity,
    action: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    if (!firstInRequest(`${action}:${project.id}`)) return;
    await this.audit.record({
      actor,
      action,
      entityType: 'project',
      entityId: project.id,
      projectId: project.id,
      details,
    });
  }
}

/** Refuses a language that is not a code, or that none of the project's model answers are in. */
function checkAnswerLanguage(language: string, answers: readonly ModelAnswer[]): void {
  if (!LANGUAGE_CODE.test(language)) bad('language', `"${language}" is not a language code such as en, zh or ar`);
  const present = [...new Set(answers.map((answer) => answer.language))].sort();
  if (!present.includes(language))
    bad(
      'language',
      `no model answers in "${language}"; this project's answers are in ${present.join(', ') || 'no language yet'}`,
    );
}

function bad(field: string, message: string): never {
  throw new DomainError(ErrorCode.BadUserInput, `${field}: ${message}`, field);
}
