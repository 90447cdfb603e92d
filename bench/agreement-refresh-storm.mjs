#!/usr/bin/env node
/**
 * A lead watching the labeller-quality page of a large project while clinicians keep labelling: every request comes
 * after a new label, so every request finds the cached analysis stale. Counts how many full analyses the requests start
 * and how many run at once, the answers' latency and the process's peak RSS.
 *
 * Needs the 1,000,000-label project of bench/agreement-project.mjs in the same database:
 *
 *   node scripts/build.mjs --server-only
 *   BENCH_DATABASE=clinrank_16cold node --max-old-space-size=6144 bench/agreement-project.mjs --generate-only
 *   BENCH_DATABASE=clinrank_16cold node --max-old-space-size=6144 bench/agreement-refresh-storm.mjs [--requests 8] [--every-ms 3000]
 *
 * The analyses run in one worker thread, as in the API server (COMPUTE_THREADS defaults to one on two cores).
 */
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function wholeNumberOption(name, fallback) {
  const at = args.indexOf(`--${name}`);
  if (at === -1) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`option --${name} takes a whole number of at least 1, not "${args[at + 1] ?? ''}"\n`);
    process.exit(2);
  }
  return value;
}

const REQUESTS = wholeNumberOption('requests', 8);
const EVERY_MS = wholeNumberOption('every-ms', 3000);
const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const benchDb = process.env.BENCH_DATABASE || 'clinrank_bench_agreement';
const benchUrl = Object.assign(new URL(serverUrl), { pathname: `/${benchDb}` }).href;
const slug = 'bench-1000000';

const load = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
const { createDataSource, connectAndMigrate } = await load('libs/server/app/src/database/data-source.js');
const { AgreementService } = await load('libs/server/agreement/src/agreement.service.js');
const { pooledCompute } = await load('libs/server/compute/src/heavy-compute.js');

/** The API's worker-thread pool, counting the full analyses it runs and the most at once. */
function countingCompute(threads) {
  const pool = pooledCompute(threads);
  const counts = { analyses: 0, running: 0, mostAtOnce: 0 };
  return {
    counts,
    close: () => pool.close(),
    async run(name, input) {
      if (name !== 'agreementAnalysis') return pool.run(name, input);
      counts.analyses++;
      counts.mostAtOnce = Math.max(counts.mostAtOnce, ++counts.running);
      try {
        return await pool.run(name, input);
      } finally {
        counts.running--;
      }
    },
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mib = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

const ds = createDataSource(benchUrl, { poolSize: 4, applicationName: 'agreement-refresh-storm' });
await connectAndMigrate(ds);
const [project] = await ds.query(`SELECT id FROM projects WHERE slug = $1`, [slug]);
if (!project) {
  process.stderr.write(
    `no project "${slug}" in database ${benchDb}: run bench/agreement-project.mjs --generate-only with the same BENCH_DATABASE first\n`,
  );
  process.exit(2);
}
await ds.query(`DELETE FROM agreement_cache WHERE project_id = $1`, [project.id]);
const compute = countingCompute(1);
const service = new AgreementService(ds, compute);

let started = performance.now();
const first = await service.annotatorQuality(project.id);
console.log(`first analysis: ${(performance.now() - started).toFixed(0)} ms, source=${first.cache.source}`);

const answers = [];
for (let request = 0; request < REQUESTS; request++) {
  await ds.query(
    `UPDATE labels SET updated_at = now() WHERE id = (SELECT id FROM labels WHERE project_id = $1 LIMIT 1)`,
    [project.id],
  );
  started = performance.now();
  const answer = await service.annotatorQuality(project.id);
  const ms = performance.now() - started;
  answers.push(ms);
  console.log(
    `request ${request + 1} after a new label: ${ms.toFixed(0)} ms, source=${answer.cache.source} fresh=${answer.cache.fresh}; analyses started ${compute.counts.analyses}, running ${compute.counts.running}`,
  );
  await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
}
started = performance.now();
while (compute.counts.running > 0) await new Promise((resolve) => setTimeout(resolve, 250));
// Analyses still loading labels have not reached the pool yet: wait until a request finds the newest one cached.
let last;
do {
  await new Promise((resolve) => setTimeout(resolve, 500));
  last = await service.annotatorQuality(project.id);
} while (!last.cache.fresh || compute.counts.running > 0);
console.log(`settled ${(performance.now() - started).toFixed(0)} ms after the last request`);
console.log(
  JSON.stringify({
    requests: REQUESTS,
    everyMs: EVERY_MS,
    analysesAfterTheFirst: compute.counts.analyses - 1,
    mostAnalysesAtOnce: compute.counts.mostAtOnce,
    answerMsMedian: Math.round(median(answers)),
    answerMsMax: Math.round(Math.max(...answers)),
    peakRssMiB: Number(mib()),
  }),
);
await compute.close();
await ds.destroy();
