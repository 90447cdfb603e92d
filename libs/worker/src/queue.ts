import type { ConstructorOptions, PgBoss } from 'pg-boss';
import {
  lostDeliveries,
  pgBossDb,
  recordDelivery,
  restartQueueWait,
  waitingRuns,
  type RunRow,
  type Sql,
} from './run-store.repository.js';

/**
 * pg-boss 12's schema. pg-boss 10 kept its jobs in `pgboss` (schema version 24), which pg-boss 12 cannot migrate (its
 * oldest migration starts from version 25); migration 1763900030000-PgBoss12Queue drops that schema and clears the
 * deliveries recorded in it, and `TrainingQueue.open` re-sends them here from training_runs.
 */
export const QUEUE_SCHEMA = 'pgboss_v12';

/** pg-boss queue for jobs needing `gpus` GPUs per machine: an agent with F free GPUs fetches from queues 0..F. */
export function queueName(gpus: number): string {
  return `clinrank-training-g${gpus}`;
}

const LIVE_STATES = new Set(['created', 'retry', 'active']);
const PREPARED_QUEUES = 9;

/**
 * Delivery of training runs through pg-boss. training_runs stays the source of truth for the lifecycle; a pg-boss
 * job only says "run R is waiting". Lost deliveries are repaired by `resendOrphans`, so no run is ever stranded.
 */
export class TrainingQueue {
  private readonly created = new Set<string>();

  private constructor(private readonly boss: PgBoss) {}

  /**
   * Starts pg-boss (creating its schema when missing) without its own timers, instance registry or telemetry: our
   * reaper does the supervision. pg-boss runs its SQL through `db`, or through a small pool of its own on
   * `connectionString`. Then re-sends the deliveries a schema change lost (`redeliverLost`).
   */
  static async open(
    db: Sql,
    connection: { connectionString?: string; applicationName?: string } = {},
  ): Promise<TrainingQueue> {
    const base: ConstructorOptions = {
      schema: QUEUE_SCHEMA,
      supervise: false,
      schedule: false,
      migrate: true,
      registerInstance: false,
      openTelemetry: { enabled: false },
    };
    const options: ConstructorOptions = connection.connectionString
      ? {
          ...base,
          connectionString: connection.connectionString,
          max: 2,
          application_name: connection.applicationName ?? 'clinrank-training',
        }
      : { ...base, db: pgBossDb(db) };
    // Loaded here, not at the top: pg-boss 12 takes about 0.5 s to import (its cron, recurrence-rule and telemetry
    // dependencies), which every CLI command would pay, though few open the queue.
    const { PgBoss } = await import('pg-boss');
    const boss = new PgBoss(options);
    boss.on('error', (error) => process.stderr.write(`pg-boss: ${error.message}\n`));
    await boss.start();
    const queue = new TrainingQueue(boss);
    try {
      for (let gpus = 0; gpus < PREPARED_QUEUES; gpus += 1) await queue.ensureQueue(queueName(gpus));
      await queue.redeliverLost(db);
    } catch (error) {
      await queue.close().catch(() => undefined);
      throw error;
    }
    return queue;
  }

  /**
   * Sends a new delivery for every queued run whose recorded delivery is gone with the schema that held it (the
   * upgrade from pg-boss 10 cleared those job ids). A run being queued right now has no recorded delivery yet, so it
   * is not sent twice; a duplicate would be harmless anyway (claiming needs status = 'queued').
   */
  async redeliverLost(db: Sql): Promise<RunRow[]> {
    const lost = await lostDeliveries(db);
    for (const run of lost) await this.enqueue(db, run);
    return lost;
  }

  private async ensureQueue(name: string): Promise<void> {
    if (this.created.has(name)) return;
    if (!(await this.boss.getQueue(name)))
      await this.boss.createQueue(name).catch(async (error) => {
        if (!(await this.boss.getQueue(name))) throw error;
      });
    this.created.add(name);
  }

  /** Sends the delivery job for a queued run and records it on the run. */
  async enqueue(db: Sql, run: { id: string; gpus: number }): Promise<string> {
    const name = queueName(run.gpus);
    await this.ensureQueue(name);
    const jobId = await this.boss.send(
      name,
      { runId: run.id },
      { retryLimit: 0, expireInSeconds: 23 * 3600, retentionSeconds: 7 * 24 * 3600 },
    );
    if (!jobId) throw new Error(`pg-boss did not accept the job for run ${run.id}`);
    await recordDelivery(db, run.id, name, jobId);
    return jobId;
  }

  /** Takes the next delivery that fits `freeGpus` (the largest jobs first, so big jobs are not starved). */
  async fetchFitting(freeGpus: number): Promise<{ queue: string; jobId: string; runId: string; gpus: number } | null> {
    for (let gpus = freeGpus; gpus >= 0; gpus -= 1) {
      const name = queueName(gpus);
      await this.ensureQueue(name);
      const [job] = await this.boss.fetch<{ runId: string }>(name, { batchSize: 1 });
      if (job) return { queue: name, jobId: job.id, runId: job.data.runId, gpus };
    }
    return null;
  }

  /** Acknowledges a delivery (the run is claimed, or no longer wants running). */
  async ack(queue: string, jobId: string): Promise<void> {
    await this.boss.complete(queue, jobId);
  }

  /** Withdraws a run's pending delivery (on cancel). */
  async withdraw(queue: string | null, jobId: string | null): Promise<void> {
    if (queue && jobId) await this.boss.cancel(queue, jobId).catch(() => undefined);
  }

  /** Whether a delivery is still waiting or being handed out. */
  async isWaiting(queue: string | null, jobId: string | null): Promise<boolean> {
    if (!queue || !jobId) return false;
    const [job] = await this.boss.findJobs(queue, { id: jobId });
    return !!job && LIVE_STATES.has(job.state) && job.state !== 'active';
  }

  /**
   * Re-sends deliveries for runs queued longer than `graceSeconds` whose job is gone, finished, or was fetched by
   * an agent that died before claiming. A duplicate delivery is harmless: claiming needs status = 'queued'.
   */
  async resendOrphans(db: Sql, graceSeconds: number): Promise<RunRow[]> {
    const resent: RunRow[] = [];
    for (const run of await waitingRuns(db, graceSeconds)) {
      if (await this.isWaiting(run.queue_name, run.queue_job_id)) continue;
      await this.enqueue(db, run);
      await restartQueueWait(db, run.id);
      resent.push(run);
    }
    return resent;
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: false });
  }
}
