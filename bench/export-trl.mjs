#!/usr/bin/env node
// Benchmark of `clinrank export --format trl` against the PostgreSQL floor `COPY (the same join) TO STDOUT`.
//
//   node bench/export-trl.mjs [--labels 1000000] [--labels-per-item 5] [--runs 1] [--keep] [--db NAME]
//                             [--node-options "--cpu-prof --cpu-prof-dir=/tmp/prof"]
//
// --runs N times COPY and the export N times each (alternating) and reports the medians; --keep leaves the database
// in place; --db NAME names the database and reuses it when it exists (no migration, no generation; never dropped
// then: pair it with --keep on the first run); --node-options passes
// options to the CLI's node process (e.g. to profile it).
//
// Creates a fresh database on DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres), migrates it
// with `clinrank db migrate`, generates items × 2 responses × N pairwise labels with INSERT … SELECT generate_series,
// then times (1) psql `COPY (<the export's own item query>) TO STDOUT` > /dev/null and (2) the CLI export to trl JSONL
// under /usr/bin/time -v (wall time and peak RSS of the whole CLI process). Prints one JSON line of figures.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { registeredStatement, withClient } from './bench-options.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const nodeOptionsAt = argv.indexOf('--node-options');
const nodeOptions = nodeOptionsAt >= 0 ? argv.splice(nodeOptionsAt, 2)[1].split(/\s+/).filter(Boolean) : [];
const args = Object.fromEntries(
  argv
    .join(' ')
    .split('--')
    .filter(Boolean)
    .map((part) => part.trim().split(/\s+/))
    .map(([key, value]) => [key, value ?? true]),
);
const runs = Number(args.runs ?? 1);
const labels = Number(args.labels ?? 1_000_000);
const perItem = Number(args['labels-per-item'] ?? 5);
const items = Math.ceil(labels / perItem);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = args.db ?? `clinrank_bench_${labels}_${process.pid}`;
const dbUrl = Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString();

function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

async function generate() {
  const started = performance.now();
  return withClient(dbUrl, async (db) => {
    await db.query(`SELECT setseed(0.42)`);
    const [{ id: project }] = (
      await db.query(
        `INSERT INTO projects (slug, name, kind, criteria) VALUES ('bench', 'bench', 'pairwise', '{accuracy}') RETURNING id`,
      )
    ).rows;
    await db.query(
      `INSERT INTO users (username, display_name, role, kind) SELECT 'bench-' || g, 'Bench ' || g, 'annotator', 'external' FROM generate_series(1, $1) g`,
      [perItem],
    );
    await db.query(
      `INSERT INTO items (project_id, external_id, language, specialty, prompt, content_hash)
       SELECT $1, 'item-' || lpad(g::text, 8, '0'), CASE WHEN g % 5 = 0 THEN 'zh' ELSE 'en' END, 'cardiology',
              'Question ' || g || ': ' || repeat('is exertional chest pain worrying in a 55-year-old smoker? ', 3), md5(g::text)
         FROM generate_series(1, $2) g`,
      [project, items],
    );
    await db.query(
      `INSERT INTO responses (item_id, external_id, position, text, source, model)
       SELECT i.id, 'r' || k, k, 'Answer ' || k || ' to ' || i.external_id || '. ' || repeat('Seek urgent assessment; exertional chest pain may be angina. ', 6), 'model', 'model-' || k
         FROM items i CROSS JOIN generate_series(1, 2) k`,
    );
    await db.query(
      `INSERT INTO labels (project_id, item_id, annotator_id, submission_id, kind, content, display_order, guideline_version, origin, pair_key, time_spent_ms)
       SELECT $1, i.id, u.id, gen_random_uuid(), 'pairwise',
              jsonb_build_object('kind', 'pairwise', 'a', r1.id, 'b', r2.id, 'judgements', jsonb_build_object(
                'overall', jsonb_build_object('choice', (ARRAY['a', 'b', 'a', 'tie'])[1 + floor(random() * 4)::int], 'strength', 'slightly'),
                'accuracy', jsonb_build_object('choice', (ARRAY['a', 'b'])[1 + floor(random() * 2)::int], 'strength', 'much'))),
              ARRAY[r1.id, r2.id], 1, 'ui', r1.id || '|' || r2.id, 30000
         FROM items i
         JOIN responses r1 ON r1.item_id = i.id AND r1.position = 1
         JOIN responses r2 ON r2.item_id = i.id AND r2.position = 2
         CROSS JOIN (SELECT id FROM users WHERE username LIKE 'bench-%') u`,
      [project],
    );
    await db.query(`UPDATE items SET label_count = $1`, [perItem]);
    await db.query(`VACUUM ANALYZE`);
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM labels`)).rows;
    log(`generated ${items} items, ${n} labels in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return project;
  });
}

