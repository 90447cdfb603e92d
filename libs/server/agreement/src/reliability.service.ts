import { Injectable } from '@nestjs/common';
import { fitLabelOutcomes, isCategoricalKind } from '@clinrank/agreement';
import { DomainError, ErrorCode, OVERALL_CRITERION } from '@clinrank/domain';
import type { AnnotatorReliabilityReportDto } from './dto/reliability.dto.js';
import { ReliabilityRepository } from './reliability.repository.js';

/**
 * Annotator reliability for the agreement dashboard: the same Dawid–Skene fit (labels under 'overall', gold clamped)
 * that drives adaptive overlap and the dawid-skene export policy.
 */
@Injectable()
export class ReliabilityService {
  constructor(private readonly repository: ReliabilityRepository) {}

  async report(projectIdOrSlug: string): Promise<AnnotatorReliabilityReportDto> {
    const project = await this.repository.project(projectIdOrSlug);
    if (!project) throw new DomainError(ErrorCode.NotFound, 'No such project', 'projectId');
    const empty = { kind: project.kind, classes: [], units: 0, goldUnits: 0, iterations: 0, converged: true };
    if (!isCategoricalKind(project.kind)) return { ...empty, supported: false, annotators: [] };
    const rows = await this.repository.labels(project.id);
    if (rows.length === 0) return { ...empty, supported: true, annotators: [] };
    const gold = await this.repository.goldPreferred(project.id, OVERALL_CRITERION);
    const fit = fitLabelOutcomes(
      project.kind,
      rows.map((row) => ({ item: row.item_id, annotator: row.annotator_id, content: row.content })),
      gold,
    );
    const usernames = new Map(rows.map((row) => [row.annotator_id, row.username]));
    const K = fit.classes.length;
    return {
      kind: project.kind,
      supported: true,
      classes: fit.classes,
      units: fit.items.length,
      goldUnits: countGoldUnits(fit.items, gold),
      iterations: fit.iterations,
      converged: fit.converged,
      annotators: fit.reliability
        .map((entry, a) => ({
          annotatorId: entry.annotator,
          username: usernames.get(entry.annotator) ?? entry.annotator,
          labels: entry.labels,
          expectedAccuracy: entry.expectedAccuracy,
          confusion: Array.from({ length: K }, (_, k) => Array.from(fit.confusion[a].subarray(k * K, (k + 1) * K))),
        }))
        .sort((x, y) => x.expectedAccuracy - y.expectedAccuracy || x.username.localeCompare(y.username)),
    };
  }
}

function countGoldUnits(units: string[], gold: Map<string, string>): number {
  return units.filter((unit) => gold.has(unit.split('|')[0])).length;
}
