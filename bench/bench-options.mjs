// Command-line options, databases, connections and generated statements shared by the benches that start their own databases.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The PostgreSQL server the benches use: DATABASE_URL, else the local one. */
export const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * `--name N`: a whole number of at least `min` (default 1), else `fallback`; anything else ends the bench with a message
 * and status 2.
 */
export function wholeNumberOption(name, fallback, { min = 1 } = {}) {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < min) {
    process.stderr.write(`option --${name} must be a whole number of at least ${min}\n`);
    process.exit(2);
  }
  return value;
}

/** `--name VALUE` as given, else `fallback`. */
export function textOption(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
}

/** The URL of database `name` on the benches' server. */
export function databaseUrl(name) {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `run` with a client connected to `url`, and closes the client. */
export async function withClient(url, run) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates database `name` on the benches' server, runs `run` with its URL, and drops it, whether `run` failed or not. */
export async function withScratchDatabase(name, run) {
  await withClient(SERVER_URL, (admin) => admin.query(`CREATE DATABASE ${name}`));
  try {
    return await run(databaseUrl(name));
  } finally {
    await withClient(SERVER_URL, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

/**
 * A statement as `npm run queries` wrote it to queries/<feature>.sql (the text the repository runs), or as an earlier
 * version of that file holds it (`file`).
 */
export function registeredStatement(name, file = join(ROOT, 'queries', `${name.slice(0, name.indexOf('.'))}.sql`)) {
  const text = readFileSync(file, 'utf8');
  const match = new RegExp(`^-- ${name.replace('.', '\\.')}\n([\\s\\S]*?);\n(?:\n|$)`, 'm').exec(text);
  if (!match) throw new Error(`${file} has no statement ${name}: run npm run queries`);
  return match[1];
}
