#!/usr/bin/env node
/**
 * Agreement analytics of a project with 1,000,000 labels, cold and warm.
 * Generates (once, with SQL) a pairwise project in a scratch database: 200,000 items × 5 distinct annotators out of 50,
 * each label judging accuracy, helpfulness, safety and overall (4,000,000 judgements), display order random, dates over
 * 12 weeks, a 1% gold set. Then times AgreementService.summary and annotatorQuality: cold (nothing cached), warm
 * (in-process memory), warm from the agreement_cache table (a fresh service, as after a restart or in the CLI), and
 * after one new label arrives (the stamp changes, so it recomputes).
 *
 *   node scripts/build.mjs --server-only && node --max-old-space-size=6144 bench/agreement-project.mjs [--labels N] [--regenerate]
 *
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server; the bench uses its own database
 * `clinrank_bench_agreement` there (or BENCH_DATABASE); `--generate-only` stops once the project exists.
 */
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const LABELS = Number(args[args.indexOf('--labels') + 1] || 0) || 1_000_000;
const PER_ITEM = 5;
const ITEMS = Math.ceil(LABELS / PER_ITEM);
const regenerate = args.includes('--regenerate');
const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const benchDb = process.env.BENCH_DATABASE || 'clinrank_bench_agreement';
const benchUrl = Object.assign(new URL(serverUrl), { pathname: `/${benchDb}` }).href;
const slug = `bench-${LABELS}`;

const load = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
const { createDataSource, connectAndMigrate } = await load('libs/server/app/src/database/data-source.js');
const { AgreementService } = await load('libs/server/agreement/src/agreement.service.js');
const { projectStamp } = await load('libs/server/agreement/src/agreement-labels.js');

async function ensureDatabase() {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [benchDb]);
  if (!rowCount) await admin.query(`CREATE DATABASE ${benchDb}`);
  await admin.end();
}

