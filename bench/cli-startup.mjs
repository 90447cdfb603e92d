#!/usr/bin/env node
// Wall time of a cheap CLI command (`clinrank projects list`) on an existing, migrated database: process start,
// build check, module loading, connecting, the migration check and the command; wall and CPU (user + sys) time. With --baseline <checkout>, the
// same command of another checkout runs alternately with this one, so both see the same machine load.
//
//   DATABASE_URL=postgres://…/db node bench/cli-startup.mjs [--runs 15] [--baseline ../main-checkout]
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : fallback;
};
const runs = Number(option('--runs', '15'));
const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const baseline = option('--baseline', null);
const checkouts = baseline ? { baseline: resolve(baseline), this: here } : { this: here };
if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL to an existing database');

/** One run: wall and CPU (user + sys, from GNU time, of the process and its children) in milliseconds. */
function once(root) {
  const started = process.hrtime.bigint();
  const command = [process.execPath, join(root, 'bin/clinrank.mjs'), 'projects', 'list'];
  const result = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', ...command], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    encoding: 'utf8',
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${root}: exit ${result.status}\n${result.stderr}`);
  const lines = result.stderr.trim().split('\n');
  const [, user, sys] = lines.pop().split(' ');
  if (lines.length) process.stderr.write(`stderr of ${root}: ${lines.join('\n')}\n`);
  return { wall, cpu: (Number(user) + Number(sys)) * 1000 };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const samples = Object.fromEntries(Object.keys(checkouts).map((name) => [name, []]));
for (const root of Object.values(checkouts)) once(root); // build and migrate once, untimed
for (let run = 0; run < runs; run += 1)
  for (const [name, root] of Object.entries(checkouts)) samples[name].push(once(root));

for (const measure of ['wall', 'cpu']) {
  const of = (name) => samples[name].map((sample) => sample[measure]);
  for (const name of Object.keys(samples))
    console.log(
      `${measure.padEnd(4)} ${name.padEnd(8)} median ${median(of(name)).toFixed(0)} ms  ` +
        `min ${Math.min(...of(name)).toFixed(0)} ms  max ${Math.max(...of(name)).toFixed(0)} ms  ` +
        `(${runs} runs, ${checkouts[name]})`,
    );
  if (baseline) {
    const deltas = of('this').map((value, index) => value - of('baseline')[index]);
    console.log(
      `${measure.padEnd(4)} paired difference (this − baseline): median ${median(deltas).toFixed(0)} ms; ` +
        `ratio of medians ${(median(of('this')) / median(of('baseline'))).toFixed(3)}`,
    );
  }
}
