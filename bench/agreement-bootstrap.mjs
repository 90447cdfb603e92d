#!/usr/bin/env node
/**
 * The cold agreement summary's bootstrap intervals (issue 16), on the 1,000,000-label pairwise project of
 * bench/agreement-project.mjs: the tally is built once by COPY, then every alpha the summary shows (nominal on the
 * categorical scale, ordinal on the signed strengths, per criterion) is bootstrapped, in this process, both ways in
 * turn: `grouped` as the API does it (compactAlphaBootstraps: draws counted per group of units with equal value counts,
 * one stream of draws for alphas over as many units) and `listed`, every resample listed and alpha summed over its
 * units (bootstrapInterval over alphaOverUnits, what the API did before). Both use the summary's seed and resamples and
 * must give the same intervals up to the order of floating-point additions; the script checks that, and reports each
 * way's median time.
 *
 *   node scripts/build.mjs --server-only && node bench/agreement-bootstrap.mjs [--runs 3]
 *
 * BENCH_DATABASE names the database (default clinrank_bench_agreement).
 */
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1] || 0) || 3;
const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const benchUrl = Object.assign(new URL(serverUrl), {
  pathname: `/${process.env.BENCH_DATABASE || 'clinrank_bench_agreement'}`,
}).href;

const load = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
const { createDataSource, connectAndMigrate } = await load('libs/server/app/src/database/data-source.js');
const { AgreementTallyStore } = await load('libs/server/agreement/src/agreement-tally.js');
const { findProject } = await load('libs/server/agreement/src/agreement-labels.js');
const { AgreementLabelsRepository } = await load('libs/server/agreement/src/agreement-labels.repository.js');
const { compactAlphaBootstraps, compactUnitValueCounts } = await load('libs/agreement/src/compact-units.js');
const { alphaOverUnits } = await load('libs/agreement/src/krippendorff-alpha.js');
const { levelScale } = await load('libs/agreement/src/level-scale.js');
const { BOOTSTRAP_SEED, bootstrapResamples } = await load('libs/agreement/src/agreement-summary.js');
const { bootstrapInterval } = await load('libs/statistics/src/index.js');

const ds = createDataSource(benchUrl, { poolSize: 2, applicationName: 'agreement-bootstrap-bench' });
await connectAndMigrate(ds);
const [project] = await ds.query(`SELECT id FROM projects WHERE slug = 'bench-1000000'`);
if (!project) throw new Error('no project bench-1000000: run bench/agreement-project.mjs first');
await ds.query(`DELETE FROM agreement_tallies WHERE project_id = $1`, [project.id]);
const ref = await findProject(new AgreementLabelsRepository(ds), project.id);
const { compact } = await new AgreementTallyStore(ds).current(ref);
await ds.destroy();

// The summary's alphas of a pairwise project, with its resamples for each set of units.
const jobs = [...compact].map(([key, units]) => {
  const level = key.endsWith('scaled') ? 'ordinal' : 'nominal';
  const pairable = compactUnitValueCounts(units).totals.length;
  return { key, units, options: { level, seed: BOOTSTRAP_SEED, resamples: bootstrapResamples(pairable) } };
});

function listed() {
  return jobs.map(({ units, options }) => {
    const counts = compactUnitValueCounts(units);
    const scale = levelScale(units.valueList, options.level);
    const indices = Array.from(counts.totals.keys());
    return bootstrapInterval(indices, (sample) => alphaOverUnits(counts, scale, sample).alpha, {
      seed: options.seed,
      resamples: options.resamples,
    });
  });
}
const grouped = () => compactAlphaBootstraps(jobs);

const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const times = { grouped: [], listed: [] };
const results = {};
for (let run = 0; run < RUNS; run++) {
  for (const [name, bootstrap] of [
    ['grouped', grouped],
    ['listed', listed],
  ]) {
    const started = performance.now();
    results[name] = bootstrap();
    times[name].push(performance.now() - started);
    console.log(`run ${run + 1} ${name.padEnd(7)} ${times[name].at(-1).toFixed(0).padStart(6)} ms`);
  }
}
const gap = Math.max(
  ...results.grouped.flatMap((interval, i) => [
    Math.abs(interval.low - results.listed[i].low),
    Math.abs(interval.high - results.listed[i].high),
  ]),
);
if (!(gap < 1e-12)) throw new Error(`the two ways disagree by ${gap}`);
console.log(
  `${jobs.length} alphas over ${jobs.map((job) => job.options.resamples).join('/')} resamples; intervals equal within ${gap.toExponential(1)}; ` +
    `grouped ${median(times.grouped).toFixed(0)} ms, listed ${median(times.listed).toFixed(0)} ms (median of ${RUNS}): ` +
    `${(median(times.listed) / median(times.grouped)).toFixed(1)}×`,
);
