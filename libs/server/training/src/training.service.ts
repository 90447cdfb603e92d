import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DomainError, ErrorCode } from '@clinrank/domain';
import { assertTrainable, splitRecords, type SplitRecords } from '@clinrank/preference-export';
import {
  confineModelPaths,
  presentRunConfig,
  superviseQueue,
  TERMINAL_STATUSES,
  TrainingQueue,
  validateJobSpec,
  type JobKind,
  type JobSpec,
  type RunStatus,
} from '@clinrank/worker';
import { DataSource, type EntityManager } from 'typeorm';
import { actorUserId, type Actor, APP_CONFIG, type AppConfig } from '@clinrank/server-core';
import { AuditService } from '@clinrank/server-audit';
import { DatasetSnapshotRepository } from '@clinrank/server-dataset';
import { TrainingRunRepository, type TrainingRunRow } from './training-run.repository.js';

export interface StartRunInput {
  options?: Record<string, unknown> | null;
  gpus?: number | null;
  maxAttempts?: number | null;
}

export interface TrainingRun {
  id: string;
  kind: JobKind;
  status: RunStatus;
  projectId: string | null;
  snapshotId: string | null;
  parentRunId: string | null;
  config: unknown;
  gpus: number;
  attempts: number;
  maxAttempts: number;
  nodeName: string | null;
  assignedGpus: number[] | null;
  heartbeatSeconds: number | null;
  leaseSeconds: number | null;
  heartbeatDeadline: Date | null;
  exitCode: number | null;
  error: string | null;
  summary: unknown;
  createdAt: Date;
  claimedAt: Date | null;
  startedAt: Date | null;
  heartbeatAt: Date | null;
  finishedAt: Date | null;
}

export interface TrainableSnapshot extends SplitRecords {
  id: string;
  name: string | null;
  projectId: string | null;
  projectName: string | null;
  projectSlug: string | null;
  createdAt: Date;
}

export interface MetricSeries {
  name: string;
  attempt: number;
  steps: number[];
  values: (number | null)[];
}

/** One attempt of a run: where it ran, under which heartbeat contract, and how it ended (null while it runs). */
export interface TrainingAttempt {
  attempt: number;
  nodeName: string;
  assignedGpus: number[] | null;
  heartbeatSeconds: number | null;
  leaseSeconds: number | null;
  claimedAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  lastHeartbeat: Date | null;
  outcome: 'succeeded' | 'failed' | 'lost' | 'cancelled' | 'released' | null;
  error: string | null;
}

export interface RunArtifact {
  /** The attempt that produced it and finished the run (null for runs from before attempts were recorded). */
  attempt: number | null;
  name: string;
  kind: string;
  uri: string;
  bytes: number;
  sha256: string;
  createdAt: Date;
}

export interface TrainingNode {
  id: string;
  name: string;
  hostname: string;
  status: string;
  gpus: { index: number; name: string; memoryMiB: number | null }[];
  maxJobs: number;
  heartbeatSeconds: number | null;
  leaseSeconds: number | null;
  lastHeartbeat: Date;
  startedAt: Date;
  currentRunIds: string[];
}

const MAX_LOG_TAIL = 1000;

/** A run as people see it: its config names models relative to MODEL_ROOTS and server files by name, never by path. */
function toRun(row: TrainingRunRow, modelRoots: string[]): TrainingRun {
  return {
    id: row.id,
    kind: row.kind as JobKind,
    status: row.status as RunStatus,
    projectId: row.project_id,
    snapshotId: row.snapshot_id,
    parentRunId: row.parent_run_id,
    config: presentRunConfig(row.kind, row.config, modelRoots),
    gpus: row.gpus,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    nodeName: row.node_name,
    assignedGpus: row.assigned_gpus,
    heartbeatSeconds: row.heartbeat_seconds,
    leaseSeconds: row.lease_seconds,
    heartbeatDeadline: row.heartbeat_deadline,
    exitCode: row.exit_code,
    error: row.error,
    summary: row.summary,
    createdAt: row.created_at,
    claimedAt: row.claimed_at,
    startedAt: row.started_at,
    heartbeatAt: row.heartbeat_at,
    finishedAt: row.finished_at,
  };
}

