import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsDefined, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { GraphQLJSON, ValidatedByDomain } from '@clinrank/server-core';
import { TaskDto } from '@clinrank/server-task';
import type { LabelEntity } from '../label.entity.js';
import { TEXT_LIMITS } from '@clinrank/domain';

@ObjectType('Label', { description: 'A label as its own author (or a lead) sees it.' })
export class LabelDto {
  @Field(() => ID) id: string;
  @Field(() => ID) projectId: string;
  @Field(() => ID, { nullable: true }) taskId: string | null;
  @Field(() => ID) submissionId: string;
  @Field() kind: string;
  @Field(() => GraphQLJSON) content: unknown;
  @Field(() => [String]) flags: string[];
  @Field(() => String, { nullable: true }) rationale: string | null;
  @Field(() => String, { nullable: true }) rewrite: string | null;
  @Field(() => Int) timeSpentMs: number;
  @Field(() => [String]) displayOrder: string[];
  @Field(() => Int) guidelineVersion: number;
  @Field(() => String, { nullable: true }) uiDirection: string | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;

  static from(label: LabelEntity): LabelDto {
    return Object.assign(new LabelDto(), {
      id: label.id,
      projectId: label.projectId,
      taskId: label.taskId,
      submissionId: label.submissionId,
      kind: label.kind,
      content: label.content,
      flags: label.flags,
      rationale: label.rationale,
      rewrite: label.rewrite,
      timeSpentMs: label.timeSpentMs,
      displayOrder: label.displayOrder,
      guidelineVersion: label.guidelineVersion,
      uiDirection: label.uiDirection,
      createdAt: label.createdAt,
      updatedAt: label.updatedAt,
    });
  }
}

@ObjectType('SubmitResult')
export class SubmitResultDto {
  @Field(() => LabelDto) label: LabelDto;
  @Field({ description: 'True when this submission id had already been stored (a retry).' }) duplicate: boolean;
  @Field(() => TaskDto, {
    nullable: true,
    description:
      'With `next`: the task after this one, leased in the same transaction (null when nothing is left). A retry gets the same task while its lease is live.',
  })
  next?: TaskDto | null;
}

@InputType({ description: 'Asks submitLabel for the next task too, as nextTask(projectId, exclude) would give it.' })
@ValidatedByDomain() // checkNextTaskRequest, in the resolver
export class NextTaskInput {
  @Field(() => ID, {
    nullable: true,
    description: "A project id or slug; when absent, the submitted task's project first, then any open project.",
  })
  projectId?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Task ids already on screen (the first 10 count).' })
  exclude?: string[] | null;
}

/** The hot path's input: checked by checkLabelSubmission (@clinrank/domain) in the resolver, not by class-validator. */
@InputType()
@ValidatedByDomain()
export class SubmitLabelInput {
  @Field(() => ID) taskId: string;
  @Field(() => ID, { description: 'A uuid the client generates once per submission; retries reuse it.' })
  submissionId: string;
  @Field(() => GraphQLJSON) content: unknown;
  @Field(() => [String], { defaultValue: [] }) flags: string[];
  @Field(() => String, { nullable: true }) rationale?: string | null;
  @Field(() => String, { nullable: true }) rewrite?: string | null;
  @Field(() => Int) timeSpentMs: number;
  @Field(() => String, {
    nullable: true,
    description: 'ltr or rtl: the UI direction, so the screen side of A and B is known.',
  })
  uiDirection?: 'ltr' | 'rtl' | null;
}

@InputType()
export class EditLabelInput {
  @Field(() => ID) @IsUUID() labelId: string;
  @Field(() => GraphQLJSON) @IsDefined() content: unknown;
  @Field(() => [String], { defaultValue: [] }) @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) flags: string[];
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT_LIMITS.rationale) rationale?:
    string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT_LIMITS.rewrite) rewrite?:
    string | null;
}

@ObjectType('MyProgress')
export class MyProgressDto {
  @Field(() => Int) doneToday: number;
  @Field(() => Int) doneTotal: number;
  @Field(() => Int, {
    description: 'Items the signed-in annotator can still label in the project (or in all open projects).',
  })
  remaining: number;
  @Field(() => Int, {
    description: 'Label slots still open in the project for all annotators (items × overlap − labels).',
  })
  projectRemaining: number;
}
