#!/usr/bin/env node
/**
 * Sign-in timing of an unknown username against a real one with a wrong password (issue 13, finding 3: 8 ms against
 * 417 ms let usernames be enumerated). Runs the built API (NODE_ENV=production) on a fresh database of the local
 * PostgreSQL; each attempt comes from its own X-Forwarded-For address so the per-IP limit stays out of the way.
 *
 *   node scripts/build.mjs && flock /tmp/clinrank-bench.lock node bench/login-timing.mjs [--attempts 20] [--port 3932]
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { databaseUrl, SERVER_URL, wholeNumberOption } from './bench-options.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ATTEMPTS = wholeNumberOption('attempts', 20);
const PORT = wholeNumberOption('port', 3932);
const API = `http://127.0.0.1:${PORT}`;

async function admin(sql) {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

async function attempt(username, ip) {
  const started = performance.now();
  const response = await fetch(`${API}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({
      query: `mutation ($u: String!) { login(input: {username: $u, password: "not-the-password"}) { token } }`,
      variables: { u: username },
    }),
  });
  const body = await response.json();
  return { ms: performance.now() - started, message: body.errors?.[0]?.message };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const name = `clinrank_bench_login_${process.pid}`;
await admin(`CREATE DATABASE ${name}`);
const env = {
  ...process.env,
  NODE_ENV: 'production',
  JWT_SECRET: randomBytes(32).toString('hex'),
  PORT: String(PORT),
  HOST: '127.0.0.1',
  DATABASE_URL: databaseUrl(name),
  SEED_DEMO: 'false',
  LOG_LEVEL: 'warn',
};
const server = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
  cwd: root,
  env,
  stdio: ['ignore', 'ignore', 'pipe'],
});
try {
  await new Promise((resolve, reject) => {
    server.stderr.on('data', (chunk) => /clinrank is running/.test(chunk.toString()) && resolve());
    server.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  const created = spawnSync(
    process.execPath,
    [
      join(root, 'bin/clinrank.mjs'),
      'users',
      'create',
      '--username',
      'dr-real',
      '--role',
      'annotator',
      '--password-stdin',
    ],
    { cwd: root, env, input: 'the-real-password-1\n', encoding: 'utf8' },
  );
  if (created.status !== 0) throw new Error(`clinrank users create failed: ${created.stderr}`);
  const unknown = [];
  const known = [];
  const messages = new Set();
  for (let index = 0; index < ATTEMPTS; index += 1) {
    const a = await attempt(`nobody-${index}`, `10.9.${index}.1`);
    const b = await attempt('dr-real', `10.8.${index}.1`);
    unknown.push(a.ms);
    known.push(b.ms);
    messages.add(a.message).add(b.message);
  }
  process.stdout.write(
    `| attempts | unknown user (median) | real user, wrong password (median) | ratio | distinct replies |\n|---|---|---|---|---|\n`,
  );
  process.stdout.write(
    `| ${ATTEMPTS} each | ${median(unknown).toFixed(0)} ms | ${median(known).toFixed(0)} ms | ${(median(unknown) / median(known)).toFixed(2)} | ${messages.size}: ${[...messages].join(' / ')} |\n`,
  );
} finally {
  if (server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
