import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * pg-boss 12. pg-boss 10 kept its jobs in schema `pgboss` (its schema version 24), and pg-boss 12 migrates a schema only
 * from version 25 on, so pg-boss 12 starts afresh in `pgboss_v12` (QUEUE_SCHEMA, libs/worker/src/queue.ts). Nothing is
 * lost with the old schema: training_runs is the record of what waits, a job only says "run R is waiting".
 *
 * Up clears the job id of every queued run whose delivery was recorded (the job is in the schema going away) and drops
 * `pgboss`; the first TrainingQueue.open (an agent's start, the API's supervisor or its next dispatch, a CLI command
 * that queues) re-sends those runs into the new schema (`redeliverLost`). Down does the same the other way: it clears
 * the job ids recorded in `pgboss_v12` and drops it; pg-boss 10 recreates `pgboss` when it starts, and its sweeper
 * (`resendOrphans`) re-sends a queued run whose job it cannot find.
 */
export class PgBoss12Queue1763900030000 implements MigrationInterface {
  name = 'PgBoss12Queue1763900030000';

  async up(db: QueryRunner): Promise<void> {
    await forgetDeliveries(db);
    await db.query(`DROP SCHEMA IF EXISTS pgboss CASCADE`);
  }

  async down(db: QueryRunner): Promise<void> {
    await forgetDeliveries(db);
    await db.query(`DROP SCHEMA IF EXISTS pgboss_v12 CASCADE`);
  }
}

/** The queue name stays: a queued run with a queue name and no job id is one whose delivery must be sent again. */
async function forgetDeliveries(db: QueryRunner): Promise<void> {
  await db.query(`UPDATE training_runs SET queue_job_id = NULL WHERE status = 'queued' AND queue_job_id IS NOT NULL`);
}