/** Builds the synthetic project with SQL; annotators agree with a per-item truth 70% of the time. */
async function generate(ds) {
  const [existing] = await ds.query(`SELECT id FROM projects WHERE slug = $1`, [slug]);
  if (existing && !regenerate) return existing.id;
  if (existing) await ds.query(`DELETE FROM projects WHERE id = $1`, [existing.id]);
  const started = performance.now();
  await ds.query(
    `INSERT INTO users (username, display_name, role) SELECT 'bench-annotator-' || g, 'Annotator ' || g, 'annotator' FROM generate_series(1, 50) g ON CONFLICT DO NOTHING`,
  );
  const [{ id }] = await ds.query(
    `INSERT INTO projects (slug, name, kind, criteria, languages) VALUES ($1, 'Agreement bench', 'pairwise', ARRAY['accuracy','helpfulness','safety'], ARRAY['en','zh']) RETURNING id`,
    [slug],
  );
  await ds.query(
    `INSERT INTO guideline_versions (project_id, version, markdown, created_by) VALUES ($1, 1, '# Bench', 'bench')`,
    [id],
  );
  await ds.query(
    `INSERT INTO items (project_id, external_id, language, specialty, prompt, content_hash, is_gold)
     SELECT $1, 'i' || g, CASE WHEN g % 4 = 0 THEN 'zh' ELSE 'en' END, (ARRAY['cardiology','oncology','general'])[1 + g % 3], 'Question ' || g, md5(g::text), g % 100 = 0
       FROM generate_series(1, $2) g`,
    [id, ITEMS],
  );
  await ds.query(
    `INSERT INTO responses (item_id, external_id, position, text) SELECT i.id, r.ext, r.pos, 'answer' FROM items i CROSS JOIN (VALUES ('r1', 0), ('r2', 1)) r(ext, pos) WHERE i.project_id = $1`,
    [id],
  );
  await ds.query(
    `CREATE TEMP TABLE bench_pairs AS
    SELECT i.id AS item_id, substr(i.external_id, 2)::int AS n, min(r.id::text) FILTER (WHERE r.position = 0)::uuid AS r1, min(r.id::text) FILTER (WHERE r.position = 1)::uuid AS r2,
           CASE WHEN random() < 0.5 THEN 'a' ELSE 'b' END AS truth
      FROM items i JOIN responses r ON r.item_id = i.id WHERE i.project_id = $1 GROUP BY i.id`,
    [id],
  );
  await ds.query(
    `UPDATE items i SET gold = jsonb_build_object('criterion', 'overall', 'preferred', CASE WHEN p.truth = 'a' THEN p.r1 ELSE p.r2 END) FROM bench_pairs p WHERE p.item_id = i.id AND i.is_gold`,
  );
  await ds.query(
    `CREATE TEMP TABLE bench_users AS SELECT row_number() OVER (ORDER BY username) - 1 AS k, id FROM users WHERE username LIKE 'bench-annotator-%'`,
  );
  await ds.query(
    `INSERT INTO labels (project_id, item_id, annotator_id, submission_id, kind, content, display_order, guideline_version, time_spent_ms, created_at, updated_at)
     SELECT $1, x.item_id, u.id, gen_random_uuid(), 'pairwise',
            jsonb_build_object('kind', 'pairwise', 'a', x.a, 'b', x.b, 'judgements', jsonb_build_object(
              'overall', x.j1, 'accuracy', x.j2, 'helpfulness', x.j3, 'safety', x.j4)),
            ARRAY[x.a, x.b], 1, (5000 + random() * 60000)::int, x.at, x.at
       FROM (
         SELECT p.item_id, (p.n * 7 + slot * 11) % 50 AS k, s.a, s.b, now() - random() * interval '84 days' AS at,
                judgement(p.truth, s.swapped) AS j1, judgement(p.truth, s.swapped) AS j2, judgement(p.truth, s.swapped) AS j3, judgement(p.truth, s.swapped) AS j4
           FROM bench_pairs p CROSS JOIN generate_series(0, ${PER_ITEM - 1}) slot
           CROSS JOIN LATERAL (SELECT random() < 0.5 AS swapped) o
           CROSS JOIN LATERAL (SELECT CASE WHEN o.swapped THEN p.r2 ELSE p.r1 END AS a, CASE WHEN o.swapped THEN p.r1 ELSE p.r2 END AS b, o.swapped) s
         ) x JOIN bench_users u ON u.k = x.k
      LIMIT $2`,
    [id, LABELS],
  );
  await ds.query(`VACUUM ANALYZE labels`);
  console.error(`generated ${LABELS} labels in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return id;
}

async function defineJudgement(ds) {
  // truth relative to response r1; swapped = r2 shown as A. 70% follow the truth, the rest spread over a, b, tie, both_bad.
  await ds.query(`CREATE OR REPLACE FUNCTION judgement(truth text, swapped boolean) RETURNS jsonb LANGUAGE sql VOLATILE AS $$
    SELECT jsonb_build_object('choice', c, 'strength', CASE WHEN c IN ('a', 'b') THEN (CASE WHEN random() < 0.5 THEN 'slightly' ELSE 'much' END) END)
      FROM (SELECT CASE WHEN r < 0.7 THEN (CASE WHEN (truth = 'a') <> swapped THEN 'a' ELSE 'b' END)
                        ELSE (ARRAY['a', 'b', 'tie', 'both_bad'])[1 + floor((r - 0.7) / 0.075)::int] END AS c
              FROM (SELECT random() AS r) q) z $$`);
}

async function timed(label, run) {
  const started = performance.now();
  const result = await run();
  const ms = performance.now() - started;
  console.log(
    `${label.padEnd(50)} ${ms.toFixed(0).padStart(7)} ms   source=${result.cache.source} fresh=${result.cache.fresh}`,
  );
  return { ms, result };
}

await ensureDatabase();
const ds = createDataSource(benchUrl, { poolSize: 4, applicationName: 'agreement-bench' });
await connectAndMigrate(ds);
await defineJudgement(ds);
const projectId = await generate(ds);
const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM labels WHERE project_id = $1`, [projectId]);
console.log(`project ${slug}: ${count} labels, node ${process.version}`);
if (args.includes('--generate-only')) {
  await ds.destroy();
  process.exit(0);
}

const stampStarted = performance.now();
for (let i = 0; i < 10; i++) await projectStamp(ds, projectId);
console.log(
  `${'version stamp query (mean of 10)'.padEnd(50)} ${((performance.now() - stampStarted) / 10).toFixed(1).padStart(7)} ms`,
);
await ds.query(`DELETE FROM agreement_cache WHERE project_id = $1`, [projectId]);
const service = new AgreementService(ds);
const thresholds = { minLooAgreement: 0.6, positionBiasPValue: 0.01 };
await timed('summary, cold (computes summary + quality)', () => service.summary(projectId));
await timed('annotatorQuality, right after (memory)', () => service.annotatorQuality(projectId, null, thresholds));
const warm = [];
for (let i = 0; i < 5; i++) warm.push((await timed('summary, warm (memory)', () => service.summary(projectId))).ms);
for (let i = 0; i < 3; i++)
  warm.push(
    (
      await timed('annotatorQuality, warm (memory, new thresholds)', () =>
        service.annotatorQuality(projectId, null, { minLooAgreement: 0.5 + i / 10 }),
      )
    ).ms,
  );
const restarted = new AgreementService(ds);
await timed('summary, warm (table, fresh process)', () => restarted.summary(projectId));
await timed('annotatorQuality, warm (table, fresh process)', () =>
  restarted.annotatorQuality(projectId, null, thresholds),
);
await timed('summary filtered (language en), cold', () => service.summary(projectId, { language: 'en' }));
await timed('confusionMatrix two annotators, cold', () =>
  service.confusionMatrix(projectId, 'overall', 'bench-annotator-1', 'bench-annotator-12'),
);
await timed('confusionMatrix two annotators, warm', () =>
  service.confusionMatrix(projectId, 'overall', 'bench-annotator-1', 'bench-annotator-12'),
);
await ds.query(
  `UPDATE labels SET updated_at = now() WHERE id = (SELECT id FROM labels WHERE project_id = $1 LIMIT 1)`,
  [projectId],
);
const changed = await timed('summary after a label changed (stale + refresh)', () => service.summary(projectId));
if (changed.result.cache.source === 'stale') {
  const started = performance.now();
  let latest;
  do {
    await new Promise((resolve) => setTimeout(resolve, 250));
    latest = await service.summary(projectId);
  } while (!latest.cache.fresh);
  console.log(
    `${'background refresh done after'.padEnd(50)} ${(performance.now() - started).toFixed(0).padStart(7)} ms   (computeMs=${latest.cache.computeMs})`,
  );
  await timed('summary once refreshed', () => service.summary(projectId));
}
console.log(
  `warm max ${Math.max(...warm).toFixed(0)} ms; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
);
await ds.destroy();