/** Training runs on the GPU nodes: submission from snapshots, cancellation, and what the UI watches. */
@Injectable()
export class TrainingService implements OnModuleDestroy {
  private queue: Promise<TrainingQueue> | null = null;
  private supervisor: NodeJS.Timeout | null = null;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TrainingRunRepository) private readonly runsRepository: TrainingRunRepository,
    @Inject(DatasetSnapshotRepository) private readonly snapshots: DatasetSnapshotRepository,
  ) {}

  private sql() {
    return this.runsRepository.workerDb();
  }

  private openQueue(): Promise<TrainingQueue> {
    if (!this.queue) {
      this.queue = TrainingQueue.open(this.sql()).catch((error) => {
        this.queue = null;
        throw error;
      });
    }
    return this.queue;
  }

  /** Also reaps runs of dead nodes from the API side, so a cluster whose agents all died still re-queues them. */
  startSupervisor(intervalSeconds: number, timeoutSeconds: number): void {
    if (this.supervisor) return;
    this.supervisor = setInterval(
      () => void this.supervise(timeoutSeconds).catch(() => undefined),
      intervalSeconds * 1000,
    );
    this.supervisor.unref();
  }

  /**
   * Re-queues runs whose owner missed its recorded heartbeat deadline and re-sends lost deliveries; starts pg-boss
   * only once there is a live run. `timeoutSeconds` applies only to runs claimed without a recorded deadline.
   */
  async supervise(timeoutSeconds: number): Promise<{ requeued: number; failed: number; resent: number }> {
    if (!this.queue) {
      if (!(await this.runsRepository.anyLiveRun())) return { requeued: 0, failed: 0, resent: 0 };
    }
    return superviseQueue(this.sql(), await this.openQueue(), timeoutSeconds, 'system:supervisor');
  }

  async onModuleDestroy(): Promise<void> {
    if (this.supervisor) clearInterval(this.supervisor);
    const queue = this.queue;
    this.queue = null;
    if (queue) await (await queue.catch(() => null))?.close().catch(() => undefined);
  }

  private async submit(
    manager: EntityManager,
    kind: JobKind,
    input: StartRunInput,
    links: { projectId: string | null; snapshotId: string | null; parentRunId: string | null },
    actor: Actor,
  ): Promise<TrainingRun> {
    const validated = validateJobSpec({ kind, gpus: input.gpus ?? 0, nodes: 1, options: input.options ?? {} });
    const spec = {
      ...validated,
      options: confineModelPaths(kind, validated.options as Record<string, unknown>, this.config.modelRoots),
    } as JobSpec;
    const maxAttempts = input.maxAttempts ?? 3;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 10)
      throw new DomainError(ErrorCode.BadUserInput, `maxAttempts must be 1 to 10, got ${maxAttempts}`, 'maxAttempts');
    const row = await this.runsRepository.insert(manager, {
      kind,
      ...links,
      config: spec,
      gpus: spec.gpus,
      maxAttempts,
      createdBy: actorUserId(actor),
    });
    await this.audit.record(
      {
        actor,
        action: `training.start_${kind}`,
        entityType: 'training_run',
        entityId: row.id,
        projectId: links.projectId,
        before: null,
        after: { kind, config: spec, snapshotId: links.snapshotId, parentRunId: links.parentRunId },
      },
      manager,
    );
    return toRun(row, this.config.modelRoots);
  }

  /** Queues a run after its row is committed (a lost delivery is re-sent by the supervisor, never lost). */
  private async dispatch(run: TrainingRun): Promise<TrainingRun> {
    await (await this.openQueue()).enqueue(this.sql(), run);
    return this.run(run.id);
  }

  /** Queues a reward-model run on a ready dataset snapshot. */
  async startRewardModelRun(snapshotId: string, input: StartRunInput, actor: Actor): Promise<TrainingRun> {
    const snapshot = await this.snapshots.findById(snapshotId);
    if (!snapshot) throw new DomainError(ErrorCode.NotFound, `No dataset snapshot ${snapshotId}`, 'snapshotId');
    if (snapshot.status !== 'ready')
      throw new DomainError(
        ErrorCode.BadUserInput,
        `dataset snapshot ${snapshotId} is ${snapshot.status}, not ready`,
        'snapshotId',
      );
    assertTrainable(snapshotId, snapshot.manifest);
    const run = await this.dataSource.transaction((manager) =>
      this.submit(
        manager,
        'reward_model',
        input,
        { projectId: snapshot.projectId, snapshotId, parentRunId: null },
        actor,
      ),
    );
    return this.dispatch(run);
  }

  /** Ready snapshots, newest first, with their project and split sizes: what the training form offers by name. */
  async trainableSnapshots(limit = 200): Promise<TrainableSnapshot[]> {
    const rows = await this.snapshots.listReady(limit);
    return rows.map(({ manifest, ...row }) => ({ ...row, ...splitRecords(manifest) }));
  }

  /** Queues a BERTScore run of a project's answers; `options.input` is the JSON-lines file the caller wrote on the shared volume. */
  async startBertScoreRun(projectId: string, input: StartRunInput, actor: Actor): Promise<TrainingRun> {
    const run = await this.dataSource.transaction((manager) =>
      this.submit(manager, 'bertscore', input, { projectId, snapshotId: null, parentRunId: null }, actor),
    );
    return this.dispatch(run);
  }

  private async succeededRewardModel(runId: string, field: string): Promise<TrainingRun> {
    const parent = await this.findRun(runId, field);
    if (parent.kind !== 'reward_model')
      throw new DomainError(ErrorCode.BadUserInput, `run ${runId} is a ${parent.kind} run, not a reward model`, field);
    if (parent.status !== 'succeeded')
      throw new DomainError(
        ErrorCode.BadUserInput,
        `reward-model run ${runId} is ${parent.status}; PPO needs a succeeded one`,
        field,
      );
    return parent;
  }

  /** Queues PPO against a succeeded reward-model run, on the same snapshot's prompts. */
  async startPpoRun(rewardModelRunId: string, input: StartRunInput, actor: Actor): Promise<TrainingRun> {
    const parent = await this.succeededRewardModel(rewardModelRunId, 'rewardModelRunId');
    const run = await this.dataSource.transaction((manager) =>
      this.submit(
        manager,
        'ppo',
        input,
        { projectId: parent.projectId, snapshotId: parent.snapshotId!, parentRunId: parent.id },
        actor,
      ),
    );
    return this.dispatch(run);
  }

  /** Queues an evaluation of a succeeded reward model on its snapshot's test split. */
  async startEvaluationRun(rewardModelRunId: string, input: StartRunInput, actor: Actor): Promise<TrainingRun> {
    const parent = await this.succeededRewardModel(rewardModelRunId, 'rewardModelRunId');
    const run = await this.dataSource.transaction((manager) =>
      this.submit(
        manager,
        'evaluate_reward_model',
        input,
        { projectId: parent.projectId, snapshotId: parent.snapshotId!, parentRunId: parent.id },
        actor,
      ),
    );
    return this.dispatch(run);
  }

  /** Cancels a run: a queued one never starts; a running one's node sees it on its next heartbeat and kills the process group. */
  async cancelRun(runId: string, actor: Actor): Promise<TrainingRun> {
    const { before, after } = await this.dataSource.transaction(async (manager) => {
      const row = await this.runsRepository.lock(manager, runId);
      if (!row) throw new DomainError(ErrorCode.NotFound, `No training run ${runId}`, 'runId');
      if ((TERMINAL_STATUSES as string[]).includes(row.status))
        throw new DomainError(ErrorCode.BadUserInput, `run ${runId} is already ${row.status}`, 'runId');
      const updated = await this.runsRepository.cancel(manager, row, actorUserId(actor) ?? 'system');
      await this.audit.record(
        {
          actor,
          action: 'training.cancel',
          entityType: 'training_run',
          entityId: runId,
          projectId: row.project_id,
          before: { status: row.status },
          after: { status: 'cancelled' },
        },
        manager,
      );
      return { before: row, after: updated };
    });
    if (before.status === 'queued') await (await this.openQueue()).withdraw(before.queue_name, before.queue_job_id);
    return toRun(after, this.config.modelRoots);
  }

  private async findRun(runId: string, field = 'id'): Promise<TrainingRun> {
    const row = await this.runsRepository.findById(runId);
    if (!row) throw new DomainError(ErrorCode.NotFound, `No training run ${runId}`, field);
    return toRun(row, this.config.modelRoots);
  }

  async run(runId: string): Promise<TrainingRun> {
    return this.findRun(runId);
  }

  async runs(filter: {
    status?: string | null;
    kind?: string | null;
    projectId?: string | null;
    limit: number;
    offset: number;
  }): Promise<TrainingRun[]> {
    const rows = await this.runsRepository.list({
      status: filter.status ?? null,
      kind: filter.kind ?? null,
      projectId: filter.projectId ?? null,
      limit: filter.limit,
      offset: filter.offset,
    });
    return rows.map((row) => toRun(row, this.config.modelRoots));
  }

  /**
   * Metric time series per attempt, one per metric name and attempt, in step order: the current attempt (the latest
   * that reported any) and, with `earlier`, the attempts before it.
   */
  async metricSeries(
    runId: string,
    names: string[] | null,
    earlier = false,
  ): Promise<{ current: MetricSeries[]; earlier: MetricSeries[] }> {
    const rows = await this.runsRepository.metricSeries(runId, names, earlier);
    const series = rows.map((row) => ({
      name: row.name,
      attempt: row.attempt,
      steps: row.steps.map(Number),
      values: row.values.map((value) => (value === null ? null : Number(value))),
    }));
    const current = Math.max(0, ...series.map((entry) => entry.attempt));
    return {
      current: series.filter((entry) => entry.attempt === current),
      earlier: series.filter((entry) => entry.attempt < current),
    };
  }

  /** Every attempt of a run, oldest first. */
  async attempts(runId: string): Promise<TrainingAttempt[]> {
    await this.findRun(runId, 'runId');
    const rows = await this.runsRepository.attempts(runId);
    return rows.map((row) => ({
      attempt: row.attempt,
      nodeName: row.node_name,
      assignedGpus: row.assigned_gpus,
      heartbeatSeconds: row.heartbeat_seconds,
      leaseSeconds: row.lease_seconds,
      claimedAt: row.claimed_at,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      lastHeartbeat: row.last_heartbeat,
      outcome: row.outcome,
      error: row.error,
    }));
  }

  /** The last `lines` log lines of a run (all attempts, oldest first). */
  async logTail(
    runId: string,
    lines: number,
  ): Promise<{ seq: number; attempt: number; stream: string; line: string; at: Date }[]> {
    const limit = Math.min(Math.max(lines, 1), MAX_LOG_TAIL);
    const rows = await this.runsRepository.logTail(runId, limit);
    return rows.map((row) => ({
      seq: Number(row.seq),
      attempt: row.attempt,
      stream: row.stream,
      line: row.line,
      at: row.at,
    }));
  }

  async runArtifacts(runId: string): Promise<RunArtifact[]> {
    await this.findRun(runId, 'runId');
    const rows = await this.runsRepository.artifacts(runId);
    return rows.map((row) => ({
      attempt: row.attempt,
      name: row.name,
      kind: row.kind,
      uri: row.uri,
      bytes: Number(row.bytes),
      sha256: row.sha256,
      createdAt: row.created_at,
    }));
  }

  async nodes(): Promise<TrainingNode[]> {
    const rows = await this.runsRepository.nodes();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      hostname: row.hostname,
      status: row.status,
      gpus: row.gpus,
      maxJobs: row.max_jobs,
      heartbeatSeconds: row.heartbeat_seconds,
      leaseSeconds: row.lease_seconds,
      lastHeartbeat: row.last_heartbeat,
      startedAt: row.started_at,
      currentRunIds: row.current_run_ids,
    }));
  }
}
