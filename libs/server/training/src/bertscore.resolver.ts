import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, userActor, type AuthenticatedUser, Roles } from '@clinrank/server-core';
import { TrainingRunDto } from './dto/training.dto.js';
import { BertScoreService } from './bertscore.service.js';
import { BertScoreResultsDto } from './dto/bertscore.dto.js';

@Resolver()
@Roles('lead', 'admin', 'ml_engineer')
export class BertScoreResolver {
  constructor(private readonly service: BertScoreService) {}

  @Mutation(() => TrainingRunDto, {
    description:
      "Queue BERTScore of the campaign's answers against their references on a worker node (local encoder checkpoint; none = built-in random encoder).",
  })
  async requestBertScore(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('encoderPath', { type: () => String, nullable: true }) encoderPath: string | null,
    @Args('layer', { type: () => Int, nullable: true }) layer: number | null,
    @Args('gpus', { type: () => Int, nullable: true }) gpus: number | null,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TrainingRunDto> {
    return TrainingRunDto.from(await this.service.request(projectId, { encoderPath, layer, gpus }, userActor(user)));
  }

  @Query(() => BertScoreResultsDto, {
    nullable: true,
    description: "Per-model BERTScore of the project's latest succeeded BERTScore run, of one language (null = all).",
  })
  async bertScore(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('language', { type: () => String, nullable: true }) language: string | null,
  ): Promise<BertScoreResultsDto | null> {
    const results = await this.service.latest(projectId, language ?? null);
    return results ? BertScoreResultsDto.from(results) : null;
  }
}
