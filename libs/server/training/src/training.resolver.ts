import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, userActor, type AuthenticatedUser, Roles } from '@clinrank/server-core';
import {
  StartRunInput,
  TrainingArtifactDto,
  TrainingAttemptDto,
  TrainingNodeDto,
  TrainingRunDetailDto,
  TrainingRunDto,
  MetricSeriesDto,
  TrainableSnapshotDto,
  WorkerSetupDto,
} from './dto/training.dto.js';
import { TrainingService } from './training.service.js';
import { WorkerSetupService } from './worker-setup.service.js';

/** Training runs: ML engineers start and cancel them; leads and admins may watch. */
@Resolver()
@Roles('ml_engineer')
export class TrainingResolver {
  constructor(
    private readonly training: TrainingService,
    private readonly workers: WorkerSetupService,
  ) {}

  @Mutation(() => TrainingRunDto, { description: 'Queue a reward-model run on a ready dataset snapshot.' })
  async startRewardModelRun(
    @Args('snapshotId', { type: () => ID }) snapshotId: string,
    @Args('input', { type: () => StartRunInput, nullable: true }) input: StartRunInput | null,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TrainingRunDto> {
    return TrainingRunDto.from(await this.training.startRewardModelRun(snapshotId, input ?? {}, userActor(user)));
  }

  @Mutation(() => TrainingRunDto, { description: 'Queue PPO against a succeeded reward-model run.' })
  async startPpoRun(
    @Args('rewardModelRunId', { type: () => ID }) rewardModelRunId: string,
    @Args('input', { type: () => StartRunInput, nullable: true }) input: StartRunInput | null,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TrainingRunDto> {
    return TrainingRunDto.from(await this.training.startPpoRun(rewardModelRunId, input ?? {}, userActor(user)));
  }

  @Mutation(() => TrainingRunDto, {
    description: "Queue an evaluation of a succeeded reward model on its snapshot's test split.",
  })
  async startEvaluationRun(
    @Args('rewardModelRunId', { type: () => ID }) rewardModelRunId: string,
    @Args('input', { type: () => StartRunInput, nullable: true }) input: StartRunInput | null,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TrainingRunDto> {
    return TrainingRunDto.from(await this.training.startEvaluationRun(rewardModelRunId, input ?? {}, userActor(user)));
  }

  @Mutation(() => TrainingRunDto)
  async cancelRun(
    @Args('id', { type: () => ID }) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TrainingRunDto> {
    return TrainingRunDto.from(await this.training.cancelRun(id, userActor(user)));
  }

  @Query(() => [TrainingRunDto])
  @Roles('ml_engineer', 'lead', 'admin')
  async trainingRuns(
    @Args('status', { type: () => String, nullable: true }) status: string | null,
    @Args('kind', { type: () => String, nullable: true }) kind: string | null,
    @Args('limit', { type: () => Int, defaultValue: 50 }) limit: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
    @Args('projectId', { type: () => ID, nullable: true, description: 'Only runs of this project.' })
    projectId: string | null,
  ): Promise<TrainingRunDto[]> {
    return (
      await this.training.runs({
        status,
        kind,
        projectId,
        limit: Math.min(Math.max(limit, 1), 500),
        offset: Math.max(offset, 0),
      })
    ).map(TrainingRunDto.from);
  }

  @Query(() => TrainingRunDetailDto)
  @Roles('ml_engineer', 'lead', 'admin')
  async trainingRun(
    @Args('id', { type: () => ID }) id: string,
    @Args('logLines', { type: () => Int, defaultValue: 200 }) logLines: number,
    @Args('metricNames', { type: () => [String], nullable: true }) metricNames: string[] | null,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TrainingRunDetailDto> {
    const run = await this.training.run(id);
    const [metrics, logTail, artifacts, attempts] = await Promise.all([
      this.training.metricSeries(id, metricNames, true),
      this.training.logTail(id, logLines),
      this.training.runArtifacts(id),
      this.training.attempts(id),
    ]);
    return Object.assign(new TrainingRunDetailDto(), {
      run: TrainingRunDto.from(run),
      metrics: metrics.current.map(MetricSeriesDto.from),
      earlierMetrics: metrics.earlier.map(MetricSeriesDto.from),
      logTail,
      artifacts: artifacts.map((artifact) => TrainingArtifactDto.from(artifact, id, user.role)),
      attemptHistory: attempts.map(TrainingAttemptDto.from),
    });
  }

  @Query(() => [TrainingArtifactDto])
  @Roles('ml_engineer', 'lead', 'admin')
  async runArtifacts(
    @Args('runId', { type: () => ID }) runId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TrainingArtifactDto[]> {
    return (await this.training.runArtifacts(runId)).map((artifact) =>
      TrainingArtifactDto.from(artifact, runId, user.role),
    );
  }

  @Query(() => [TrainingAttemptDto], {
    description: 'Every attempt of a run, oldest first: node, heartbeat contract, times, outcome.',
  })
  @Roles('ml_engineer', 'lead', 'admin')
  async trainingRunAttempts(@Args('runId', { type: () => ID }) runId: string): Promise<TrainingAttemptDto[]> {
    return (await this.training.attempts(runId)).map(TrainingAttemptDto.from);
  }

  @Query(() => [TrainingNodeDto])
  @Roles('ml_engineer', 'lead', 'admin')
  async trainingNodes(): Promise<TrainingNodeDto[]> {
    return (await this.training.nodes()).map(TrainingNodeDto.from);
  }

  @Query(() => WorkerSetupDto, { description: 'The commands that start a worker on this machine and on another node.' })
  @Roles('ml_engineer', 'lead', 'admin')
  workerSetup(): WorkerSetupDto {
    return WorkerSetupDto.from(this.workers.setup());
  }

  @Query(() => [TrainableSnapshotDto], {
    description: 'Ready dataset snapshots a reward model can be trained on, newest first.',
  })
  async trainableSnapshots(): Promise<TrainableSnapshotDto[]> {
    return (await this.training.trainableSnapshots()).map(TrainableSnapshotDto.from);
  }
}
