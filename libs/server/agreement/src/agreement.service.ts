import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  BOOTSTRAP_SEED,
  bootstrapResamples,
  checkAnnotators,
  confusionMatrix,
  criterionUnits,
  defaultCriterion,
  normaliseFilter,
  requireCriterion,
  type AgreementFilter,
  type AgreementSummary,
  type AnnotatorFlag,
  type AnnotatorQualityReport,
  type AnnotatorThresholds,
  type LabelValue,
  type MeasurementLevel,
} from '@clinrank/agreement';
import { DomainError, ErrorCode, isUuid } from '@clinrank/domain';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { LOGGER } from '@clinrank/server-core';
import { HEAVY_COMPUTE, inlineCompute, type HeavyCompute } from '@clinrank/server-compute';
import { AgreementCache, cacheKey, type CachedResult } from './agreement-cache.js';
import { findProject, loadProjectLabels, projectStamp, type ProjectRef } from './agreement-labels.js';
import { AgreementLabelsRepository } from './agreement-labels.repository.js';
import { AgreementTallyStore, type CurrentTally } from './agreement-tally.js';
import { key, type TallyScale } from './project-tally.js';
import { intervalKey, summaryAlphas, tallySummary, type AlphaInterval } from './tally-summary.js';

export interface CacheInfo {
  /** The label stamp the figures were computed for. */
  stamp: string;
  /** False when the labels changed since (a stale answer while a refresh runs). */
  fresh: boolean;
  /**
   * Summary only: whether the bootstrap intervals are for this stamp too. The other figures of an unfiltered summary
   * come from the incremental tally and are always fresh; on a large project the intervals of the previous stamp are
   * served while they are recomputed (source `stale`).
   */
  intervalsFresh?: boolean;
  source: CachedResult<unknown>['source'];
  computeMs: number;
  computedAt: Date;
}

/**
 * From this many labels a project's first summary answers its point estimates at once and bootstraps the intervals in
 * the background (`intervalsFresh: false`, no intervals yet); a smaller one bootstraps before answering (well under 1 s).
 */
export const BACKGROUND_FIRST_INTERVALS_LABELS = 50_000;

const DEFAULT_THRESHOLDS: AnnotatorThresholds = {
  positionBiasPValue: 0.01,
  minGoldAccuracy: 0.7,
  maxSameChoiceShare: 0.9,
  minN: 10,
};

/** Summary and annotator quality are computed together: one read of the labels serves both. */
interface Analysis {
  summary: AgreementSummary;
  quality: AnnotatorQualityReport;
}

export interface QualityWithFlags extends AnnotatorQualityReport {
  flags: AnnotatorFlag[];
  thresholds: AnnotatorThresholds;
}

export interface ConfusionResult {
  criterion: string;
  coderA: string;
  coderB: string;
  categories: LabelValue[];
  counts: number[][];
  n: number;
}

/** Agreement and annotator-quality analytics of a project's labels, cached per (project, filter) until the labels change. */
@Injectable()
export class AgreementService {
  private readonly cache: AgreementCache;
  private readonly labels: AgreementLabelsRepository;
  private readonly tallies: AgreementTallyStore;
  /** Projects whose intervals are being bootstrapped, and the last intervals answered per project. */
  private readonly intervalsRunning = new Set<string>();
  private readonly lastIntervals = new Map<string, CachedResult<[string, AlphaInterval][]>>();

  // The repositories are built from the DataSource (not injected) so the CLI and the benchmarks construct it alone.
  constructor(
    dataSource: DataSource,
    @Optional() @Inject(HEAVY_COMPUTE) private readonly compute: HeavyCompute = inlineCompute,
    @Optional() @Inject(LOGGER) logger?: Logger,
  ) {
    this.cache = new AgreementCache(dataSource);
    this.labels = new AgreementLabelsRepository(dataSource);
    this.tallies = new AgreementTallyStore(dataSource, logger);
  }

