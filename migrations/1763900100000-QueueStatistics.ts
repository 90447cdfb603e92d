import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The next-task statement reads the queue index in order and stops at the first free item, but only when the planner
 * knows how many items a project has. Right after a large import, before autovacuum's next round, `items` has no
 * statistics: the planner expects one eligible item, sorts every item of the project instead, and each label waited
 * 300 ms or more for that sort (bench/labelling-throughput.mjs on an idle machine). Imports now refresh the statistics
 * through this function. It runs with its owner's rights because the API's role does not own the tables (only an owner
 * may ANALYZE on PostgreSQL 15), and it can do nothing else.
 */
export class QueueStatistics1763900100000 implements MigrationInterface {
  name = 'QueueStatistics1763900100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION clinrank_refresh_queue_statistics() RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
        AS $$ BEGIN ANALYZE items; ANALYZE responses; END $$`);
    await db.query(`REVOKE EXECUTE ON FUNCTION clinrank_refresh_queue_statistics() FROM PUBLIC`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION IF EXISTS clinrank_refresh_queue_statistics()`);
  }
}
