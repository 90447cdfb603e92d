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
 *
 * With `--phases floor,copy,generic,summary` it times only cold phases, each in a fresh process, interleaved per run:
 * `floor` the build's COPY of the same rows, dropped; `copy` / `generic` the tally build alone (point estimates
 * available) by COPY or by the row scan; `summary` the lead's first summary, then until its intervals are fresh. Each
 * line gives wall time, peak RSS, and the CPU seconds of the process and of its PostgreSQL backends (read from /proc).
 * BENCH_DATABASE names the database (default clinrank_bench_agreement).
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
const benchUrl = Object.assign(new URL(serverUrl), {
  pathname: `/${process.env.BENCH_DATABASE || 'clinrank_bench_agreement'}`,
}).href;
const slug = `bench-${LABELS}`;

const load = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
const { createDataSource, connectAndMigrate } = await load('libs/server/app/src/database/data-source.js');
const { AgreementService } = await load('libs/server/agreement/src/agreement.service.js');
const { pooledCompute } = await load('libs/server/compute/src/heavy-compute.js');
const { AgreementTallyStore } = await load('libs/server/agreement/src/agreement-tally.js');
const { findProject } = await load('libs/server/agreement/src/agreement-labels.js');
const { AgreementLabelsRepository } = await load('libs/server/agreement/src/agreement-labels.repository.js');
const { copyToStdout, registeredSql } = await load('libs/server/core/src/index.js');

const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const applicationName = coldChild ? `agreement-cold-${process.pid}` : 'agreement-incremental-bench';
const ds = createDataSource(benchUrl, { poolSize: 4, applicationName });
await connectAndMigrate(ds);
const [project] = await ds.query(`SELECT id FROM projects WHERE slug = $1`, [slug]);
if (!project) throw new Error(`no project ${slug}: run bench/agreement-project.mjs --labels ${LABELS} first`);
const compute = pooledCompute(1);
const service = new AgreementService(ds, compute);

/**
 * One cold measurement in this (fresh) process: `floor` runs the tally's COPY of the same rows and drops them; `copy` and
 * `generic` build the tally only (point estimates available), with the COPY build or the row scan; `summary` is the
 * lead's cold summary (tally and bootstrap intervals).
 */
