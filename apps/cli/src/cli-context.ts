import { userInfo } from 'node:os';
import type { DataSource } from 'typeorm';
import {
  loadConfig,
  type AppConfig,
  assertReachable,
  openDatabase,
  createLogger,
  type Actor,
} from '@clinrank/server-core';
import {
  connectAndMigrate,
  createDataSource,
  startServiceContext,
  type ServiceContext,
  type Services,
} from '@clinrank/server-app';

export interface CliContext {
  config: AppConfig;
  dataSource: DataSource;
  services: Services;
  actor: Actor;
  applied: string[];
}

/** The operator on the command line, as the audit log names them: `cli:<os user>`. */
export function cliActor(): Actor {
  let osUser = process.env.USER || process.env.LOGNAME || 'unknown';
  try {
    osUser = userInfo().username;
  } catch {
    // keep the environment's name: some containers run as a uid with no passwd entry
  }
  return { kind: 'cli', osUser };
}

/**
 * Opens the same database the server uses (DATABASE_URL, or the embedded one), migrated, and starts the API's feature
 * modules on it (no server) for one command.
 */
export async function withDatabase<T>(run: (context: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL || 'warn');
  const database = await openDatabase(config, logger, { onNewDatabase: announceNewDatabase });
  const dataSource = createDataSource(database.url, { poolSize: 4, applicationName: 'clinrank-cli' });
  let context: ServiceContext | null = null;
  try {
    if (!database.embedded) await assertReachable(database.url);
    const applied = await connectAndMigrate(dataSource);
    context = await startServiceContext({ config, dataSource, logger });
    return await run({ config, dataSource, services: context.services, actor: cliActor(), applied });
  } finally {
    // Closing the application closes what the features opened (a queued training run opens the job queue, whose
    // connections and timers would keep the process alive); the data source is ours to destroy after it.
    await context?.close();
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.release();
  }
}

/** A new embedded database is empty: say so, since the operator most likely meant the server's existing one. */
function announceNewDatabase(dataDir: string) {
  process.stderr.write(
    `clinrank: created a new, empty embedded database in ${dataDir}; if the server keeps its data elsewhere, set CLINRANK_DATA_DIR or DATABASE_URL\n`,
  );
}

/** Reads all of standard input (for --password-stdin and piped JSON lines). */
export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function printJson(value: unknown) {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
