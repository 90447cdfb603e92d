import {
  agreementFromJsonLines,
  defaultCriterion,
  normaliseFilter,
  rankingAgreementFromJsonLines,
  requireCriterion,
  unitsOf,
  type AgreementFilter,
  type AgreementReport,
  type MeasurementLevel,
  type RankingAgreementReport,
} from '@clinrank/agreement';
import { DomainError, ErrorCode } from '@clinrank/domain';
import type { DataSource } from 'typeorm';
import { findProject, loadProjectLabels } from './agreement-labels.js';
import { AgreementLabelsRepository } from './agreement-labels.repository.js';

export interface ProjectReportOptions extends AgreementFilter {
  level: MeasurementLevel;
  rankings: boolean;
}

/**
 * What `clinrank agreement --project SLUG` prints: the project's labels on one criterion turned into the same
 * `{unit, coder, value}` (or, with rankings, `{item, coder, ranking}`) lines the file mode reads, and the same report.
 * Pairwise labels give categories (a/b relative to response ids, tie, both_bad) at the nominal level and the signed strength otherwise.
 */
export async function projectAgreementReport(
  dataSource: DataSource,
  slug: string,
  options: ProjectReportOptions,
): Promise<AgreementReport | RankingAgreementReport> {
  const repository = new AgreementLabelsRepository(dataSource);
  const project = await findProject(repository, slug);
  const filter = normaliseFilter(options);
  const labels = await loadProjectLabels(repository, project, filter);
  if (options.rankings) {
    if (project.kind !== 'ranking')
      throw new DomainError(
        ErrorCode.BadUserInput,
        `--rankings needs a ranking project; "${project.slug}" is ${project.kind}`,
        'rankings',
      );
    return rankingAgreementFromJsonLines(
      labels.labels.flatMap((label) =>
        label.content.kind === 'ranking'
          ? [JSON.stringify({ item: label.item, coder: label.coder, ranking: label.content.ranking })]
          : [],
      ),
    );
  }
  const criterion = filter.criterion ? requireCriterion(labels, filter.criterion) : defaultCriterion(labels);
  const categorical = options.level === 'nominal';
  const lines = labels.labels.flatMap((label) =>
    unitsOf(label, criterion).map((unit) =>
      JSON.stringify({
        unit: unit.unit,
        coder: label.coder,
        value: categorical || project.kind === 'validation' ? unit.value : unit.scaled,
      }),
    ),
  );
  return agreementFromJsonLines(lines, { level: options.level });
}
