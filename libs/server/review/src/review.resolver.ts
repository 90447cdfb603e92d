import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, userActor, type AuthenticatedUser, Roles } from '@clinrank/server-core';
import {
  AdjudicateInput,
  DisagreementPageDto,
  GoldAccuracyDto,
  ItemReviewDto,
  ProjectProgressDto,
} from './dto/review.dto.js';
import { checkTimeZone } from '@clinrank/domain';
import { ProgressService } from './progress.service.js';
import { ReviewService } from './review.service.js';

@Resolver()
@Roles('lead', 'admin')
export class ReviewResolver {
  constructor(
    private readonly progress: ProgressService,
    private readonly review: ReviewService,
  ) {}

  @Query(() => ProjectProgressDto)
  async projectProgress(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('days', { type: () => Int, defaultValue: 30 }) days: number,
    @Args('timeZone', {
      nullable: true,
      description:
        "The viewer's IANA time zone (e.g. Europe/Rome): labelsToday and the per-day buckets follow its calendar. Without it, the database's.",
    })
    timeZone?: string,
  ): Promise<ProjectProgressDto> {
    if (timeZone != null) checkTimeZone(timeZone);
    return this.progress.projectProgress(projectId, Math.min(Math.max(days, 1), 365), timeZone ?? null);
  }

  @Query(() => DisagreementPageDto)
  async disagreements(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('criterion', { defaultValue: 'overall' }) criterion: string,
    @Args('limit', { type: () => Int, defaultValue: 50 }) limit: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
  ): Promise<DisagreementPageDto> {
    return this.review.disagreements(projectId, criterion, Math.min(Math.max(limit, 1), 500), Math.max(offset, 0));
  }

  @Query(() => ItemReviewDto, {
    description: 'Everything about one item, for adjudication: provenance and every label.',
  })
  async itemReview(@Args('itemId', { type: () => ID }) itemId: string): Promise<ItemReviewDto> {
    return this.review.itemReview(itemId);
  }

  @Mutation(() => ItemReviewDto)
  async adjudicate(
    @Args('input') input: AdjudicateInput,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ItemReviewDto> {
    return this.review.adjudicate(user.userId, input.itemId, input.content, input.rationale ?? null, userActor(user));
  }

  @Query(() => [GoldAccuracyDto])
  async goldAccuracy(@Args('projectId', { type: () => ID }) projectId: string): Promise<GoldAccuracyDto[]> {
    return this.review.goldAccuracy(projectId);
  }
}
