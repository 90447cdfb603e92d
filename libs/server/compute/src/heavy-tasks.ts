import {
  compactAlphaBootstraps,
  type CompactUnits,
  type MeasurementLevel,
  type ProjectLabels,
  agreementSummary,
  type AgreementSummary,
  annotatorQuality,
  type AnnotatorQualityReport,
} from '@clinrank/agreement';
import { DomainError } from '@clinrank/domain';
import {
  type CampaignJudgement,
  buildEvaluationReport,
  campaignEstimates,
  type EvaluationReport,
  type ModelEstimate,
  type EvaluationReportOptions,
} from '@clinrank/eval-metrics';

/** The CPU-heavy statistics (bootstraps over a whole project), as pure functions of plain, cloneable data. */
export const HEAVY_TASKS = {
  agreementAnalysis(input: { labels: ProjectLabels; criterion: string | null }): {
    summary: AgreementSummary;
    quality: AnnotatorQualityReport;
  } {
    return {
      summary: agreementSummary(input.labels, input.criterion),
      quality: annotatorQuality(input.labels, input.criterion),
    };
  },
  /** Seeded bootstrap intervals of several alphas, each over its units' values as compact arrays (no object per label). */
  alphaIntervals(input: {
    seed: number;
    jobs: { key: string; units: CompactUnits; level: MeasurementLevel; resamples: number }[];
  }): { key: string; low: number | null; high: number | null; resamples: number }[] {
    const intervals = compactAlphaBootstraps(
      input.jobs.map((job) => ({
        units: job.units,
        options: { level: job.level, seed: input.seed, resamples: job.resamples },
      })),
    );
    return input.jobs.map((job, index) => {
      const { low, high, resamples } = intervals[index];
      return { key: job.key, low, high, resamples };
    });
  },
  evaluationReport(input: {
    judgements: CampaignJudgement[];
    criteria: string[];
    options: EvaluationReportOptions;
  }): EvaluationReport {
    return buildEvaluationReport(input.judgements, input.criteria, input.options);
  },
  campaignEstimates(input: { judgements: CampaignJudgement[]; seed: number }): ModelEstimate[] {
    return campaignEstimates(input.judgements, { seed: input.seed });
  },
};

export type HeavyTaskName = keyof typeof HEAVY_TASKS;
export type HeavyTaskInput<N extends HeavyTaskName> = Parameters<(typeof HEAVY_TASKS)[N]>[0];
export type HeavyTaskOutput<N extends HeavyTaskName> = ReturnType<(typeof HEAVY_TASKS)[N]>;

/** What a worker thread sends back: the result, or a DomainError's parts (its class does not survive the thread). */
export type HeavyTaskReply<T> = { ok: true; value: T } | { ok: false; code: string; message: string; field?: string };

/** Runs one task, turning a DomainError into a reply the caller can rethrow; anything else propagates. */
export function runHeavyTask<N extends HeavyTaskName>(
  name: N,
  input: HeavyTaskInput<N>,
): HeavyTaskReply<HeavyTaskOutput<N>> {
  try {
    const task = HEAVY_TASKS[name] as (input: HeavyTaskInput<N>) => HeavyTaskOutput<N>;
    return { ok: true, value: task(input) };
  } catch (error) {
    if (error instanceof DomainError)
      return { ok: false, code: error.code, message: error.message, field: error.field };
    throw error;
  }
}
