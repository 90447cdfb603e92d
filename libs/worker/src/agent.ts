import { hostname } from 'node:os';
import type { ArtifactStore } from './artifact-store.js';
import type { GpuInfo } from './gpus.js';
import { TrainingQueue } from './queue.js';
import { executeRun, type ActiveRun } from './run-executor.js';
import {
  claimRun,
  heartbeat,
  reapStaleRuns,
  registerNode,
  releaseRun,
  runStatus,
  setNodeStatus,
  type Sql,
} from './run-store.repository.js';

export interface AgentOptions {
  /** A pooled connection to the platform's database (the CLI passes a pg Pool); `closeDb` ends it on shutdown. */
  db: Sql;
  closeDb: () => Promise<void>;
  /** pg-boss gets its own small pool on the same database. */
  databaseUrl: string;
  name: string;
  gpus: GpuInfo[];
  /** Runs executed at the same time. */
  maxJobs: number;
  store: ArtifactStore;
  workDir: string;
  python: string;
  trainerRoot: string;
  heartbeatSeconds: number;
  /**
   * This node's lease: a run it holds is re-queued (or failed after its attempts) once it has not beaten for this
   * long. Recorded on every claim, so every reaper (the API's and other agents') applies this node's deadline.
   */
  heartbeatTimeoutSeconds: number;
  /** Bytes of failed attempts' work directories kept for inspection. */
  keepFailedBytes: number;
  pollSeconds: number;
  /** Exit after this many runs ended on this node (for tests and batch use); unlimited when absent. */
  exitAfter?: number;
  /** On SIGTERM: 'requeue' stops the trainers and gives runs back; 'finish' waits for them. */
  onTerm: 'requeue' | 'finish';
  log: (message: string) => void;
}

/**
 * Reaps runs whose owner missed its recorded heartbeat deadline and repairs lost deliveries; every agent and the API
 * run this, it is safe to overlap. `fallbackSeconds` applies only to runs claimed without a recorded deadline, and
 * is the grace before a queued run's delivery is checked; `actor` signs the audit entries.
 */
export async function superviseQueue(
  db: Sql,
  queue: TrainingQueue,
  fallbackSeconds: number,
  actor: string,
): Promise<{ requeued: number; failed: number; resent: number }> {
  const { requeued, failed } = await reapStaleRuns(db, fallbackSeconds, actor);
  for (const run of requeued) await queue.enqueue(db, run);
  const resent = await queue.resendOrphans(db, fallbackSeconds);
  return { requeued: requeued.length, failed: failed.length, resent: resent.length };
}

/** The node agent: registers, heartbeats, claims runs that fit its free GPUs and executes them. */
export class NodeAgent {
  private readonly pool: Sql;
  private queue: TrainingQueue | null = null;
  private nodeId = '';
  private readonly active = new Map<string, ActiveRun>();
  private stopping = false;
  /** True while stop('requeue') gives runs back: the queue must stay open until it is done. */
  private releasing = false;
  private finished = 0;
  private timers: NodeJS.Timeout[] = [];
  private resolveStopped: () => void = () => undefined;
  readonly stopped = new Promise<void>((resolve) => (this.resolveStopped = resolve));

  constructor(private readonly options: AgentOptions) {
    this.pool = options.db;
  }

  get id(): string {
    return this.nodeId;
  }

  private get heartbeatContract() {
    return { intervalSeconds: this.options.heartbeatSeconds, leaseSeconds: this.options.heartbeatTimeoutSeconds };
  }

  private get actor(): string {
    return `system:worker/${this.options.name}`;
  }

  /** Ends every trainer's process group when the agent exits by any path it can see (a kill -9 is left to the trainers' watchdog). */
  private readonly killTrainersOnExit = () => {
    for (const run of this.active.values()) run.process?.killGroup('SIGKILL');
  };

  async start(): Promise<void> {
    this.queue = await TrainingQueue.open(this.pool, {
      connectionString: this.options.databaseUrl,
      applicationName: `clinrank-worker:${this.options.name}`,
    });
    this.nodeId = await registerNode(this.pool, {
      name: this.options.name,
      hostname: hostname(),
      gpus: this.options.gpus,
      maxJobs: this.options.maxJobs,
      heartbeat: this.heartbeatContract,
    });
    process.on('exit', this.killTrainersOnExit);
    this.options.log(
      `node ${this.options.name} (${this.nodeId}) online with ${this.options.gpus.length ? this.options.gpus.map((gpu) => `GPU ${gpu.index} ${gpu.name}`).join(', ') : 'CPU only'}; heartbeat every ${this.options.heartbeatSeconds} s, lease ${this.options.heartbeatTimeoutSeconds} s`,
    );
    this.timers.push(setInterval(() => void this.beat(), this.options.heartbeatSeconds * 1000));
    this.timers.push(setInterval(() => void this.poll(), this.options.pollSeconds * 1000));
    await this.beat();
    await this.poll();
  }

  private freeGpuIndices(): number[] {
    const used = new Set([...this.active.values()].flatMap((run) => run.gpuIndices));
    return this.options.gpus.map((gpu) => gpu.index).filter((index) => !used.has(index));
  }

  private polling = false;

