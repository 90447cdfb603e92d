/** What the queue's statement benches share: a pairwise project of imported items, accounts, and the timing. */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { median } from './import-bench-support.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs the CLI of this checkout against `url`; throws with its stderr when it fails. */
export function cli(url, args, input) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/clinrank.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
    input,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`clinrank ${args.join(' ')} failed: ${result.stderr}`);
}

/** Migrates, then creates a pairwise project (overlap 3) and imports `items` English items of two answers each. */
export function migratedPairwiseProject(url, slug, items) {
  cli(url, ['db', 'migrate']);
  cli(url, ['projects', 'create', '--slug', slug, '--name', slug, '--kind', 'pairwise', '--overlap', '3']);
  const file = join(tmpdir(), `clinrank-${slug}-${process.pid}.jsonl`);
  const lines = Array.from({ length: items }, (_, index) =>
    JSON.stringify({
      id: `q${index}`,
      language: 'en',
      prompt: `Question ${index} about blood pressure?`,
      responses: [
        { id: 'a', text: `Answer A ${index}`, model: 'model-a' },
        { id: 'b', text: `Answer B ${index}`, model: 'model-b' },
      ],
    }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
  try {
    cli(url, ['import', '--project', slug, file]);
  } finally {
    rmSync(file, { force: true });
  }
}

/** An annotator account with a random password. */
export function createAnnotator(url, username) {
  cli(
    url,
    ['users', 'create', '--username', username, '--role', 'annotator', '--password-stdin'],
    `${randomBytes(12).toString('hex')}\n`,
  );
}

/**
 * Times the statement `runs` times as the API runs it (a named prepared statement, each in a transaction rolled back)
 * and explains it once: the median wall time and the plan's root.
 */
export async function timeStatement(client, text, parameters, runs) {
  const times = [];
  for (let run = 0; run < runs; run += 1) {
    await client.query('BEGIN');
    const started = performance.now();
    await client.query({ name: 'candidate', text, values: parameters });
    times.push(performance.now() - started);
    await client.query('ROLLBACK');
  }
  await client.query('BEGIN');
  const explained = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text}`, parameters);
  await client.query('ROLLBACK');
  const plan = explained.rows[0]['QUERY PLAN'][0].Plan;
  return { medianMs: median(times), buffers: plan['Shared Hit Blocks'] + plan['Shared Read Blocks'], plan };
}
