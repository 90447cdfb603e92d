#!/usr/bin/env node
// Smoke test of the zero-setup default: no DATABASE_URL, so the server starts its embedded PostgreSQL, seeds the demo,
// answers /health, accepts a demo login, and stops cleanly (embedded server included) on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const freePort = () =>
  new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
const [port, pgPort] = [await freePort(), await freePort()];
const dataDir = mkdtempSync(join(tmpdir(), 'clinrank-smoke-'));
const env = {
  ...process.env,
  PORT: String(port),
  EMBEDDED_PG_PORT: String(pgPort),
  CLINRANK_DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
};
delete env.DATABASE_URL;
delete env.NODE_ENV;

function fail(message) {
  process.stderr.write(`smoke: FAILED: ${message}\n`);
  server.kill('SIGKILL');
  process.exit(1);
}

const server = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
  cwd: root,
  env,
  stdio: ['ignore', 'inherit', 'pipe'],
});
let banner = '';
server.stderr.on('data', (chunk) => {
  banner += chunk;
  process.stderr.write(chunk);
});
const deadline = Date.now() + 90_000;
let health = null;
while (Date.now() < deadline && !health) {
  await new Promise((ok) => setTimeout(ok, 500));
  if (server.exitCode !== null) fail(`the server exited with ${server.exitCode}`);
  health = await fetch(`http://127.0.0.1:${port}/health`)
    .then((r) => (r.ok ? r.json() : null))
    .catch(() => null);
}
if (!health) fail('no /health within 90 s');
if (health.database?.state !== 'up' || health.database?.embedded !== true)
  fail(`unexpected health ${JSON.stringify(health)}`);
if (!banner.includes('clinician1')) fail('the banner does not list the demo logins');
const login = await fetch(`http://127.0.0.1:${port}/graphql`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    query: 'mutation { login(input: {username: "clinician1", password: "demo"}) { token user { role } } }',
  }),
}).then((r) => r.json());
if (login.data?.login?.user?.role !== 'annotator') fail(`demo login failed: ${JSON.stringify(login)}`);
const page = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
if (!page.includes('<div id="root"')) fail('the UI is not served at /');
server.kill('SIGTERM');
const code = await new Promise((ok) => server.on('exit', (exitCode) => ok(exitCode)));
if (code !== 0) fail(`the server exited with ${code} after SIGTERM`);
const stillUp = await new Promise((ok) => {
  const s = createServer();
  s.once('error', () => ok(true));
  s.listen(pgPort, '127.0.0.1', () => s.close(() => ok(false)));
});
if (stillUp) fail('the embedded PostgreSQL is still running after shutdown');
rmSync(dataDir, { recursive: true, force: true });
process.stdout.write('smoke: embedded default OK (start, /health, demo login, UI, clean stop)\n');
