import { Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { TrainingResolver } from './training.resolver.js';
import { TrainingService } from './training.service.js';

/** Seconds from the environment (CLINRANK_HEARTBEAT_TIMEOUT_SECONDS, like the agents), with a default. */
function seconds(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

@Module({ imports: [AuditModule], providers: [TrainingService, TrainingResolver], exports: [TrainingService] })
export class TrainingModule implements OnApplicationBootstrap {
  constructor(@Inject(TrainingService) private readonly training: TrainingService) {}

  /** The API also supervises the queue, so runs of dead nodes are re-queued even when no agent is left to do it. */
  onApplicationBootstrap() {
    const timeout = seconds('CLINRANK_HEARTBEAT_TIMEOUT_SECONDS', 30);
    this.training.startSupervisor(Math.max(1, Math.floor(timeout / 2)), timeout);
  }
}
