import { Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import { GraphQLJSON } from '../../../core/graphql/json.scalar.js';
import type { MetricSeries, RunArtifact, TrainableSnapshot, TrainingNode, TrainingRun } from '../training.service.js';
import type { WorkerSetup } from '../worker-setup.js';

@InputType({ description: 'Trainer options (validated per kind: e.g. epochs, lr, batchSize for reward models; steps, klCoef for PPO), GPUs per run, retry limit.' })
export class StartRunInput {
  @Field(() => GraphQLJSON, { nullable: true }) @IsOptional() @IsObject() options?: Record<string, unknown> | null;
  @Field(() => Int, { nullable: true, description: 'GPUs the run needs on one node (0 = CPU).' }) @IsOptional() @IsInt() @Min(0) @Max(64) gpus?: number | null;
  @Field(() => Int, { nullable: true, description: 'Attempts before a run whose node keeps dying is failed (default 3).' }) @IsOptional() @IsInt() @Min(1) @Max(10) maxAttempts?: number | null;
}

@ObjectType('TrainingRun')
export class TrainingRunDto {
  @Field(() => ID) id: string;
  @Field() kind: string;
  @Field({ description: 'queued, claimed, running, succeeded, failed or cancelled' }) status: string;
  @Field(() => ID, { nullable: true }) projectId: string | null;
  @Field(() => ID, { nullable: true }) snapshotId: string | null;
  @Field(() => ID, { nullable: true }) parentRunId: string | null;
  @Field(() => GraphQLJSON) config: unknown;
  @Field(() => Int) gpus: number;
  @Field(() => Int) attempts: number;
  @Field(() => Int) maxAttempts: number;
  @Field(() => String, { nullable: true }) nodeName: string | null;
  @Field(() => [Int], { nullable: true }) assignedGpus: number[] | null;
  @Field(() => Int, { nullable: true }) exitCode: number | null;
  @Field(() => String, { nullable: true }) error: string | null;
  @Field(() => GraphQLJSON, { nullable: true }) summary: unknown;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) claimedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) startedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) heartbeatAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) finishedAt: Date | null;

  static from(run: TrainingRun): TrainingRunDto {
    return Object.assign(new TrainingRunDto(), run);
  }
}

@ObjectType('MetricSeries', { description: 'One metric over training steps (latest attempt).' })
export class MetricSeriesDto {
  @Field() name: string;
  @Field(() => [Int]) steps: number[];
  @Field(() => [Float], { nullable: 'items' }) values: (number | null)[];

  static from(series: MetricSeries): MetricSeriesDto {
    return Object.assign(new MetricSeriesDto(), series);
  }
}

@ObjectType('TrainingLogLine')
export class TrainingLogLineDto {
  @Field(() => Float) seq: number;
  @Field(() => Int) attempt: number;
  @Field() stream: string;
  @Field() line: string;
  @Field(() => GraphQLISODateTime) at: Date;
}

@ObjectType('TrainingArtifact')
export class TrainingArtifactDto {
  @Field() name: string;
  @Field() kind: string;
  @Field() uri: string;
  @Field(() => Float) bytes: number;
  @Field() sha256: string;
  @Field(() => GraphQLISODateTime) createdAt: Date;

  static from(artifact: RunArtifact): TrainingArtifactDto {
    return Object.assign(new TrainingArtifactDto(), artifact);
  }
}

@ObjectType('TrainingRunDetail', { description: 'A run with its metric series, log tail and artifacts, for live watching.' })
export class TrainingRunDetailDto {
  @Field(() => TrainingRunDto) run: TrainingRunDto;
  @Field(() => [MetricSeriesDto]) metrics: MetricSeriesDto[];
  @Field(() => [TrainingLogLineDto]) logTail: TrainingLogLineDto[];
  @Field(() => [TrainingArtifactDto]) artifacts: TrainingArtifactDto[];
}

@ObjectType('TrainingGpu')
export class TrainingGpuDto {
  @Field(() => Int) index: number;
  @Field() name: string;
  @Field(() => Int, { nullable: true }) memoryMiB: number | null;
}

@ObjectType('TrainingNode')
export class TrainingNodeDto {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() hostname: string;
  @Field({ description: 'online, draining or offline' }) status: string;
  @Field(() => [TrainingGpuDto]) gpus: TrainingGpuDto[];
  @Field(() => Int) maxJobs: number;
  @Field(() => GraphQLISODateTime) lastHeartbeat: Date;
  @Field(() => GraphQLISODateTime) startedAt: Date;
  @Field(() => [ID]) currentRunIds: string[];

  static from(node: TrainingNode): TrainingNodeDto {
    return Object.assign(new TrainingNodeDto(), node);
  }
}

@ObjectType('WorkerSetup', { description: 'How to start a worker against this server\'s database (never includes the password).' })
export class WorkerSetupDto {
  @Field({ description: 'Command on the server\'s own machine.' }) localCommand: string;
  @Field({ description: 'Command on another node, with the DATABASE_URL it needs (password as PASSWORD).' }) remoteCommand: string;
  @Field() remoteDatabaseUrl: string;
  @Field({ description: 'The database listens on the server\'s machine only; remote nodes need a PostgreSQL they can reach.' }) loopbackOnly: boolean;
  @Field() embedded: boolean;

  static from(setup: WorkerSetup): WorkerSetupDto {
    return Object.assign(new WorkerSetupDto(), setup);
  }
}

@ObjectType('TrainableSnapshot', { description: 'A ready dataset snapshot, by name, with the records in each split.' })
export class TrainableSnapshotDto {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => ID, { nullable: true }) projectId: string | null;
  @Field(() => String, { nullable: true }) projectName: string | null;
  @Field(() => String, { nullable: true }) projectSlug: string | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => Int) train: number;
  @Field(() => Int) validation: number;
  @Field(() => Int) test: number;

  static from(snapshot: TrainableSnapshot): TrainableSnapshotDto {
    return Object.assign(new TrainableSnapshotDto(), snapshot);
  }
}