  /** Per criterion: alphas with bootstrap intervals, percent agreement, Fleiss, Cohen pairs (and Kendall's W for rankings). */
  async summary(
    projectIdOrSlug: string,
    filter?: AgreementFilter | null,
  ): Promise<AgreementSummary & { cache: CacheInfo }> {
    const normalised = normaliseFilter(filter);
    // Narrowed by anything but the criterion, the labels are read again; otherwise the incremental tally answers.
    if (normalised.language !== null || normalised.specialty !== null || normalised.from || normalised.to) {
      const { summary, cache } = await this.analysis(projectIdOrSlug, filter);
      return { ...summary, cache };
    }
    const project = await findProject(this.labels, projectIdOrSlug);
    const current = await this.tallies.current(project);
    const stamp = `tally:${current.version}`;
    const intervals = await this.intervalsFor(project, current, stamp);
    const annotators = await this.labels.usernames(current.tally.annotatorIds);
    const usernames = new Map(annotators.map((row) => [row.id, row.username]));
    const summary = tallySummary(
      project.id,
      project.criteria,
      current.tally,
      normalised.criterion,
      new Map(intervals.result),
      (id) => usernames.get(id) ?? id,
    );
    return {
      ...summary,
      cache: {
        stamp,
        fresh: true,
        intervalsFresh: intervals.stamp === stamp,
        source: intervals.source,
        computeMs: intervals.computeMs,
        computedAt: new Date(intervals.computedAt),
      },
    };
  }

  /**
   * The intervals for this stamp: cached, computed now (small projects), or the last ones while one refresh runs. While
   * a refresh runs no other starts, so labels arriving faster than a bootstrap never stack full rescans.
   */
  private async intervalsFor(
    project: ProjectRef,
    current: CurrentTally,
    stamp: string,
  ): Promise<CachedResult<[string, AlphaInterval][]>> {
    const last = this.lastIntervals.get(project.id);
    if (this.intervalsRunning.has(project.id) && last && last.stamp !== stamp) return { ...last, source: 'stale' };
    const firstAnswer = current.tally.labels >= BACKGROUND_FIRST_INTERVALS_LABELS ? [] : undefined;
    const entry = await this.cache.getOrCompute(
      project.id,
      cacheKey('alpha-intervals', {}),
      stamp,
      () => {
        const run = this.alphaIntervals(project, current);
        this.intervalsRunning.add(project.id);
        return run.finally(() => this.intervalsRunning.delete(project.id));
      },
      firstAnswer,
    );
    this.lastIntervals.set(project.id, entry);
    return entry;
  }

  /** Bootstrap intervals of every alpha the summary shows, over compact arrays of the units' values, in a worker thread. */
  private async alphaIntervals(project: ProjectRef, current: CurrentTally): Promise<[string, AlphaInterval][]> {
    const jobs: { key: string; level: MeasurementLevel; scale: TallyScale; criterion: string; resamples: number }[] =
      [];
    for (const criterion of current.tally.labelledCriteria) {
      for (const { level, scale } of summaryAlphas(project.kind)) {
        const point = current.tally.tally(criterion, scale).alpha({ level });
        if (point.alpha === null) continue;
        jobs.push({
          key: intervalKey(criterion, level),
          level,
          scale,
          criterion,
          resamples: bootstrapResamples(point.units),
        });
      }
    }
    if (jobs.length === 0) return [];
    const units = current.compact ?? (await this.tallies.compactUnits(project));
    const results = await this.compute.run('alphaIntervals', {
      seed: BOOTSTRAP_SEED,
      jobs: jobs.flatMap((job) => {
        const data = units.get(key(job.criterion, job.scale));
        return data ? [{ key: job.key, units: data, level: job.level, resamples: job.resamples }] : [];
      }),
    });
    return results.map((result) => [result.key, { low: result.low, high: result.high, resamples: result.resamples }]);
  }

  /**
   * Per annotator quality, every check applied (flags are applied after the cache). Thresholds the lead leaves out take
   * the defaults: position bias p < 0.01, gold accuracy < 0.7, straight-lining > 90 %, and the project's speed setting.
   */
  async annotatorQuality(
    projectIdOrSlug: string,
    filter?: AgreementFilter | null,
    given: AnnotatorThresholds = {},
  ): Promise<QualityWithFlags & { cache: CacheInfo }> {
    const project = await findProject(this.labels, projectIdOrSlug);
    const { quality, cache } = await this.analysis(project, filter);
    const defined = Object.fromEntries(
      Object.entries(given).filter(([, value]) => value !== undefined && value !== null),
    );
    const thresholds: AnnotatorThresholds = {
      ...DEFAULT_THRESHOLDS,
      minMedianSeconds: project.minMedianSeconds,
      ...defined,
    };
    const flags = checkAnnotators(
      quality.annotators.map((row) => row.summary),
      thresholds,
    );
    return { ...quality, flags, thresholds, cache };
  }

