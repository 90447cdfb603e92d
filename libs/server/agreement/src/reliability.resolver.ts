import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@clinrank/server-core';
import { AnnotatorReliabilityReportDto } from './dto/reliability.dto.js';
import { ReliabilityService } from './reliability.service.js';

@Resolver()
@Roles('lead', 'admin')
export class ReliabilityResolver {
  constructor(private readonly reliability: ReliabilityService) {}

  @Query(() => AnnotatorReliabilityReportDto, {
    description: "Dawid–Skene estimates of each annotator's reliability (pairwise and validation projects).",
  })
  async annotatorReliability(
    @Args('projectId', { type: () => ID }) projectId: string,
  ): Promise<AnnotatorReliabilityReportDto> {
    return this.reliability.report(projectId);
  }
}
