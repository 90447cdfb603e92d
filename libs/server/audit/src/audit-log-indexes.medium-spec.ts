import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registeredSql } from '@clinrank/server-core';
import { ALL_MIGRATIONS } from '../../../../migrations/index.js';
import { startMediumContext, type MediumContext } from '../../../../test-support/medium-services.js';
import { explainAnalyzed, planBuffers, planNodes, type PlanNode } from '../../../../test-support/query-plan.js';
import { AuditRepository, type AuditFilter } from './audit.repository.js';

const ROWS = 200_000;
const PROJECTS = [randomUUID(), randomUUID(), randomUUID()];
/** The seeded rows are one second apart, the last one a day ago: row n was written at about `secondsAgo(n)`. */
const secondsAgo = (row: number) => new Date(Date.now() - (86_400 + ROWS - row) * 1000);

/**
 * Every label appends an audit row, so the audit log's indexes are writes on the hot path (migration
 * AuditLogIndexesFitTheirReads keeps fewer and cheaper ones). These specs hold the other side: the audit page's reads
 * stay short with them.
 */
describe("the audit log's indexes (real PostgreSQL)", () => {
  let context: MediumContext;
  let audit: AuditRepository;
  beforeAll(async () => {
    context = await startMediumContext();
    audit = new AuditRepository(context.dataSource);
    // Rows in time order, as the application writes them.
    await context.dataSource.query(
      `INSERT INTO audit_log (at, actor, action, entity_type, entity_id, project_id, after)
       SELECT now() - make_interval(secs => 86400 + $1 - g), 'user:seed', 'label.create', 'label', gen_random_uuid()::text,
              ($2::uuid[])[1 + g % 3], jsonb_build_object('n', g)
         FROM generate_series(1, $1) g`,
      [ROWS, PROJECTS],
    );
    await context.dataSource.query(`VACUUM (ANALYZE) audit_log`);
  }, 120_000);
  afterAll(async () => {
    await context?.close();
  });

  async function planOf(filter: AuditFilter): Promise<PlanNode> {
    const [sql, parameters] = audit.pageQuery(filter).getQueryAndParameters();
    return explainAnalyzed(context.dataSource, sql, parameters);
  }

  it('answers an old time range from its index, not by walking the newer entries', async () => {
    const filter = { from: secondsAgo(20_000), to: secondsAgo(20_500), limit: 50, offset: 0 };
    const plan = await planOf(filter);
    expect(planNodes(plan).some((node) => node['Index Name'] === 'audit_log_at')).toBe(true);
    expect(planBuffers(plan)).toBeLessThan(100);

    const { entries, total } = await audit.page(filter);
    expect(total).toBe(500);
    expect(entries).toHaveLength(50);
    for (const entry of entries) {
      expect(entry.at.getTime()).toBeGreaterThanOrEqual(filter.from.getTime());
      expect(entry.at.getTime()).toBeLessThan(filter.to.getTime());
    }
  });

  it("lists the log's object types from its index, reading a few buffers per type", async () => {
    const rare = ['audit_log', 'dataset_snapshot', 'project', 'training_run', 'user'];
    await context.dataSource.query(
      `INSERT INTO audit_log (actor, action, entity_type, entity_id) SELECT 'user:seed', t || '.test', t, t FROM unnest($1::text[]) t`,
      [rare],
    );
    const [{ types: plain }] = await context.dataSource.query(
      `SELECT array_agg(DISTINCT entity_type ORDER BY entity_type) AS types FROM audit_log`,
    );
    expect(plain).toEqual([...rare.slice(0, 2), 'label', ...rare.slice(2)]);
    expect(await audit.distinctEntityTypes()).toEqual(plain);

    const statement = registeredSql().find((sql) => sql.name === 'audit.distinct-entity-types')!;
    const plan = await explainAnalyzed(context.dataSource, statement.text, []);
    expect(planNodes(plan).some((node) => node['Index Name'] === 'audit_log_entity')).toBe(true);
    // A plain DISTINCT read every row: about 4,000 buffers for these 200,000.
    expect(planBuffers(plan)).toBeLessThan(10 * plain.length);
  });

  it('keeps no index on the actor, and its down step restores the two it changed', async () => {
    const indexes = async () =>
      Object.fromEntries(
        (
          await context.dataSource.query(
            `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'audit_log' ORDER BY indexname`,
          )
        ).map((row: { indexname: string; indexdef: string }) => [row.indexname, row.indexdef]),
      );
    const fitted = await indexes();
    expect(Object.keys(fitted)).toEqual(['audit_log_at', 'audit_log_entity', 'audit_log_pkey', 'audit_log_project']);
    expect(fitted.audit_log_project).toContain('(project_id, at DESC)');
    expect(fitted.audit_log_at).toContain('USING btree (at)');

    const Migration = ALL_MIGRATIONS.find(
      (candidate) => candidate.name === 'AuditLogIndexesFitTheirReads1763900130000',
    )!;
    const runner = context.dataSource.createQueryRunner();
    try {
      await new Migration().down(runner);
      const restored = await indexes();
      expect(Object.keys(restored)).toEqual([
        'audit_log_actor',
        'audit_log_at',
        'audit_log_entity',
        'audit_log_pkey',
        'audit_log_project',
      ]);
      expect(restored.audit_log_at).toContain('USING btree (at DESC)');
      await new Migration().up(runner);
    } finally {
      await runner.release();
    }
    expect(await indexes()).toEqual(fitted);
  });
});
