import type { QualityWithFlags, CacheInfo } from '../agreement.service.js';
import type { AnnotatorQualityReportDto } from './agreement.dto.js';

/** Flattens the service's per-annotator summaries into the GraphQL shape, marking flagged annotators. */
export function toAnnotatorQualityReport(report: QualityWithFlags & { cache: CacheInfo }): AnnotatorQualityReportDto {
  const byCoder = new Map(report.flags.map((flag) => [flag.coder, flag]));
  return {
    projectId: report.projectId,
    criterion: report.criterion,
    cache: report.cache,
    annotators: report.annotators.map(({ coder, annotatorId, labels, summary, weekly }) => ({
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