  private async poll(): Promise<void> {
    if (this.polling || this.stopping || !this.queue) return;
    this.polling = true;
    try {
      while (!this.stopping && this.active.size < this.options.maxJobs && !this.reachedExitCount()) {
        const free = this.freeGpuIndices();
        const delivery = await this.queue.fetchFitting(free.length);
        if (!delivery) break;
        const gpuIndices = free.slice(0, delivery.gpus);
        const claim = await claimRun(
          this.pool,
          delivery.runId,
          { id: this.nodeId, name: this.options.name, heartbeat: this.heartbeatContract },
          gpuIndices,
        );
        await this.queue.ack(delivery.queue, delivery.jobId);
        if (!claim) continue;
        this.options.log(
          `claimed run ${claim.run.id} (${claim.run.kind}, attempt ${claim.attempt}${gpuIndices.length ? `, GPUs ${gpuIndices.join(',')}` : ', CPU'})`,
        );
        const run = executeRun(
          {
            db: this.pool,
            store: this.options.store,
            nodeId: this.nodeId,
            actor: this.actor,
            workDir: this.options.workDir,
            keepFailedBytes: this.options.keepFailedBytes,
            agentPid: process.pid,
            activeDirs: () => new Set([...this.active.values()].map((active) => active.workDir)),
            python: this.options.python,
            trainerRoot: this.options.trainerRoot,
            killGraceMs: 10_000,
            log: this.options.log,
          },
          claim,
          gpuIndices,
        );
        this.active.set(claim.run.id, run);
        void run.done.then(() => this.onRunEnded(run));
      }
    } catch (error) {
      this.options.log(`poll failed: ${(error as Error).message}`);
    } finally {
      this.polling = false;
    }
  }

  private reachedExitCount(): boolean {
    return this.options.exitAfter !== undefined && this.finished + this.active.size >= this.options.exitAfter;
  }

  private onRunEnded(run: ActiveRun) {
    this.active.delete(run.runId);
    if (!run.stopReason || run.stopReason === 'cancelled') this.finished += 1;
    this.options.log(`run ${run.runId} ended${run.stopReason ? ` (${run.stopReason})` : ''}`);
    if (this.options.exitAfter !== undefined && this.finished >= this.options.exitAfter) void this.stop('finish');
    else if (this.stopping && this.active.size === 0 && !this.releasing) void this.shutdown();
    else void this.poll();
  }

  /** The heartbeat in flight, which shutdown waits for: one landing after "offline" would bring the node back online. */
  private beating: Promise<void> | null = null;

  /** Beats unless a beat is still in flight (shutdown clears the timers first, so none starts after it). */
  private beat(): Promise<void> {
    this.beating ??= this.beatOnce().finally(() => (this.beating = null));
    return this.beating;
  }

  private async beatOnce(): Promise<void> {
    if (!this.queue || !this.nodeId) return;
    try {
      const held = [...this.active.values()].map((run) => ({ runId: run.runId, attempt: run.attempt }));
      for (const runId of await heartbeat(this.pool, this.nodeId, held)) {
        const run = this.active.get(runId);
        if (!run || run.stopReason) continue;
        const status = await runStatus(this.pool, runId);
        run.stopReason = status === 'cancelled' ? 'cancelled' : 'lost';
        this.options.log(`run ${runId} is ${status ?? 'gone'} in the database: stopping its process group`);
        void run.process?.stop(10_000);
      }
      const reaped = await superviseQueue(this.pool, this.queue, this.options.heartbeatTimeoutSeconds, this.actor);
      if (reaped.requeued + reaped.failed + reaped.resent > 0)
        this.options.log(`supervisor: ${JSON.stringify(reaped)}`);
    } catch (error) {
      this.options.log(`heartbeat failed: ${(error as Error).message}`);
    }
  }

  /** Stops claiming; then either gives running runs back to the queue or lets them finish. */
  async stop(mode: 'requeue' | 'finish' = this.options.onTerm): Promise<void> {
    if (this.stopping) {
      if (mode === 'finish') return;
    }
    this.stopping = true;
    if (this.nodeId) await setNodeStatus(this.pool, this.nodeId, 'draining').catch(() => undefined);
    if (mode === 'requeue') {
      this.releasing = true;
      await Promise.all(
        [...this.active.values()].map(async (run) => {
          run.stopReason = 'shutdown';
          try {
            await run.process?.stop(10_000);
            await run.done;
            const released = await releaseRun(
              this.pool,
              { runId: run.runId, attempt: run.attempt, nodeId: this.nodeId },
              this.actor,
            );
            if (released && this.queue) await this.queue.enqueue(this.pool, released);
            this.options.log(
              released
                ? `run ${run.runId} given back to the queue (attempt ${run.attempt} released)`
                : `run ${run.runId} was no longer this node's to give back`,
            );
          } catch (error) {
            // The run stays claimed by this node; the reapers re-queue it once the heartbeats stop.
            this.options.log(`could not give run ${run.runId} back: ${(error as Error).message}`);
          }
        }),
      );
      this.releasing = false;
    }
    if (this.active.size === 0) await this.shutdown();
  }

  private shuttingDown = false;

  private async shutdown(): Promise<void> {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    for (const timer of this.timers) clearInterval(timer);
    await this.beating;
    if (this.nodeId) await setNodeStatus(this.pool, this.nodeId, 'offline').catch(() => undefined);
    await this.queue?.close().catch(() => undefined);
    await this.options.closeDb().catch(() => undefined);
    process.off('exit', this.killTrainersOnExit);
    this.options.log(`node ${this.options.name} offline after ${this.finished} runs`);
    this.resolveStopped();
  }
}
