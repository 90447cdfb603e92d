import {
  Field,
  Float,
  GraphQLISODateTime,
  ID,
  InputType,
  Int,
  ObjectType,
  OmitType,
  PartialType,
  registerEnumType,
} from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { readOverlapCriteria } from '@clinrank/agreement';
import { minMedianSecondsOf, QUEUE_ORDERS, TASK_KINDS, type QueueOrder, type TaskKind } from '@clinrank/domain';
import type { GuidelineVersionEntity, ProjectEntity } from '../project.entity.js';
import { TEXT_LIMITS } from '@clinrank/domain';

export enum TaskKindEnum {
  pairwise = 'pairwise',
  ranking = 'ranking',
  rating = 'rating',
  validation = 'validation',
}
registerEnumType(TaskKindEnum, { name: 'TaskKind' });

export enum OverlapCriteriaEnum {
  OVERALL = 'overall',
  EVERY = 'every',
}
registerEnumType(OverlapCriteriaEnum, {
  name: 'OverlapCriteria',
  description:
    "What must be confident before an item closes: OVERALL (default) the overall judgement; EVERY each of the project's criteria too (pairwise, rating).",
});

export enum QueueOrderEnum {
  fixed = 'fixed',
  uncertainty = 'uncertainty',
}
registerEnumType(QueueOrderEnum, {
  name: 'QueueOrder',
  description:
    'fixed: partly labelled items first; uncertainty: the items the latest reward model is least sure about first.',
});

@ObjectType('AdaptiveOverlap', {
  description:
    'Adaptive overlap: min annotators first, then one more at a time up to max until the posterior reaches confidence.',
})
export class AdaptiveOverlapDto {
  @Field(() => Int) min: number;
  @Field(() => Int) max: number;
  @Field(() => Float) confidence: number;
  @Field(() => OverlapCriteriaEnum) criteria: OverlapCriteriaEnum;
}

@InputType()
export class AdaptiveOverlapInput {
  @Field(() => Int) @IsInt() @Min(1) @Max(50) min: number;
  @Field(() => Int) @IsInt() @Min(1) @Max(50) max: number;
  @Field(() => Float) @IsNumber() @Min(0) @Max(1) confidence: number;
  @Field(() => OverlapCriteriaEnum, { nullable: true, description: 'Default OVERALL.' })
  @IsOptional()
  @IsIn(['overall', 'every'])
  criteria?: OverlapCriteriaEnum | null;
}

@ObjectType('Project')
export class ProjectDto {
  @Field(() => ID) id: string;
  @Field() slug: string;
  @Field() name: string;
  @Field(() => TaskKindEnum) kind: TaskKind;
  @Field(() => [String]) criteria: string[];
  @Field(() => Int) scaleMin: number;
  @Field(() => Int) scaleMax: number;
  @Field(() => Int, { description: 'Annotators per item: fixed, or the minimum when adaptiveOverlap is set.' })
  overlap: number;
  @Field(() => AdaptiveOverlapDto, { nullable: true, description: 'Null: fixed overlap.' })
  adaptiveOverlap: AdaptiveOverlapDto | null;
  @Field(() => Float) goldRate: number;
  @Field(() => Int) leaseSeconds: number;
  @Field() allowTies: boolean;
  @Field(() => Int, {
    description: 'Responses clinicians are asked to label in one item; fully annotated imports may have up to 200.',
  })
  maxResponsesPerItem: number;
  @Field() requireRationale: boolean;
  @Field(() => [String]) languages: string[];
  @Field(() => [String]) specialties: string[];
  @Field(() => Int) guidelineVersion: number;
  @Field() locked: boolean;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => Float, {
    description:
      'Median seconds per task below which an annotator is flagged as too fast (project setting, or the default for its kind).',
  })
  minMedianSeconds: number;
  @Field(() => QueueOrderEnum, { description: 'In which order the queue serves the items.' })
  queueOrder: QueueOrder;

  static from(project: ProjectEntity): ProjectDto {
    const { settings, updatedAt: _updatedAt, overlapMax, overlapConfidence, ...fields } = project;
    const adaptiveOverlap =
      overlapMax === null || overlapMax === undefined || overlapConfidence === null || overlapConfidence === undefined
        ? null
        : {
            min: project.overlap,
            max: overlapMax,
            confidence: overlapConfidence,
            criteria: readOverlapCriteria(settings) as OverlapCriteriaEnum,
          };
    return Object.assign(new ProjectDto(), fields, {
      adaptiveOverlap,
      minMedianSeconds: minMedianSecondsOf(project.kind, settings),
    });
  }
}

@ObjectType('Guidelines')
export class GuidelinesDto {
  @Field(() => Int) version: number;
  @Field() markdown: string;
  @Field() createdBy: string;
  @Field(() => GraphQLISODateTime) createdAt: Date;

  static from(entity: GuidelineVersionEntity): GuidelinesDto {
    return Object.assign(new GuidelinesDto(), {
      version: entity.version,
      markdown: entity.markdown,
      createdBy: entity.createdBy,
      createdAt: entity.createdAt,
    });
  }
}

const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

@InputType()
export class CreateProjectInput {
  @Field()
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'slug must be lowercase letters, digits and dashes (at most 63)' })
  slug: string;
  @Field() @IsString() @MinLength(1) @MaxLength(TEXT_LIMITS.projectName) name: string;
  @Field(() => TaskKindEnum) @IsIn(TASK_KINDS) kind: TaskKind;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @IsString({ each: true })
  @MaxLength(TEXT_LIMITS.criterion, { each: true })
  criteria?: string[];
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() scaleMin?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() scaleMax?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(50) overlap?: number;
  @Field(() => AdaptiveOverlapInput, {
    nullable: true,
    description:
      'Adaptive overlap (its min becomes overlap); null or absent: fixed overlap. Ranking items close on the pairwise order of their responses, rating items on each response score.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => AdaptiveOverlapInput)
  adaptiveOverlap?: AdaptiveOverlapInput | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) @Max(1) goldRate?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(30) @Max(604800) leaseSeconds?: number;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() allowTies?: boolean;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(2) @Max(200) maxResponsesPerItem?: number;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() requireRationale?: boolean;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(LANGUAGE_CODE, { each: true, message: 'languages must be codes such as en, zh or ar' })
  languages?: string[];
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  specialties?: string[];
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200_000) guidelines?: string;
  @Field(() => Float, {
    nullable: true,
    description: 'Median seconds per task below which an annotator is flagged as too fast (default 8 for pairwise).',
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(3600)
  minMedianSeconds?: number;
  @Field(() => QueueOrderEnum, {
    nullable: true,
    description: 'uncertainty: serve first the items the latest reward model is least sure about (default fixed).',
  })
  @IsOptional()
  @IsIn(QUEUE_ORDERS)
  queueOrder?: QueueOrder;
}

@InputType()
export class UpdateProjectInput extends PartialType(
  OmitType(CreateProjectInput, ['slug', 'kind', 'guidelines'] as const),
) {
  @Field(() => ID) @IsUUID() id: string;
}

@InputType()
export class UpdateGuidelinesInput {
  @Field(() => ID) @IsUUID() projectId: string;
  @Field() @IsString() @MinLength(1) @MaxLength(TEXT_LIMITS.guidelines) markdown: string;
}
