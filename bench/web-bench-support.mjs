// Shared by bench/web-first-load.mjs and bench/web-next-task.mjs: build, a fresh database, the API with the demo
// seed on a free port, Debian's Chromium, and a browser sign-in.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { databaseUrl, SERVER_URL } from './bench-options.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function admin(sql) {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Production build of the API and the UI. */
export function build() {
  if (process.env.BENCH_API_URL) {
    // Only the UI: the API is already running elsewhere.
    const web = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(ROOT, 'apps/web/vite.config.ts')],
      { cwd: join(ROOT, 'apps/web'), stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (web.status !== 0) throw new Error('web build failed');
    return;
  }
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('build failed');
}

/** Starts the API (NODE_ENV=test: production refuses the demo accounts) on a fresh database, or uses BENCH_API_URL; returns { url, stop }. */
export async function startApi() {
  if (process.env.BENCH_API_URL) return { url: process.env.BENCH_API_URL, stop: async () => undefined };
  const name = `clinrank_webbench_${process.pid}`;
  await admin(`DROP DATABASE IF EXISTS ${name}`);
  await admin(`CREATE DATABASE ${name}`);
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl(name),
      SEED_DEMO: 'true',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const fail = async (message) => {
    child.kill('SIGKILL');
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw new Error(message);
  };
  for (let waited = 0; ; waited += 250) {
    if (child.exitCode !== null) await fail(`the API exited with ${child.exitCode}`);
    if (waited > 90_000) await fail('the API did not start');
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  return {
    url,
    stop: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))]);
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Debian's Chromium, headless. */
export async function launch() {
  if (!existsSync('/usr/bin/chromium')) throw new Error('/usr/bin/chromium is missing (apt-get install -y chromium)');
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/** GraphQL over HTTP. */
export async function graphql(url, query, variables = {}, token) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '));
  return body.data;
}

/** Signs in through the login form and waits for the workspace to show a task. */
export async function signIn(page, url, username) {
  await page.goto(`${url}/#/login`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill('demo');
  await page.keyboard.press('Enter');
  await page.waitForURL(/#\/work/);
}

/** The p-th percentile (nearest rank) of a list of numbers. */
export function percentile(values, p) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
