import { Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import type { Role } from '@clinrank/domain';
import { GraphQLJSON } from '@clinrank/server-core';
import type {
  MetricSeries,
  RunArtifact,
  TrainableSnapshot,
  TrainingAttempt,
  TrainingNode,
  TrainingRun,
} from '../training.service.js';
import type { WorkerSetup } from '../worker-setup.js';

@InputType({
  description:
    'Trainer options (validated per kind: e.g. epochs, lr, batchSize for reward models; steps, klCoef for PPO), GPUs per run, retry limit.',
})
export class StartRunInput {
  @Field(() => GraphQLJSON, { nullable: true }) @IsOptional() @IsObject() options?: Record<string, unknown> | null;
  @Field(() => Int, { nullable: true, description: 'GPUs the run needs on one node (0 = CPU).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(64)
  gpus?: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Attempts before a run whose node keeps dying is failed (default 3).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  maxAttempts?: number | null;
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
  @Field(() => Int, { nullable: true, description: "The owning node's heartbeat interval, recorded on the claim." })
  heartbeatSeconds: number | null;
  @Field(() => Int, { nullable: true, description: "The owning node's lease: silence this long re-queues the run." })
  leaseSeconds: number | null;
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When every reaper re-queues the run unless its node beats again.',
  })
  heartbeatDeadline: Date | null;
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

@ObjectType('MetricSeries', { description: 'One metric of one attempt over training steps.' })
export class MetricSeriesDto {
  @Field() name: string;
  @Field(() => Int) attempt: number;
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

@ObjectType('TrainingArtifact', {
  description: "A file of the run's manifest, promoted by the attempt that finished the run.",
})
export class TrainingArtifactDto {
  @Field(() => Int, {
    nullable: true,
    description: 'The attempt that produced the file (stored under runs/<id>/attempt-<n>/).',
  })
  attempt: number | null;
  @Field() name: string;
  @Field() kind: string;
  @Field({ description: 'Where the file is stored (ml engineers and admins); others see artifact://<run id>/<name>.' })
  uri: string;
  @Field(() => Float) bytes: number;
  @Field() sha256: string;
  @Field(() => GraphQLISODateTime) createdAt: Date;

  static from(artifact: RunArtifact, runId: string, role: Role): TrainingArtifactDto {
    const uri =
      role === 'ml_engineer' || role === 'admin'
        ? artifact.uri
        : `artifact://${runId}/${encodeURIComponent(artifact.name)}`;
    return Object.assign(new TrainingArtifactDto(), { ...artifact, uri });
  }
}

@ObjectType('TrainingAttempt', {
  description: 'One attempt of a run: its node, heartbeat contract, times and outcome.',
})
export class TrainingAttemptDto {
  @Field(() => Int, { description: 'Attempt numbers only grow; a released attempt keeps its number.' }) attempt: number;
  @Field() nodeName: string;
  @Field(() => [Int], { nullable: true }) assignedGpus: number[] | null;
  @Field(() => Int, { nullable: true }) heartbeatSeconds: number | null;
  @Field(() => Int, { nullable: true }) leaseSeconds: number | null;
  @Field(() => GraphQLISODateTime) claimedAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) startedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) endedAt: Date | null;
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: "The node's last heartbeat for this attempt (for a lost one: when it went silent).",
  })
  lastHeartbeat: Date | null;
  @Field(() => String, {
    nullable: true,
    description: 'succeeded, failed, lost, cancelled or released; null while the attempt runs.',
  })
  outcome: string | null;
  @Field(() => String, { nullable: true }) error: string | null;

  static from(attempt: TrainingAttempt): TrainingAttemptDto {
    return Object.assign(new TrainingAttemptDto(), attempt);
  }
}

@ObjectType('TrainingRunDetail', {
  description: 'A run with its metric series, log tail, artifacts and attempts, for live watching.',
})
export class TrainingRunDetailDto {
  @Field(() => TrainingRunDto) run: TrainingRunDto;
  @Field(() => [MetricSeriesDto], { description: 'Series of the current attempt (the latest that reported any).' })
  metrics: MetricSeriesDto[];
  @Field(() => [MetricSeriesDto], { description: 'Series of the attempts before the current one.' })
  earlierMetrics: MetricSeriesDto[];
  @Field(() => [TrainingAttemptDto], { description: 'Every attempt, oldest first.' })
  attemptHistory: TrainingAttemptDto[];
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
  @Field(() => Int, { nullable: true, description: "The node's heartbeat interval." }) heartbeatSeconds: number | null;
  @Field(() => Int, {
    nullable: true,
    description: "The node's lease: its runs are re-queued once it is silent this long.",
  })
  leaseSeconds: number | null;
  @Field(() => GraphQLISODateTime) lastHeartbeat: Date;
  @Field(() => GraphQLISODateTime) startedAt: Date;
  @Field(() => [ID]) currentRunIds: string[];

  static from(node: TrainingNode): TrainingNodeDto {
    return Object.assign(new TrainingNodeDto(), node);
  }
}

@ObjectType('WorkerSetup', {
  description: "How to start a worker against this server's database (never includes the password).",
})
export class WorkerSetupDto {
  @Field({ description: "Command on the server's own machine." }) localCommand: string;
  @Field({ description: 'Command on another node, with the DATABASE_URL it needs (password as PASSWORD).' })
  remoteCommand: string;
  @Field() remoteDatabaseUrl: string;
  @Field({
    description: "The database listens on the server's machine only; remote nodes need a PostgreSQL they can reach.",
  })
  loopbackOnly: boolean;
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
