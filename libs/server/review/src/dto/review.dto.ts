import { Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsDefined, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { GraphQLJSON } from '@clinrank/server-core';
import { TEXT_LIMITS } from '@clinrank/domain';

@ObjectType('AnnotatorProgress')
export class AnnotatorProgressDto {
  @Field(() => ID) annotatorId: string;
  @Field() username: string;
  @Field() kind: string;
  @Field(() => Int) labels: number;
  @Field(() => Int) skipped: number;
  @Field(() => Int) labelsToday: number;
  @Field(() => Float, { nullable: true }) medianTimeMs: number | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastLabelAt: Date | null;
}

@ObjectType('DailyLabels')
export class DailyLabelsDto {
  @Field() day: string;
  @Field(() => ID) annotatorId: string;
  @Field() username: string;
  @Field(() => Int) labels: number;
}

@ObjectType('ProjectProgress')
export class ProjectProgressDto {
  @Field(() => Int) items: number;
  @Field(() => Int) responses: number;
  @Field(() => Int) labels: number;
  @Field(() => Int) completeItems: number;
  @Field(() => Int) inProgressItems: number;
  @Field(() => Int) pendingItems: number;
  @Field(() => Int) activeLeases: number;
  @Field(() => [AnnotatorProgressDto]) annotators: AnnotatorProgressDto[];
  @Field(() => [DailyLabelsDto]) perDay: DailyLabelsDto[];
}

@ObjectType('Disagreement')
export class DisagreementDto {
  @Field(() => ID) itemId: string;
  @Field() externalId: string;
  @Field() language: string;
  @Field() specialty: string;
  @Field(() => Int) labels: number;
  @Field(() => String, {
    nullable: true,
    description: 'The majority verdict as stored: a response id, ids joined by "=", tie or both_bad.',
  })
  majority: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The majority by response letter in the item\'s order: "A", "A = B", "tie", "both_bad".',
  })
  majorityLabel: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The first words of the majority answer, when it is one response.',
  })
  majorityExcerpt: string | null;
  @Field(() => Float, {
    description: 'Share of labels agreeing with the majority, compared by response (never by screen side).',
  })
  agreement: number;
  @Field() adjudicated: boolean;
}

@ObjectType('DisagreementPage')
export class DisagreementPageDto {
  @Field(() => [DisagreementDto]) rows: DisagreementDto[];
  @Field(() => Int) total: number;
}

@ObjectType('ReviewResponse', { description: 'A response with its provenance, for leads only.' })
export class ReviewResponseDto {
  @Field(() => ID) id: string;
  @Field() externalId: string;
  @Field() text: string;
  @Field() source: string;
  @Field(() => String, { nullable: true }) model: string | null;
  @Field(() => String, { nullable: true }) generator: string | null;
}

@ObjectType('ReviewLabel')
export class ReviewLabelDto {
  @Field(() => ID) id: string;
  @Field() annotator: string;
  @Field() annotatorKind: string;
  @Field(() => GraphQLJSON) content: unknown;
  @Field(() => [String]) flags: string[];
  @Field(() => String, { nullable: true }) rationale: string | null;
  @Field(() => String, { nullable: true }) rewrite: string | null;
  @Field(() => Int) timeSpentMs: number;
  @Field(() => [String]) displayOrder: string[];
  @Field(() => Int) guidelineVersion: number;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

@ObjectType('Adjudication')
export class AdjudicationDto {
  @Field(() => GraphQLJSON) content: unknown;
  @Field(() => String, { nullable: true }) rationale: string | null;
  @Field() lead: string;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}

@ObjectType('ItemReview')
export class ItemReviewDto {
  @Field(() => ID) itemId: string;
  @Field() externalId: string;
  @Field(() => ID) projectId: string;
  @Field() language: string;
  @Field() specialty: string;
  @Field(() => String, { nullable: true }) prompt: string | null;
  @Field(() => GraphQLJSON, { nullable: true }) messages: unknown;
  @Field(() => String, { nullable: true }) reference: string | null;
  @Field() isGold: boolean;
  @Field(() => GraphQLJSON, { nullable: true }) gold: unknown;
  @Field(() => [ReviewResponseDto]) responses: ReviewResponseDto[];
  @Field(() => [ReviewLabelDto]) labels: ReviewLabelDto[];
  @Field(() => AdjudicationDto, { nullable: true }) adjudication: AdjudicationDto | null;
}

@ObjectType('GoldAccuracy')
export class GoldAccuracyDto {
  @Field(() => ID) annotatorId: string;
  @Field() username: string;
  @Field(() => Int) goldLabels: number;
  @Field(() => Int) correct: number;
  @Field(() => Float, { nullable: true }) accuracy: number | null;
}

@InputType()
export class AdjudicateInput {
  @Field(() => ID) @IsUUID() itemId: string;
  @Field(() => GraphQLJSON) @IsDefined() content: unknown;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT_LIMITS.rationale) rationale?:
    string | null;
}
