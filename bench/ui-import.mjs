// The UI's streamed import (POST /api/projects/:id/import, the same endpoint the project form uses) against
// `psql \copy` of the same file into a one-column jsonb table: the floor any row-at-a-time import is measured against.
//
//   node bench/ui-import.mjs [--lines 200000] [--runs 3] [--annotated]
//
// The file is real-shaped: TREC 2017 LiveQA medical questions with two of their graded answers each (../shared/data),
// cycled to the line count with unique ids; with --annotated each line also carries the assessor's verdict on the
// pair as a pairwise annotation, as in bench/cli-import.mjs. Each run imports into a fresh project, so every line is
// an insert.
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { build, graphql, log, startApi } from './web-bench-support.mjs';
import { databaseUrl, SERVER_URL } from './bench-options.mjs';
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

async function uploadOnce(url, token, file, run) {
  const input = {
    slug: `bench-import-${Date.now().toString(36)}-${run}`,
    name: `Bench import ${run}`,
    kind: 'pairwise',
    languages: ['en'],
  };
  const { createProject } = await graphql(
    url,
    'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }',
    { input },
    token,
  );
  const started = performance.now();
  const response = await fetch(`${url}/api/projects/${createProject.id}/import`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-ndjson',
      'content-length': String(statSync(file).size),
      authorization: `Bearer ${token}`,
    },
    body: Readable.toWeb(createReadStream(file)),
    duplex: 'half',
  });
  const events = (await response.text())
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  const seconds = (performance.now() - started) / 1000;
  const last = events.at(-1);
  if (
    last.type !== 'report' ||
    last.report.imported !== LINES ||
    last.report.rejected !== 0 ||
    last.report.labelsImported !== (ANNOTATED ? LINES : 0)
  )
    throw new Error(`import did not complete: ${JSON.stringify(last).slice(0, 500)}`);
  return seconds;
}

async function main() {
  if (!liveqaPresent()) {
    log(`SKIPPED: ../shared/data/liveqa-med-2017 is absent (the LiveQA data is needed for a real-shaped file)`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'clinrank-ui-import-'));
  const file = join(dir, `liveqa-${LINES}${ANNOTATED ? '-annotated' : ''}.jsonl`);
  writeLiveqaFile(file, LINES, { annotated: ANNOTATED });
  const bytes = statSync(file).size;
  log(`${LINES} lines, ${(bytes / 1024 / 1024).toFixed(1)} MB`);
  build();
  const api = await startApi();
  const copyDb = `clinrank_copybench_${process.pid}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${copyDb}`);
  const copyUrl = databaseUrl(copyDb);
  try {
    spawnSync('psql', [copyUrl, '-q', '-c', COPY_TABLE_SQL]);
    const { login } = await graphql(api.url, 'mutation($input: LoginInput!) { login(input: $input) { token } }', {
      input: { username: 'lead', password: 'demo' },
    });
    const upload = [];
    const copy = [];
    for (let run = 0; run < RUNS; run += 1) {
      copy.push(copyOnce(copyUrl, file));
      log(`run ${run + 1}: \\copy ${copy.at(-1).toFixed(2)} s`);
      upload.push(await uploadOnce(api.url, login.token, file, run));
      log(`run ${run + 1}: upload ${upload.at(-1).toFixed(1)} s`);
    }
    const summary = {
      lines: LINES,
      annotated: ANNOTATED,
      megabytes: Number((bytes / 1024 / 1024).toFixed(1)),
      runs: RUNS,
      uploadSeconds: upload.map((value) => Number(value.toFixed(1))),
      copySeconds: copy.map((value) => Number(value.toFixed(2))),
      uploadMedianSeconds: Number(median(upload).toFixed(1)),
      uploadLinesPerSecond: Math.round(LINES / median(upload)),
      copyMedianSeconds: Number(median(copy).toFixed(2)),
      ratio: Number((median(upload) / median(copy)).toFixed(1)),
      machine: `${cpus().length} × ${cpus()[0].model}, Node ${process.version}`,
    };
    console.log(JSON.stringify(summary, null, 2));
  } finally {
    await api.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${copyDb} WITH (FORCE)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
