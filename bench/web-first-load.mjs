#!/usr/bin/env node
/**
 * Size of the annotator's first load: the JS and CSS the browser requests from opening the app, through the login
 * form, to the first task rendered in the labelling workspace. Sizes are measured on the built dist/web files
 * (raw and gzip -9, as a server or CDN would send them); the list of files comes from the page's network requests.
 *
 *   node bench/web-first-load.mjs   (DATABASE_URL: a PostgreSQL server, default postgres://postgres@127.0.0.1:5432/postgres;
 *                                    BENCH_API_URL=http://…: use an API already running with the demo seed instead)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, build, launch, log, signIn, startApi } from './web-bench-support.mjs';

const web = join(ROOT, 'dist/web');

function sizes(file) {
  const bytes = readFileSync(join(web, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

log('building');
build();
const api = await startApi();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const requested = new Set();
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (/\.(js|css)$/.test(path)) requested.add(path.replace(/^\//, ''));
  });
  await signIn(page, api.url, 'clinician1');
  await page.waitForSelector('[data-testid="workspace"][data-status="ready"]');
  await page.waitForLoadState('networkidle');
  const files = [...requested].sort().map(sizes);
  const all = readdirSync(join(web, 'assets'))
    .filter((file) => /\.(js|css)$/.test(file))
    .map((file) => sizes(`assets/${file}`));
  const sum = (list, key) => list.reduce((total, entry) => total + entry[key], 0);
  const leadChunks = files
    .filter((entry) => /(project|user|audit|disagreement|progress|item-review|ml-placeholder)-/.test(entry.file))
    .map((entry) => entry.file);
  console.log(
    JSON.stringify(
      {
        bench: 'web-first-load',
        page: 'login → labelling workspace (clinician1)',
        requests: files.length,
        firstLoadRawBytes: sum(files, 'raw'),
        firstLoadGzipBytes: sum(files, 'gzip'),
        firstLoadGzipKiB: Math.round(sum(files, 'gzip') / 102.4) / 10,
        wholeBundleGzipKiB: Math.round(sum(all, 'gzip') / 102.4) / 10,
        leadOrMlChunksLoaded: leadChunks,
        files,
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  await api.stop();
}
