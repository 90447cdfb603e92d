import { Inject, Module, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { AuditModule } from '@clinrank/server-audit';
import { BertScoreResolver } from './bertscore.resolver.js';
import { BertScoreService } from './bertscore.service.js';
import { EvaluationModule } from '@clinrank/server-evaluation';
import { DatasetModule } from '@clinrank/server-dataset';
import { ProjectModule } from '@clinrank/server-project';
import { BACKGROUND_WORK, DatabaseModule } from '@clinrank/server-core';
import { TrainingArtifactEntity } from './training-artifact.entity.js';
import { TrainingAttemptEntity } from './training-attempt.entity.js';
import { TrainingLogEntity } from './training-log.entity.js';
import { TrainingMetricEntity } from './training-metric.entity.js';
import { TrainingNodeEntity } from './training-node.entity.js';
import { TrainingRunEntity } from './training-run.entity.js';
import { TrainingRunRepository } from './training-run.repository.js';
import { TrainingResolver } from './training.resolver.js';
import { TrainingService } from './training.service.js';
import { WorkerSetupService } from './worker-setup.service.js';

/** Seconds from the environment (CLINRANK_HEARTBEAT_TIMEOUT_SECONDS, like the agents), with a default. */
function seconds(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

// BERTScore lives in evaluation/ but is wired here: it queues worker jobs through TrainingService.
@Module({
  imports: [
    DatabaseModule.forFeature([
      TrainingNodeEntity,
      TrainingRunEntity,
      TrainingAttemptEntity,
      TrainingMetricEntity,
      TrainingLogEntity,
      TrainingArtifactEntity,
    ]),
    AuditModule,
    ProjectModule,
    EvaluationModule,
    DatasetModule,
  ],
  providers: [
    TrainingRunRepository,
    TrainingService,
    WorkerSetupService,
    TrainingResolver,
    BertScoreService,
    BertScoreResolver,
  ],
  exports: [TrainingService],
})
export class TrainingModule implements OnApplicationBootstrap {
  constructor(
    @Inject(TrainingService) private readonly training: TrainingService,
    @Optional() @Inject(BACKGROUND_WORK) private readonly backgroundWork?: boolean,
  ) {}

  /** The API also supervises the queue, so runs of dead nodes are re-queued even when no agent is left to do it. */
  onApplicationBootstrap() {
    if (this.backgroundWork === false) return;
    const timeout = seconds('CLINRANK_HEARTBEAT_TIMEOUT_SECONDS', 30);
    this.training.startSupervisor(Math.max(1, Math.floor(timeout / 2)), timeout);
  }
}