/** CPU seconds (user + system) so far of this process's PostgreSQL backends (same machine: read from /proc). */
async function backendCpu() {
  const { readFileSync } = await import('node:fs');
  const rows = await ds.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1`, [applicationName]);
  let ticks = 0;
  for (const { pid } of rows) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}

async function coldPhase(phase) {
  const cpuBefore = process.cpuUsage();
  const pgBefore = await backendCpu();
  const started = performance.now();
  let detail = {};
  if (phase === 'floor') {
    const sql = (name) => registeredSql().find((statement) => statement.name === name).text;
    const runner = ds.createQueryRunner();
    await runner.connect();
    await runner.startTransaction('REPEATABLE READ');
    const ref = await findProject(new AgreementLabelsRepository(ds), project.id);
    const criteria = [...new Set(['overall', ...ref.criteria])];
    await runner.query(sql('agreement.tally-copy-scope'), [project.id, criteria]);
    let bytes = 0;
    const positions = await copyToStdout(runner, sql('agreement.tally-copy-positions'), (row) => (bytes += row.length));
    const rows = await copyToStdout(
      runner,
      sql(`agreement.tally-copy-pairwise-${criteria.length}`),
      (row) => (bytes += row.length),
    );
    await runner.commitTransaction();
    await runner.release();
    detail = { rows, positions, mb: bytes / 2 ** 20 };
  } else if (phase === 'copy' || phase === 'generic') {
    const ref = await findProject(new AgreementLabelsRepository(ds), project.id);
    const current = await new AgreementTallyStore(ds, undefined, phase).current(ref);
    detail = {
      labels: current.tally.labels,
      alpha: current.tally.tally('overall', 'categorical').alpha({ level: 'nominal' }).alpha,
    };
  } else {
    // The lead's first summary (point estimates; on a large project the intervals follow in the background), then
    // the time until a summary carries this stamp's intervals.
    const summary = await service.summary(project.id);
    const firstMs = performance.now() - started;
    let latest = summary;
    while (!latest.cache.intervalsFresh) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      latest = await service.summary(project.id);
    }
    detail = {
      firstMs: Math.round(firstMs),
      labels: summary.labels,
      firstIntervals: summary.cache.intervalsFresh,
      alpha: latest.criteria[0].alphaNominal,
    };
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const nodeCpu = (cpu.user + cpu.system) / 1e6;
  const pgCpu = (await backendCpu()) - pgBefore;
  return {
    ms,
    rss: process.resourceUsage().maxRSS / 1024,
    nodeCpu: +nodeCpu.toFixed(2),
    pgCpu: +pgCpu.toFixed(2),
    ...detail,
  };
}

const phaseArg = args.includes('--phase') ? args[args.indexOf('--phase') + 1] : 'summary';
if (coldChild && args.includes('--phase')) {
  console.log(JSON.stringify(await coldPhase(phaseArg)));
  // Exits without closing the worker pool: on a loaded machine piscina's close can time out after the figures are in.
  process.exit(0);
}

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

const PHASES = args.includes('--phases') ? args[args.indexOf('--phases') + 1].split(',') : [];
if (PHASES.length > 0) {
  // Rounds of one fresh process per phase, interleaved so each round's figures share the machine's load.
  const results = Object.fromEntries(PHASES.map((phase) => [phase, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const phase of PHASES) {
      await ds.query(`DELETE FROM agreement_tallies WHERE project_id = $1`, [project.id]);
      await ds.query(`DELETE FROM agreement_cache WHERE project_id = $1`, [project.id]);
      const load1 = (await import('node:os')).loadavg()[0];
      const child = spawnSync(
        process.execPath,
        [fileURLToPath(import.meta.url), '--cold-child', '--labels', String(LABELS), '--phase', phase],
        { encoding: 'utf8', env: process.env },
      );
      if (child.status !== 0) throw new Error(child.stderr);
      const result = JSON.parse(child.stdout.trim().split('\n').pop());
      results[phase].push(result);
      const { ms, rss, ...rest } = result;
      console.log(
        `run ${run + 1} ${phase.padEnd(8)} ${(ms / 1000).toFixed(2).padStart(7)} s  peak RSS ${rss.toFixed(0).padStart(5)} MiB  load ${load1.toFixed(1)}  ${JSON.stringify(rest)}`,
      );
    }
  }
  for (const phase of PHASES) {
    const runs = results[phase];
    const cpu = runs.map((r) => r.nodeCpu + r.pgCpu);
    if (runs[0].firstMs !== undefined)
      console.log(
        `median ${phase.padEnd(8)} first answer (point estimates) ${(median(runs.map((r) => r.firstMs)) / 1000).toFixed(2)} s${PHASES.includes('floor') ? ` ×floor per run ${runs.map((r, i) => (r.firstMs / results.floor[i].ms).toFixed(2)).join(', ')}` : ''}; then intervals:`,
      );
    const ratios = PHASES.includes('floor')
      ? ` ×floor per run ${runs.map((r, i) => (r.ms / results.floor[i].ms).toFixed(2)).join(', ')}`
      : '';
    console.log(
      `median ${phase.padEnd(8)} ${(median(runs.map((r) => r.ms)) / 1000).toFixed(2)} s, peak RSS ${median(runs.map((r) => r.rss)).toFixed(0)} MiB, CPU (node + PostgreSQL) ${median(cpu).toFixed(2)} s${ratios}`,
    );
  }
  await compute.close();
  await ds.destroy();
  process.exit(0);
}

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

const [annotator] = await ds.query(`SELECT id FROM users WHERE username = 'bench-annotator-1'`);
const timings = { 'new label': [], edit: [], retraction: [] };
const follow = [];
for (let i = 0; i < WRITES; i++) {
  // An item the annotator has not labelled: a new label on it, then an edit of it, then its retraction.
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