  /** Categories × categories table of two annotators (annotator ids or usernames) on one criterion, over the units both labelled. */
  async confusionMatrix(
    projectIdOrSlug: string,
    criterion: string | null,
    coderA: string,
    coderB: string,
    filter?: AgreementFilter | null,
  ): Promise<ConfusionResult & { cache: CacheInfo }> {
    const project = await findProject(this.labels, projectIdOrSlug);
    const [first, second] = await Promise.all([this.annotator(coderA, 'coderA'), this.annotator(coderB, 'coderB')]);
    if (first.id === second.id)
      throw new DomainError(ErrorCode.BadUserInput, 'coderB must be a different annotator from coderA', 'coderB');
    return this.cached(
      project,
      'confusion',
      { ...filter, criterion: criterion ?? filter?.criterion ?? null },
      { coders: [first.id, second.id] },
      async (_, normalised) => {
        const labels = await loadProjectLabels(this.labels, project, normalised, [first.id, second.id]);
        const chosen = normalised.criterion ? requireCriterion(labels, normalised.criterion) : defaultCriterion(labels);
        const units = criterionUnits(labels, chosen);
        const empty = {
          criterion: chosen,
          coderA: first.username,
          coderB: second.username,
          categories: units.categories ?? [],
          n: 0,
        };
        if (
          units.categorical.coderIndexOf(first.username) === -1 ||
          units.categorical.coderIndexOf(second.username) === -1
        ) {
          return { ...empty, counts: empty.categories.map(() => empty.categories.map(() => 0)) };
        }
        const matrix = confusionMatrix(
          units.categorical,
          first.username,
          second.username,
          units.categories ? { categories: units.categories } : {},
        );
        return { ...empty, categories: matrix.categories, counts: matrix.counts, n: matrix.n };
      },
    );
  }

  private analysis(
    projectIdOrSlug: string | ProjectRef,
    filter: AgreementFilter | null | undefined,
  ): Promise<Analysis & { cache: CacheInfo }> {
    // v2: annotator summaries gained the straight-lining figure; older cached answers lack it.
    return this.cached(projectIdOrSlug, 'analysis-v2', filter, {}, async (project, normalised) => {
      const labels = await loadProjectLabels(this.labels, project, normalised);
      return this.compute.run('agreementAnalysis', { labels, criterion: normalised.criterion });
    });
  }

  /** Forgets in-process cache entries (the table is still checked against the label stamp). */
  clearMemoryCache(): void {
    this.cache.clearMemory();
  }

  private async cached<T>(
    projectIdOrSlug: string | ProjectRef,
    what: string,
    filter: AgreementFilter | null | undefined,
    extra: Record<string, unknown>,
    compute: (project: ProjectRef, filter: ReturnType<typeof normaliseFilter>) => Promise<T>,
  ): Promise<T & { cache: CacheInfo }> {
    const normalised = normaliseFilter(filter);
    const project =
      typeof projectIdOrSlug === 'string' ? await findProject(this.labels, projectIdOrSlug) : projectIdOrSlug;
    const stamp = await projectStamp(this.labels, project.id);
    const entry = await this.cache.getOrCompute(project.id, cacheKey(what, { ...normalised, ...extra }), stamp, () =>
      compute(project, normalised),
    );
    return {
      ...entry.result,
      cache: {
        stamp: entry.stamp,
        fresh: entry.stamp === stamp,
        source: entry.source,
        computeMs: entry.computeMs,
        computedAt: new Date(entry.computedAt),
      },
    };
  }

  private async annotator(idOrUsername: string, field: string): Promise<{ id: string; username: string }> {
    const row = await this.labels.annotator(isUuid(idOrUsername) ? 'id' : 'username', idOrUsername);
    if (!row) throw new DomainError(ErrorCode.NotFound, `No annotator "${idOrUsername}"`, field);
    return row;
  }
}
