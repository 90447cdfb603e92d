import { Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsDate, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { TEXT_LIMITS } from '@clinrank/domain';

@InputType('AgreementFilterInput', { description: 'Narrows the labels analysed; every field is optional.' })
export class AgreementFilterInput {
  @Field({
    nullable: true,
    description: 'One criterion (default: all; per-annotator statistics use overall or the first criterion).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LIMITS.criterion)
  criterion?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT_LIMITS.language) language?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) specialty?: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Labels created at or after this moment.' })
  @IsOptional()
  @IsDate()
  from?: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Labels created before this moment.' })
  @IsOptional()
  @IsDate()
  to?: Date;
}

@InputType('AnnotatorThresholdsInput', {
  description: 'An annotator is flagged when any given threshold is crossed (on at least minN observations).',
})
export class AnnotatorThresholdsInput {
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) @Max(1) minLooAgreement?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) @Max(1) minGoldAccuracy?: number;
  @Field(() => Float, { nullable: true, description: 'Flag when the position-bias binomial p-value is below this.' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  positionBiasPValue?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) @Max(1) maxTieRate?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) minMedianSeconds?: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Flag when one choice is given on more than this share of tasks (default 0.9).',
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  maxSameChoiceShare?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) minN?: number;
}

@ObjectType('AnnotatorCheck', {
  description: 'One threshold applied to one annotator, with its n: flagged, ok, or not_enough labels to judge.',
})
export class AnnotatorCheckDto {
  @Field({ description: 'agreement, gold, position_bias, ties, speed or straight_lining' }) kind: string;
  @Field({ description: 'flagged, ok or not_enough' }) status: string;
  @Field(() => Float, { nullable: true, description: 'The measured share, or seconds for speed.' }) value:
    number | null;
  @Field(() => Float) threshold: number;
  @Field(() => Int) n: number;
  @Field(() => Int, { description: 'Observations the check needs (0 for position bias: the binomial test weighs n).' })
  minN: number;
  @Field(() => Float, { nullable: true }) pValue: number | null;
  @Field() reason: string;
}

@ObjectType('AgreementCacheInfo', {
  description: 'Where an answer came from; it is recomputed when the label stamp changes.',
})
export class AgreementCacheInfoDto {
  @Field({ description: 'The label stamp the figures were computed for.' }) stamp: string;
  @Field({
    description: 'False while a stale answer is served and a refresh runs (large projects whose labels just changed).',
  })
  fresh: boolean;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Summary only: whether the bootstrap intervals are for this stamp too (the other figures of a summary filtered by criterion alone come from the incremental tally and are always fresh).',
  })
  intervalsFresh?: boolean | null;
  @Field({ description: 'memory, table, computed or stale' }) source: string;
  @Field(() => Int) computeMs: number;
  @Field(() => GraphQLISODateTime) computedAt: Date;
}

@ObjectType('AlphaEstimate')
export class AlphaEstimateDto {
  @Field() level: string;
  @Field(() => Float, { nullable: true }) alpha: number | null;
  @Field(() => String, { nullable: true, description: 'Why alpha is undefined, when it is.' }) reason: string | null;
  @Field(() => Float, { nullable: true, description: '95% bootstrap interval, low end.' }) low: number | null;
  @Field(() => Float, { nullable: true }) high: number | null;
  @Field(() => Int) resamples: number;
  @Field(() => Int) units: number;
  @Field(() => Int) pairableValues: number;
}

@ObjectType('CohenKappaPair')
export class CohenKappaPairDto {
  @Field() coderA: string;
  @Field() coderB: string;
  @Field(() => Int) n: number;
  @Field(() => Float, { nullable: true }) kappa: number | null;
  @Field(() => String, { nullable: true }) reason: string | null;
}

@ObjectType('CriterionAgreement')
export class CriterionAgreementDto {
  @Field() criterion: string;
  @Field(() => Int) units: number;
  @Field(() => Int) coders: number;
  @Field(() => Int) values: number;
  @Field() headlineLevel: string;
  @Field(() => AlphaEstimateDto, { description: 'Pairwise: first/second/tie/both_bad as categories.' })
  alphaNominal: AlphaEstimateDto;
  @Field(() => AlphaEstimateDto, { nullable: true, description: 'Pairwise: on the signed strength −2 … +2.' })
  alphaOrdinal: AlphaEstimateDto | null;
  @Field(() => AlphaEstimateDto, { nullable: true }) alphaInterval: AlphaEstimateDto | null;
  @Field(() => Float, { nullable: true }) percentAgreement: number | null;
  @Field(() => String, { nullable: true }) percentAgreementReason: string | null;
  @Field(() => Float, { nullable: true }) fleissKappa: number | null;
  @Field(() => String, { nullable: true }) fleissKappaReason: string | null;
  @Field(() => [CohenKappaPairDto]) cohenKappa: CohenKappaPairDto[];
  @Field(() => Float, { nullable: true, description: 'Rankings: mean per-item Kendall W.' }) kendallW: number | null;
  @Field(() => Int, { nullable: true }) kendallWItems: number | null;
}

