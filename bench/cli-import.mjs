// `npx clinrank import` (the CLI's streamed, COPY-staged import) against `psql \copy` of the same file into a
// one-column jsonb table, the floor, measured alternately in the same run.
//
//   node bench/cli-import.mjs [--lines 200000] [--runs 3] [--annotated]
//
// The file is real-shaped: TREC 2017 LiveQA medical questions with two of their graded answers each (../shared/data),
// cycled to the line count with unique ids; with --annotated each line also carries the assessor's verdict on the pair
// as a pairwise annotation (a pre-annotated import: one label and its audit row more per line). Each run imports into a fresh project, so every line is an insert with its
// responses and audit row. The CLI time is the whole command as an operator runs it (start, connect, import, report).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { log, ROOT } from './web-bench-support.mjs';
import { databaseUrl as urlOf, SERVER_URL } from './bench-options.mjs';
import { COPY_TABLE_SQL, copyOnce, liveqaPresent, median, writeLiveqaFile } from './import-bench-support.mjs';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '3' },
    annotated: { type: 'boolean', default: false },
  },
});
const ANNOTATED = values.annotated;
const LINES = Number(values.lines);
const RUNS = Number(values.runs);

function cli(databaseUrl, args) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/clinrank.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`clinrank ${args.join(' ')} failed: ${result.stderr.slice(-2000)}`);
  return result;
}

function importOnce(databaseUrl, file, run) {
  const slug = `bench-cli-import-${run}`;
  cli(databaseUrl, ['projects', 'create', '--slug', slug, '--name', `Bench CLI import ${run}`, '--kind', 'pairwise']);
  const started = performance.now();
  const result = cli(databaseUrl, ['import', '--project', slug, '--json', file]);
  const seconds = (performance.now() - started) / 1000;
  const report = JSON.parse(result.stdout);
  if (report.imported !== LINES || report.rejected !== 0 || report.labelsImported !== (ANNOTATED ? LINES : 0))
    throw new Error(`import did not complete: ${JSON.stringify(report).slice(0, 500)}`);
  return seconds;
}

async function main() {
  if (!liveqaPresent()) {
    log('SKIPPED: ../shared/data/liveqa-med-2017 is absent (the LiveQA data is needed for a real-shaped file)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'clinrank-cli-import-'));
  const file = join(dir, `liveqa-${LINES}${ANNOTATED ? '-annotated' : ''}.jsonl`);
  writeLiveqaFile(file, LINES, { annotated: ANNOTATED });
  const bytes = statSync(file).size;
  log(`${LINES} lines, ${(bytes / 1024 / 1024).toFixed(1)} MB`);
  const database = `clinrank_clibench_${process.pid}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const databaseUrl = urlOf(database);
  try {
    const table = spawnSync('psql', [databaseUrl, '-q', '-c', COPY_TABLE_SQL], { encoding: 'utf8' });
    if (table.status !== 0) throw new Error(`psql failed: ${table.stderr}`);
    cli(databaseUrl, ['db', 'migrate']); // builds and migrates once, outside the timings
    const imports = [];
    const copies = [];
    const loads = [];
    for (let run = 0; run < RUNS; run += 1) {
      copies.push(copyOnce(databaseUrl, file));
      log(`run ${run + 1}: \\copy ${copies.at(-1).toFixed(2)} s`);
      imports.push(importOnce(databaseUrl, file, run));
      loads.push(loadavg()[0]);
      log(`run ${run + 1}: clinrank import ${imports.at(-1).toFixed(1)} s (load ${loads.at(-1).toFixed(1)})`);
    }
    console.log(
      JSON.stringify(
        {
          lines: LINES,
          annotated: ANNOTATED,
          megabytes: Number((bytes / 1024 / 1024).toFixed(1)),
          runs: RUNS,
          importSeconds: imports.map((value) => Number(value.toFixed(1))),
          copySeconds: copies.map((value) => Number(value.toFixed(2))),
          importMedianSeconds: Number(median(imports).toFixed(1)),
          importLinesPerSecond: Math.round(LINES / median(imports)),
          copyMedianSeconds: Number(median(copies).toFixed(2)),
          ratio: Number((median(imports) / median(copies)).toFixed(1)),
          loadAverages: loads.map((value) => Number(value.toFixed(1))),
          machine: `${cpus().length} × ${cpus()[0].model}, Node ${process.version}`,
        },
        null,
        2,
      ),
    );
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
