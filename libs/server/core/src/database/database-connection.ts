import pg from 'pg';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import {
  embeddedClusterExists,
  embeddedUrl,
  runningEmbeddedServer,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from './embedded-postgres.js';
import { DatabaseProbeRepository } from './database-probe.repository.js';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  /** Stops the embedded server if this process started it. */
  release(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /**
   * Only use an embedded server another clinrank process runs on this data directory; never start one (the worker:
   * a server it started would stop with it, and a new one would be empty).
   */
  attachOnly?: boolean;
  /** Told when this process creates a new, empty embedded database (the CLI prints it so it is never silent). */
  onNewDatabase?: (dataDir: string) => void;
}

/** The database could not be opened as configured; the message says what to do. */
export class DatabaseUnavailableError extends Error {}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await new DatabaseProbeRepository(client).ping();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * DATABASE_URL when set; otherwise the embedded server of the data directory. A server another clinrank process
 * (`npm start`, or a CLI) already runs there is found through PostgreSQL's lock file in the data directory, which
 * names its port, so the CLI and the worker share it even when their EMBEDDED_PG_PORT differs from the server's.
 */
export async function openDatabase(
  config: AppConfig,
  logger: Logger,
  options: OpenDatabaseOptions = {},
): Promise<DatabaseHandle> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, release: async () => undefined };
  const running = runningEmbeddedServer(config.dataDir);
  if (running?.alive) {
    const url = embeddedUrl(running.port);
    if (!(await canConnect(url))) {
      throw new DatabaseUnavailableError(
        `the embedded PostgreSQL of ${config.dataDir} (pid ${running.pid}, port ${running.port}) does not answer; wait for it to finish starting, or stop it`,
      );
    }
    logger.info(
      { port: running.port, dataDir: config.dataDir },
      'using the embedded PostgreSQL another clinrank process runs',
    );
    return { url, embedded: true, release: async () => undefined };
  }
  if (options.attachOnly) {
    throw new DatabaseUnavailableError(
      `no embedded PostgreSQL is running on ${config.dataDir}: start the server there first (npm start), run this from the same folder or with the same CLINRANK_DATA_DIR, or set DATABASE_URL`,
    );
  }
  const isNew = !embeddedClusterExists(config.dataDir);
  const server: EmbeddedDatabase = await startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, logger);
  if (isNew) options.onNewDatabase?.(config.dataDir);
  return { url: server.url, embedded: true, release: () => server.stop() };
}

/** Checks a DATABASE_URL answers, turning driver errors into one actionable line. */
export async function assertReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    const safeUrl = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
    throw new Error(`DATABASE_URL: cannot connect to ${safeUrl}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
