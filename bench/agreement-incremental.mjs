#!/usr/bin/env node
/**
 * Incremental agreement (issue 16): the 1,000,000-label pairwise project of bench/agreement-project.mjs (run that once
 * first: it generates the project in the database `clinrank_bench_agreement`).
 *
 *  - cold: the project's tally and cached results dropped, one summary (builds the tally in one pass over the labels and
 *    bootstraps every alpha in a worker thread); each cold run in a fresh process, which reports its peak RSS;
 *  - then, per kind of write (a new label, an edit, a retraction; 1 s apart), the time from the write's commit to the
 *    lead's summary answering with it (fresh figures); the bootstrap intervals follow in the background, one refresh at
 *    a time, and the time they take to catch up after the last write is reported.
 *
 *   node scripts/build.mjs --server-only && node bench/agreement-incremental.mjs [--labels 1000000] [--runs 3] [--writes 5]
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => Number(args[args.indexOf(name) + 1] || 0) || fallback;
const LABELS = option('--labels', 1_000_000);
const RUNS = option('--runs', 3);
const WRITES = option('--writes', 5);
const coldChild = args.includes('--cold-child');
const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const benchUrl = Object.assign(new URL(serverUrl), { pathname: `/${process.env.BENCH_DATABASE || 'clinrank_bench_agreement'}` }).href;
const slug = `bench-${LABELS}`;

const load = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
const { createDataSource, connectAndMigrate } = await load('libs/server/app/src/database/data-source.js');
const { AgreementService } = await load('libs/server/agreement/src/agreement.service.js');
const { pooledCompute } = await load('libs/server/compute/src/heavy-compute.js');

const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const ds = createDataSource(benchUrl, { poolSize: 4, applicationName: 'agreement-incremental-bench' });
await connectAndMigrate(ds);
const [project] = await ds.query(`SELECT id FROM projects WHERE slug = $1`, [slug]);
if (!project) throw new Error(`no project ${slug}: run bench/agreement-project.mjs --labels ${LABELS} first`);
const compute = pooledCompute(1);
const service = new AgreementService(ds, compute);

if (coldChild) {
  const started = performance.now();
  const summary = await service.summary(project.id);
  const ms = performance.now() - started;
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ ms, rss, labels: summary.labels, alpha: summary.criteria[0].alphaNominal }));
  await compute.close();
  await ds.destroy();
  process.exit(0);
}

const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM labels WHERE project_id = $1`, [project.id]);
console.log(
  `project ${slug}: ${count} labels, node ${process.version}, load ${(await import('node:os')).loadavg()[0].toFixed(1)}`,
);

const cold = [];
for (let run = 0; run < RUNS; run++) {
  await ds.query(`DELETE FROM agreement_tallies WHERE project_id = $1`, [project.id]);
  await ds.query(`DELETE FROM agreement_cache WHERE project_id = $1`, [project.id]);
  const child = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--cold-child', '--labels', String(LABELS)],
    {
      encoding: 'utf8',
      env: process.env,
    },
  );
  if (child.status !== 0) throw new Error(child.stderr);
  const result = JSON.parse(child.stdout.trim().split('\n').pop());
  cold.push(result);
  console.log(
    `cold summary (build tally + bootstrap), run ${run + 1}: ${(result.ms / 1000).toFixed(2)} s, peak RSS ${result.rss.toFixed(0)} MiB, overall α ${result.alpha.alpha.toFixed(4)} [${result.alpha.low?.toFixed(4)}, ${result.alpha.high?.toFixed(4)}] (${result.alpha.resamples} resamples)`,
  );
}
console.log(
  `cold median: ${(median(cold.map((r) => r.ms)) / 1000).toFixed(2)} s, peak RSS median ${median(cold.map((r) => r.rss)).toFixed(0)} MiB`,
);

// Warm the service (its memory cache and the tally) before timing writes.
let before = await service.summary(project.id);

async function untilIntervalsFresh() {
  const started = performance.now();
  for (;;) {
    const summary = await service.summary(project.id);
    if (summary.cache.intervalsFresh) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const [annotator] = await ds.query(`SELECT id FROM users WHERE username = 'bench-labeller-1'`);
const timings = { 'new label': [], edit: [], retraction: [] };
const follow = [];
for (let i = 0; i < WRITES; i++) {
  // An item the labeller has not labelled: a new label on it, then an edit of it, then its retraction.
  const [item] = await ds.query(
    `SELECT i.id, (SELECT array_agg(r.id ORDER BY r.position) FROM responses r WHERE r.item_id = i.id) AS responses
       FROM items i WHERE i.project_id = $1 AND i.external_id = $2
        AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id AND l.annotator_id = $3)`,
    [project.id, `i${101 + i * 7919}`, annotator.id],
  );
  if (!item) continue;
  const content = (choice) =>
    JSON.stringify({
      kind: 'pairwise',
      a: item.responses[0],
      b: item.responses[1],
      judgements: { overall: { choice, strength: 'much' }, accuracy: { choice, strength: 'much' } },
    });
  const writes = [
    [
      'new label',
      `INSERT INTO labels (project_id, item_id, annotator_id, submission_id, kind, content, display_order, guideline_version) VALUES ($1, $2, $3, gen_random_uuid(), 'pairwise', $4, ARRAY[$5, $6]::uuid[], 1)`,
      [project.id, item.id, annotator.id, content('a'), item.responses[0], item.responses[1]],
    ],
    [
      'edit',
      `UPDATE labels SET content = $3, updated_at = now() WHERE item_id = $1 AND annotator_id = $2`,
      [item.id, annotator.id, content('b')],
    ],
    ['retraction', `DELETE FROM labels WHERE item_id = $1 AND annotator_id = $2`, [item.id, annotator.id]],
  ];
  for (const [kind, sql, parameters] of writes) {
    await ds.query(sql, parameters);
    const started = performance.now();
    const after = await service.summary(project.id);
    const ms = performance.now() - started;
    if (!after.cache.fresh || after.cache.stamp === before.cache.stamp) throw new Error(`${kind}: summary not fresh`);
    const expected = kind === 'new label' ? 1 : kind === 'retraction' ? -1 : 0;
    if (after.labels - before.labels !== expected)
      throw new Error(`${kind}: label count ${before.labels} → ${after.labels}`);
    timings[kind].push(ms);
    console.log(`${kind.padEnd(10)} → fresh summary ${ms.toFixed(1).padStart(7)} ms (intervals ${after.cache.source})`);
    before = after;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
follow.push(await untilIntervalsFresh());
for (const [kind, values] of Object.entries(timings))
  console.log(`median ${kind.padEnd(10)} → fresh summary: ${median(values).toFixed(1)} ms (n=${values.length})`);
console.log(
  `after the last write, the intervals followed in ${(follow[0] / 1000).toFixed(2)} s (background bootstrap, one at a time)`,
);
await compute.close();
await ds.destroy();
