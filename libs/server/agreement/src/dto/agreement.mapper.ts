import type { QualityWithFlags, CacheInfo } from '../agreement.service.js';
import type { LabellerQualityReportDto } from './agreement.dto.js';

/** Flattens the service's per-labeller summaries into the GraphQL shape, marking flagged labellers. */
export function toLabellerQualityReport(report: QualityWithFlags & { cache: CacheInfo }): LabellerQualityReportDto {
  const byCoder = new Map(report.flags.map((flag) => [flag.coder, flag]));
  return {
    projectId: report.projectId,
    criterion: report.criterion,
    cache: report.cache,
    labellers: report.labellers.map(({ coder, annotatorId, labels, summary, weekly }) => ({
      coder,
      annotatorId,
      labels,
      looAgreement: summary.looAgreement ?? null,
      gold: summary.gold
        ? {
            n: summary.gold.n,
            correct: summary.gold.correct,
            accuracy: summary.gold.accuracy,
            low: summary.gold.interval.low,
            high: summary.gold.interval.high,
          }
        : null,
      positionBias: summary.positionBias ?? null,
      tieRate: summary.tieRate ?? null,
      medianSeconds: summary.time?.medianSeconds ?? null,
      timedTasks: summary.time?.n ?? 0,
      weekly,
      flagged: (byCoder.get(coder)?.reasons.length ?? 0) > 0,
      flagReasons: byCoder.get(coder)?.reasons ?? [],
      checks: byCoder.get(coder)?.checks ?? [],
    })),
  };
}
