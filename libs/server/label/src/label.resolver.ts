import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, userActor, type AuthenticatedUser, Roles } from '@clinrank/server-core';
import { annotatorOf, TaskService, AnnotatorProjectDto, SkipTaskInput, TaskDto } from '@clinrank/server-task';
import {
  EditLabelInput,
  LabelDto,
  MyProgressDto,
  NextTaskInput,
  SubmitLabelInput,
  SubmitResultDto,
} from './dto/label.dto.js';
import { LabelService } from './label.service.js';
import { ProgressService } from '@clinrank/server-review';
import { checkLabelSubmission, checkNextTaskRequest, checkTimeZone } from '@clinrank/domain';

/** What an annotator does: take the next task, label it, skip it, undo, and edit their own labels. */
@Resolver()
@Roles('annotator', 'lead', 'admin')
export class LabelResolver {
  constructor(
    private readonly tasks: TaskService,
    private readonly labels: LabelService,
    private readonly progress: ProgressService,
  ) {}

  @Query(() => TaskDto, {
    nullable: true,
    description: 'The next task for the signed-in annotator, or null when nothing is left.',
  })
  async nextTask(
    @CurrentUser() user: AuthenticatedUser,
    @Args('projectId', {
      type: () => ID,
      nullable: true,
      description: 'A project id or slug; any open project when absent.',
    })
    projectId?: string,
    @Args('exclude', {
      type: () => [ID],
      nullable: true,
      description: 'Task ids already on screen: fetch the following task ahead of time.',
    })
    exclude?: string[],
  ): Promise<TaskDto | null> {
    const task = await this.tasks.nextTask(annotatorOf(user), projectId ?? null, (exclude ?? []).slice(0, 10));
    return task ? TaskDto.from(task) : null;
  }

  @Query(() => [AnnotatorProjectDto], { description: 'Open projects with work left for the signed-in annotator.' })
  async myProjects(
    @CurrentUser() user: AuthenticatedUser,
    @Args('include', {
      type: () => ID,
      nullable: true,
      description: 'A project id or slug to list even when nothing is left in it (the one chosen on screen).',
    })
    include?: string,
  ): Promise<AnnotatorProjectDto[]> {
    return (await this.tasks.annotatorProjects(annotatorOf(user), include ?? null)).map(AnnotatorProjectDto.from);
  }

  @Mutation(() => SubmitResultDto)
  async submitLabel(
    @Args('input') input: SubmitLabelInput,
    @CurrentUser() user: AuthenticatedUser,
    @Args('next', {
      type: () => NextTaskInput,
      nullable: true,
      description: 'Also lease and return the next task, in the same transaction (one round trip per label).',
    })
    next?: NextTaskInput | null,
  ): Promise<SubmitResultDto> {
    checkLabelSubmission(input);
    if (next) checkNextTaskRequest(next);
    const result = await this.labels.submit(
      user.userId,
      input,
      userActor(user),
      next
        ? {
            annotator: annotatorOf(user),
            projectIdOrSlug: next.projectId ?? null,
            exclude: (next.exclude ?? []).slice(0, 10),
          }
        : null,
    );
    return {
      label: LabelDto.from(result.label),
      duplicate: result.duplicate,
      next: result.next ? TaskDto.from(result.next) : null,
    };
  }

  @Mutation(() => LabelDto)
  async editLabel(@Args('input') input: EditLabelInput, @CurrentUser() user: AuthenticatedUser): Promise<LabelDto> {
    return LabelDto.from(await this.labels.edit(user.userId, input, userActor(user)));
  }

  @Mutation(() => ID, { description: 'Takes back a label submitted moments ago; returns the reopened task id.' })
  async retractLabel(
    @Args('labelId', { type: () => ID }) labelId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<string> {
    return this.labels.retract(user.userId, labelId, userActor(user));
  }

  @Mutation(() => Boolean)
  async skipTask(@Args('input') input: SkipTaskInput, @CurrentUser() user: AuthenticatedUser): Promise<boolean> {
    await this.tasks.skip(user.userId, input.taskId, input.reason, userActor(user));
    return true;
  }

  @Query(() => [LabelDto], { description: "The signed-in annotator's own labels, newest first." })
  async myLabels(
    @CurrentUser() user: AuthenticatedUser,
    @Args('projectId', { type: () => ID, nullable: true }) projectId?: string,
    @Args('limit', { type: () => Int, defaultValue: 50 }) limit = 50,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset = 0,
  ): Promise<LabelDto[]> {
    return (
      await this.labels.ownLabels(
        user.userId,
        projectId ?? null,
        Math.min(Math.max(limit, 1), 500),
        Math.max(offset, 0),
      )
    ).map(LabelDto.from);
  }

  @Query(() => MyProgressDto)
  async myProgress(
    @CurrentUser() user: AuthenticatedUser,
    @Args('projectId', { type: () => ID, nullable: true }) projectId?: string,
    @Args('timeZone', {
      nullable: true,
      description:
        "The clinician's IANA time zone (e.g. Europe/Rome): doneToday counts from their local midnight. Without it, from midnight in the database's time zone.",
    })
    timeZone?: string,
  ): Promise<MyProgressDto> {
    if (timeZone != null) checkTimeZone(timeZone);
    const [progress, remaining] = await Promise.all([
      this.progress.annotatorProgress(user.userId, projectId ?? null, timeZone ?? null),
      this.tasks.remainingFor(annotatorOf(user), projectId ?? null),
    ]);
    return {
      doneToday: progress.doneToday,
      doneTotal: progress.doneTotal,
      remaining,
      projectRemaining: progress.remaining,
    };
  }
}
