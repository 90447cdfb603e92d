import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@clinrank/server-core';
import { UncertaintyDistributionDto } from './dto/uncertainty.dto.js';
import { UncertaintyService } from './uncertainty.service.js';

@Resolver()
@Roles('lead', 'admin')
export class UncertaintyResolver {
  constructor(private readonly uncertainty: UncertaintyService) {}

  @Query(() => UncertaintyDistributionDto, {
    description: "The spread of the latest reward model's uncertainty over the project's open items (a histogram).",
  })
  async uncertaintyDistribution(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('bins', { type: () => Int, nullable: true }) bins?: number,
  ): Promise<UncertaintyDistributionDto> {
    return this.uncertainty.distribution(projectId, bins ?? undefined);
  }
}
