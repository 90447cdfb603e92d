#!/usr/bin/env node
/**
 * The queue's next-candidate statement on a large project, fixed order against uncertainty-first (issue 17, point 3).
 * Generates (once, with SQL) a pairwise project of N items (default 200,000) with two responses each, a fifth of them
 * partly labelled (label_count 1 of overlap 3), and an item_uncertainty score for every other item. Then runs, in a
 * transaction rolled back each time, the two named statements the API runs (task.lock-next-candidate and
 * task.lock-next-uncertain-candidate), for a fresh annotator, and reports the median and p95 of each.
 *
 *   node scripts/build.mjs --server-only && node bench/uncertainty-queue.mjs [--items N] [--runs 200] [--regenerate]
 *
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server; the bench uses its own database
 * `clinrank_bench_uncertainty` there.
 */
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => Number(args[args.indexOf(name) + 1] || 0) || fallback;
const ITEMS = option('--items', 200_000);
const RUNS = option('--runs', 200);
const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const benchDb = 'clinrank_bench_uncertainty';
const benchUrl = Object.assign(new URL(serverUrl), { pathname: `/${benchDb}` }).href;
const slug = `bench-uncertainty-${ITEMS}`;

const load = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
const { createDataSource, connectAndMigrate } = await load('libs/server/app/src/database/data-source.js');
await load('libs/server/task/src/task.repository.js');
const { registeredSql } = await load('libs/server/core/src/database/named-sql.js');
const statement = (name) => registeredSql().find((sql) => sql.name === name);

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [benchDb]);
if (!rowCount) await admin.query(`CREATE DATABASE ${benchDb}`);
await admin.end();
const dataSource = createDataSource(benchUrl, { poolSize: 2, applicationName: 'bench-uncertainty' });
await connectAndMigrate(dataSource);
await dataSource.destroy();

const db = new pg.Client({ connectionString: benchUrl });
await db.connect();
let [project] = (await db.query(`SELECT id FROM projects WHERE slug = $1`, [slug])).rows;
if (!project || args.includes('--regenerate')) {
  await db.query(`DELETE FROM projects WHERE slug = $1`, [slug]);
  const started = performance.now();
  [project] = (
    await db.query(
      `INSERT INTO projects (slug, name, kind, criteria, scale_min, scale_max, overlap, gold_rate, lease_seconds, allow_ties,
                             require_rationale, languages, specialties, guideline_version, locked, settings, max_responses)
       VALUES ($1, $1, 'pairwise', '{accuracy}', 1, 5, 3, 0, 1800, false, false, '{en}', '{}', 1, false, '{}', 20) RETURNING id`,
      [slug],
    )
  ).rows;
  await db.query(
    `INSERT INTO items (project_id, external_id, language, prompt, content_hash, label_count)
     SELECT $1, 'q' || n, 'en', 'Question ' || n, md5(n::text), CASE WHEN n % 5 = 0 THEN 1 ELSE 0 END
       FROM generate_series(1, $2) n`,
    [project.id, ITEMS],
  );
  await db.query(
    `INSERT INTO responses (item_id, external_id, position, text, model)
     SELECT i.id, 'r' || p, p, 'Answer ' || p || ' to ' || i.external_id, 'model-' || p
       FROM items i CROSS JOIN generate_series(1, 2) p WHERE i.project_id = $1`,
    [project.id],
  );
  const [run] = (
    await db.query(
      `INSERT INTO training_runs (kind, status, config, project_id) VALUES ('reward_model', 'succeeded', '{}', $1) RETURNING id`,
      [project.id],
    )
  ).rows;
  await db.query(
    `INSERT INTO item_uncertainty (item_id, project_id, run_id, score, reward_gap)
     SELECT id, project_id, $2, -g, g FROM (SELECT id, project_id, random() AS g FROM items WHERE project_id = $1) s
      WHERE (hashtext(id::text) & 1) = 0`,
    [project.id, run.id],
  );
  await db.query(`ANALYZE items; ANALYZE responses; ANALYZE item_uncertainty`);
  console.log(`generated ${ITEMS} items in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const [scored] = (await db.query(`SELECT count(*)::int AS n FROM item_uncertainty WHERE project_id = $1`, [project.id]))
  .rows;
const annotator = '00000000-0000-4000-8000-000000000001';
const params = [project.id, false, 3, ['en'], [], annotator, []];

async function time(name) {
  const sql = statement(name);
  const samples = [];
  let first = null;
  for (let run = 0; run < RUNS; run += 1) {
    await db.query('BEGIN');
    const started = performance.now();
    const { rows } = await db.query({ name: sql.name, text: sql.text, values: params });
    samples.push(performance.now() - started);
    await db.query('ROLLBACK');
    first ??= rows[0]?.id;
  }
  samples.sort((a, b) => a - b);
  return { name, median: samples[Math.floor(RUNS / 2)], p95: samples[Math.floor(RUNS * 0.95)], first };
}

const fixed = await time('task.lock-next-candidate');
const uncertain = await time('task.lock-next-uncertain-candidate');
const [plan] = (
  await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement('task.lock-next-uncertain-candidate').text}`, params)
).rows;
console.log(`items ${ITEMS}, scored ${scored.n}, runs ${RUNS} each`);
for (const row of [fixed, uncertain])
  console.log(
    `${row.name}: median ${row.median.toFixed(2)} ms, p95 ${row.p95.toFixed(2)} ms (first item ${row.first})`,
  );
console.log(`ratio uncertainty / fixed (median): ${(uncertain.median / fixed.median).toFixed(2)}`);
console.log(
  `uncertainty plan top node: ${plan['QUERY PLAN'][0].Plan['Node Type']}, ${plan['QUERY PLAN'][0]['Execution Time']} ms`,
);
await db.end();
