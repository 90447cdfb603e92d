import pg from 'pg';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  /** Stops the embedded server if this process started it. */
  release(): Promise<void>;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * DATABASE_URL when set; otherwise the embedded server under the data directory, reusing one that another clinrank
 * process (the server, or a CLI) already runs there.
 */
export async function openDatabase(config: AppConfig, logger: Logger): Promise<DatabaseHandle> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, release: async () => undefined };
  const sharedUrl = `postgres://clinrank:clinrank@127.0.0.1:${config.embeddedPostgresPort}/clinrank`;
  if (await canConnect(sharedUrl)) {
    logger.info({ port: config.embeddedPostgresPort }, 'using the embedded PostgreSQL another clinrank process started');
    return { url: sharedUrl, embedded: true, release: async () => undefined };
  }
  const server: EmbeddedDatabase = await startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, logger);
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
