import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, userActor, type AuthenticatedUser, Roles } from '@clinrank/server-core';
import {
  BothBadPolicyEnum,
  CampaignPlanDto,
  CampaignSelectionEnum,
  CampaignStrategyEnum,
  EvaluationReportDto,
  JudgeModeEnum,
  ModelMetricsReportDto,
  ReportGroupByEnum,
  ValidationReportDto,
} from './dto/evaluation.dto.js';
import { EvaluationService } from './evaluation.service.js';

const MAX_RESAMPLES = 10_000;

@Resolver()
@Roles('lead', 'admin', 'ml_engineer')
export class EvaluationResolver {
  constructor(private readonly evaluation: EvaluationService) {}

  @Query(() => EvaluationReportDto, {
    description:
      'Win/tie/lose per model pair (or against a baseline), Bradley–Terry leaderboard and judge agreement of a campaign.',
  })
  async evaluationReport(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('criterion', { defaultValue: 'overall' }) criterion: string,
    @Args('baseline', { type: () => String, nullable: true }) baseline: string | null,
    @Args('groupBy', { type: () => ReportGroupByEnum, nullable: true }) groupBy: ReportGroupByEnum | null,
    @Args('judges', { type: () => JudgeModeEnum, defaultValue: JudgeModeEnum.EXCLUDE }) judges: JudgeModeEnum,
    @Args('bothBad', { type: () => BothBadPolicyEnum, defaultValue: BothBadPolicyEnum.TIE }) bothBad: BothBadPolicyEnum,
    @Args('seed', { type: () => Int, defaultValue: 1 }) seed: number,
    @Args('resamples', { type: () => Int, defaultValue: 1000 }) resamples: number,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<EvaluationReportDto> {
    const report = await this.evaluation.report(
      projectId,
      {
        criterion,
        baseline,
        groupBy,
        judges,
        bothBad,
        seed,
        resamples: Math.min(Math.max(resamples, 1), MAX_RESAMPLES),
      },
      userActor(user),
    );
    return report as EvaluationReportDto;
  }

  @Query(() => CampaignPlanDto, { nullable: true })
  async campaignPlan(@Args('projectId', { type: () => ID }) projectId: string): Promise<CampaignPlanDto | null> {
    return (await this.evaluation.campaignPlan(projectId)) as CampaignPlanDto | null;
  }

  @Query(() => [String], {
    description: "The models the project's responses come from, by name (what a campaign plan can name as baseline).",
  })
  async campaignModels(@Args('projectId', { type: () => ID }) projectId: string): Promise<string[]> {
    return this.evaluation.campaignModels(projectId);
  }

  @Mutation(() => CampaignPlanDto, {
    description:
      'Sets which model pairs a pairwise campaign shows (all pairs, or each model against a baseline) and how the next one is chosen (selection, default UNIFORM). Audited.',
  })
  @Roles('lead', 'admin')
  async configureCampaign(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('strategy', { type: () => CampaignStrategyEnum }) strategy: CampaignStrategyEnum,
    @Args('baseline', { type: () => String, nullable: true }) baseline: string | null,
    @CurrentUser() user: AuthenticatedUser,
    @Args('selection', { type: () => CampaignSelectionEnum, nullable: true }) selection: CampaignSelectionEnum | null,
  ): Promise<CampaignPlanDto> {
    return (await this.evaluation.configureCampaign(
      projectId,
      strategy,
      baseline ?? null,
      userActor(user),
      selection,
    )) as CampaignPlanDto;
  }

  @Query(() => ModelMetricsReportDto, {
    description: "BLEU-1..4, GLEU and ROUGE-1/2/L of each model's answers against the items' references.",
  })
  async modelMetrics(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('language', { type: () => String, nullable: true, description: 'Only items in this language; null = all.' })
    language: string | null,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ModelMetricsReportDto> {
    return this.evaluation.modelMetrics(projectId, userActor(user), language ?? null);
  }

  @Query(() => ValidationReportDto, {
    description: 'Acceptance per generator with Wilson intervals, rejection reasons and agreement between validators.',
  })
  async validationReport(
    @Args('projectId', { type: () => ID }) projectId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ValidationReportDto> {
    return this.evaluation.validationReport(projectId, userActor(user));
  }
}