function timeCopy(sql) {
  const started = performance.now();
  const result = spawnSync('psql', [dbUrl, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', `COPY (${sql}) TO STDOUT`], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('psql COPY failed');
  return (performance.now() - started) / 1000;
}

function timeExport(out) {
  const env = { ...process.env, DATABASE_URL: dbUrl, ARTIFACT_DIR: out, LOG_LEVEL: 'warn' };
  const cli = ['/usr/bin/time', '-v', process.execPath, ...nodeOptions, join(root, 'bin/clinrank.mjs')];
  const started = performance.now();
  const result = spawnSync(
    cli[0],
    [
      ...cli.slice(1),
      'export',
      '--project',
      'bench',
      '--format',
      'trl',
      '--policy',
      'majority',
      '--split',
      '0.8,0.1,0.1',
    ],
    { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`export failed: ${result.stderr}`);
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1]);
  const cpuSeconds = ['User', 'System'].reduce(
    (sum, kind) => sum + Number(new RegExp(`${kind} time \\(seconds\\): ([\\d.]+)`).exec(result.stderr)?.[1] ?? NaN),
    0,
  );
  const elapsed = /Elapsed \(wall clock\) time[^:]*: ([\d:.]+)/.exec(result.stderr)?.[1];
  return { seconds, cpuSeconds, rssMb: rssKb / 1024, elapsed, summary: JSON.parse(result.stdout) };
}

async function run() {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--server-only', '--quiet'], { stdio: 'inherit' });
  const EXPORT_ITEMS_SQL = registeredStatement('dataset.export-items');
  const reuse =
    args.db !== undefined &&
    (await withClient(serverUrl, (db) => db.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [dbName])))
      .rowCount === 1;
  if (!reuse) await withClient(serverUrl, (db) => db.query(`CREATE DATABASE ${dbName}`));
  const out = mkdtempSync(join(tmpdir(), 'clinrank-bench-'));
  try {
    if (!reuse)
      execFileSync(process.execPath, [join(root, 'bin/clinrank.mjs'), 'db', 'migrate'], {
        env: { ...process.env, DATABASE_URL: dbUrl, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    const project = reuse
      ? await withClient(
          dbUrl,
          async (db) => (await db.query(`SELECT id FROM projects WHERE slug = 'bench'`)).rows[0].id,
        )
      : await generate();
    const sql = EXPORT_ITEMS_SQL.replace('$1', `'${project}'`);
    timeCopy(sql); // warm the cache so both runs read from memory
    const copyTimes = [];
    const exports = [];
    for (let run = 0; run < runs; run++) {
      copyTimes.push(timeCopy(sql));
      exports.push(timeExport(out));
    }
    const copySeconds = median(copyTimes);
    const exported = {
      ...exports[0],
      seconds: median(exports.map((result) => result.seconds)),
      rssMb: Math.max(...exports.map((result) => result.rssMb)),
    };
    const trainBytes = statSync(join(exported.summary.directory, 'train.jsonl')).size;
    const figures = {
      labels,
      items,
      labelsPerItem: perItem,
      copySeconds: +copySeconds.toFixed(2),
      exportSeconds: +exported.seconds.toFixed(2),
      ratio: +(exported.seconds / copySeconds).toFixed(2),
      peakRssMb: +exported.rssMb.toFixed(1),
      exportCpuSeconds: +median(exports.map((result) => result.cpuSeconds)).toFixed(2),
      records: Object.values(exported.summary.splits).reduce((sum, split) => sum + split.records, 0),
      trainJsonlMb: +(trainBytes / 1024 / 1024).toFixed(1),
      node: process.version,
      ...(runs > 1
        ? {
            copyRuns: copyTimes.map((t) => +t.toFixed(2)),
            exportRuns: exports.map((result) => +result.seconds.toFixed(2)),
          }
        : {}),
      loadAverage: loadavg().map((value) => +value.toFixed(2)),
    };
    process.stdout.write(JSON.stringify(figures) + '\n');
  } finally {
    rmSync(out, { recursive: true, force: true });
    if (!args.keep && !reuse)
      await withClient(serverUrl, (db) => db.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
  }
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

await run();
