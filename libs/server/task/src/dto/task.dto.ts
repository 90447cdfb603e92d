import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { TaskKindEnum } from '@clinrank/server-project';
import { TEXT_LIMITS, type TaskKind } from '@clinrank/domain';
import type { AnnotatorProject, TaskView } from '../task.service.js';

@ObjectType('ChatMessage')
export class ChatMessageDto {
  @Field() role: string;
  @Field() content: string;
}

@ObjectType('TaskResponse', { description: 'A candidate answer as shown to the annotator: no model, source or score.' })
export class TaskResponseDto {
  @Field(() => ID) id: string;
  @Field({ description: 'A, B, C… in display order' }) label: string;
  @Field() text: string;
}

@ObjectType('TaskProject')
export class TaskProjectDto {
  @Field(() => ID) id: string;
  @Field() slug: string;
  @Field() name: string;
  @Field(() => TaskKindEnum) kind: TaskKind;
  @Field(() => [String]) criteria: string[];
  @Field(() => Int) scaleMin: number;
  @Field(() => Int) scaleMax: number;
  @Field() allowTies: boolean;
  @Field() requireRationale: boolean;
  @Field(() => Int) guidelineVersion: number;
}

@ObjectType('Task', { description: 'One blind labelling task. Gold items look exactly like the others.' })
export class TaskDto {
  @Field(() => ID) taskId: string;
  @Field(() => TaskProjectDto) project: TaskProjectDto;
  @Field() language: string;
  @Field() specialty: string;
  @Field(() => String, { nullable: true }) prompt: string | null;
  @Field(() => [ChatMessageDto], { nullable: true }) messages: ChatMessageDto[] | null;
  @Field(() => [TaskResponseDto]) responses: TaskResponseDto[];
  @Field(() => GraphQLISODateTime) expiresAt: Date;

  static from(view: TaskView): TaskDto {
    return Object.assign(new TaskDto(), {
      ...view,
      project: Object.assign(new TaskProjectDto(), view.project),
      responses: view.responses.map((response, index) =>
        Object.assign(new TaskResponseDto(), {
          id: response.id,
          text: response.text,
          label: String.fromCharCode(65 + index),
        }),
      ),
    });
  }
}

@InputType()
export class SkipTaskInput {
  @Field(() => ID) @IsUUID() taskId: string;
  @Field()
  @IsString()
  @MinLength(1, { message: 'give a reason for skipping' })
  @MaxLength(TEXT_LIMITS.skipReason)
  reason: string;
}

@ObjectType('AnnotatorProject')
export class AnnotatorProjectDto {
  @Field(() => TaskProjectDto) project: TaskProjectDto;
  @Field(() => Int, { description: 'Items this annotator can still label in the project.' }) remaining: number;

  static from(entry: AnnotatorProject): AnnotatorProjectDto {
    return Object.assign(new AnnotatorProjectDto(), {
      project: Object.assign(new TaskProjectDto(), entry.project),
      remaining: entry.remaining,
    });
  }
}
