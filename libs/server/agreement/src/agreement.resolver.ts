import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@clinrank/server-core';
import { AgreementService } from './agreement.service.js';
import {
  AgreementFilterInput,
  AgreementSummaryDto,
  ConfusionMatrixDto,
  AnnotatorQualityReportDto,
  AnnotatorThresholdsInput,
} from './dto/agreement.dto.js';
import { toAnnotatorQualityReport } from './dto/agreement.mapper.js';

@Resolver()
@Roles('lead', 'admin')
export class AgreementResolver {
  constructor(private readonly agreement: AgreementService) {}

  @Query(() => AgreementSummaryDto, {
    description:
      'Agreement per criterion: Krippendorff alphas with bootstrap intervals, percent agreement, kappas, Kendall W.',
  })
  async agreementSummary(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('filter', { type: () => AgreementFilterInput, nullable: true }) filter?: AgreementFilterInput,
  ): Promise<AgreementSummaryDto> {
    return this.agreement.summary(projectId, filter);
  }

  @Query(() => AnnotatorQualityReportDto, {
    description:
      'Per annotator: agreement with the others, gold accuracy, position bias, ties, time, drift; flagged against the thresholds.',
  })
  async annotatorQuality(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('filter', { type: () => AgreementFilterInput, nullable: true }) filter?: AgreementFilterInput,
    @Args('thresholds', { type: () => AnnotatorThresholdsInput, nullable: true }) thresholds?: AnnotatorThresholdsInput,
  ): Promise<AnnotatorQualityReportDto> {
    return toAnnotatorQualityReport(await this.agreement.annotatorQuality(projectId, filter, { ...thresholds }));
  }

  @Query(() => ConfusionMatrixDto, {
    description: 'Two annotators (annotator ids or usernames) against each other on one criterion.',
  })
  async confusionMatrix(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('coderA') coderA: string,
    @Args('coderB') coderB: string,
    @Args('criterion', { nullable: true }) criterion?: string,
    @Args('filter', { type: () => AgreementFilterInput, nullable: true }) filter?: AgreementFilterInput,
  ): Promise<ConfusionMatrixDto> {
    const matrix = await this.agreement.confusionMatrix(projectId, criterion ?? null, coderA, coderB, filter);
    return { ...matrix, categories: matrix.categories.map(String) };
  }
}