@ObjectType('AgreementSummary')
export class AgreementSummaryDto {
  @Field(() => ID) projectId: string;
  @Field() kind: string;
  @Field(() => Int) labels: number;
  @Field(() => Int) items: number;
  @Field(() => Int) coders: number;
  @Field(() => Int, { description: 'Seed of the bootstrap intervals.' }) seed: number;
  @Field(() => [CriterionAgreementDto]) criteria: CriterionAgreementDto[];
  @Field(() => AgreementCacheInfoDto) cache: AgreementCacheInfoDto;
}

@ObjectType('LooAgreement')
export class LooAgreementDto {
  @Field(() => Int) n: number;
  @Field(() => Int) agreements: number;
  @Field(() => Float, { nullable: true }) rate: number | null;
  @Field(() => Int) skipped: number;
}

@ObjectType('AnnotatorGoldAccuracy')
export class AnnotatorGoldAccuracyDto {
  @Field(() => Int) n: number;
  @Field(() => Int) correct: number;
  @Field(() => Float, { nullable: true }) accuracy: number | null;
  @Field(() => Float, { description: '95% Wilson interval.' }) low: number;
  @Field(() => Float) high: number;
}

@ObjectType('PositionBias')
export class PositionBiasDto {
  @Field(() => Int) n: number;
  @Field(() => Int) firstChosen: number;
  @Field(() => Float, { nullable: true, description: 'Share of choices for the response shown first; 0.5 = unbiased.' })
  share: number | null;
  @Field(() => Float, { nullable: true, description: 'Exact two-sided binomial test against 0.5.' }) pValue:
    number | null;
}

@ObjectType('TieRate')
export class TieRateDto {
  @Field(() => Int) n: number;
  @Field(() => Int) ties: number;
  @Field(() => Float, { nullable: true }) rate: number | null;
}

@ObjectType('WeeklyAgreement')
export class WeeklyAgreementDto {
  @Field() week: string;
  @Field(() => Int) n: number;
  @Field(() => Int) agreements: number;
  @Field(() => Float) rate: number;
}

@ObjectType('AnnotatorQuality')
export class AnnotatorQualityDto {
  @Field() coder: string;
  @Field(() => ID, { nullable: true }) annotatorId: string | null;
  @Field(() => Int) labels: number;
  @Field(() => LooAgreementDto, { nullable: true }) looAgreement: LooAgreementDto | null;
  @Field(() => AnnotatorGoldAccuracyDto, { nullable: true }) gold: AnnotatorGoldAccuracyDto | null;
  @Field(() => PositionBiasDto, { nullable: true }) positionBias: PositionBiasDto | null;
  @Field(() => TieRateDto, { nullable: true }) tieRate: TieRateDto | null;
  @Field(() => Float, { nullable: true }) medianSeconds: number | null;
  @Field(() => Int) timedTasks: number;
  @Field(() => [WeeklyAgreementDto]) weekly: WeeklyAgreementDto[];
  @Field() flagged: boolean;
  @Field(() => [String]) flagReasons: string[];
  @Field(() => [AnnotatorCheckDto], { description: 'Every check applied, flagged ones first.' })
  checks: AnnotatorCheckDto[];
}

@ObjectType('AnnotatorQualityReport')
export class AnnotatorQualityReportDto {
  @Field(() => ID) projectId: string;
  @Field({ description: 'Criterion of the agreement, position-bias, tie and drift figures.' }) criterion: string;
  @Field(() => [AnnotatorQualityDto]) annotators: AnnotatorQualityDto[];
  @Field(() => AgreementCacheInfoDto) cache: AgreementCacheInfoDto;
}

@ObjectType('AgreementConfusionMatrix')
export class ConfusionMatrixDto {
  @Field() criterion: string;
  @Field() coderA: string;
  @Field() coderB: string;
  @Field(() => [String], {
    description: 'Row and column categories (pairwise: first/second = the response with the smaller/larger id).',
  })
  categories: string[];
  @Field(() => [[Int]], {
    description: 'counts[i][j]: units where coderA said categories[i] and coderB categories[j].',
  })
  counts: number[][];
  @Field(() => Int) n: number;
  @Field(() => AgreementCacheInfoDto) cache: AgreementCacheInfoDto;
}
