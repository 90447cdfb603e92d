// Command-line options and database names shared by the benches that start their own databases.

/** The PostgreSQL server the benches use: DATABASE_URL, else the local one. */
export const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** `--name N`: a positive whole number, else `fallback`; anything else ends the bench with a message and status 2. */
export function wholeNumberOption(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value <= 0) {
    process.stderr.write(`option --${name} must be a positive whole number\n`);
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
