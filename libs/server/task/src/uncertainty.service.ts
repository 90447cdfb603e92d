import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@clinrank/domain';
import { ProjectService } from '@clinrank/server-project';
import type { UncertaintyDistributionDto } from './dto/uncertainty.dto.js';
import { UncertaintyRepository } from './uncertainty.repository.js';

export const DEFAULT_UNCERTAINTY_BINS = 20;

/** The lead's view of the uncertainty-first queue: how the latest reward model's scores are spread. */
@Injectable()
export class UncertaintyService {
  constructor(
    private readonly repository: UncertaintyRepository,
    private readonly projects: ProjectService,
  ) {}

  async distribution(projectIdOrSlug: string, bins = DEFAULT_UNCERTAINTY_BINS): Promise<UncertaintyDistributionDto> {
    if (!Number.isInteger(bins) || bins < 1 || bins > 200)
      throw new DomainError(ErrorCode.BadUserInput, `bins must be a whole number from 1 to 200, got ${bins}`, 'bins');
    const project = await this.projects.get(projectIdOrSlug);
    const row = await this.repository.summary(project.id, bins);
    const counts = new Map(row.bins.map((entry) => [entry.bin, entry.count]));
    const lo = row.min_score ?? 0;
    const width = row.max_score === null || row.max_score === lo ? 0 : (row.max_score - lo) / bins;
    const shown = width === 0 ? Math.min(bins, row.scored ? 1 : 0) : bins;
    return {
      projectId: project.id,
      queueOrder: project.queueOrder,
      scored: row.scored,
      unscored: row.unscored,
      runId: row.run_id,
      scoredAt: row.scored_at,
      minScore: row.min_score,
      maxScore: row.max_score,
      bins: Array.from({ length: shown }, (_, index) => ({
        lower: lo + index * width,
        upper: width === 0 ? lo : lo + (index + 1) * width,
        count: counts.get(index + 1) ?? 0,
      })),
    };
  }
}
