import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { joinClusterMetrics, serveClusterMetrics, type AppConfig } from '@clinrank/server-core';
import { prepareDatabase, serveApi, type PreparedDatabase } from './platform.js';

// API_WORKERS > 1: the primary prepares the database once (migrations, the API role, the demo seed, the embedded
// server if any) and forks that many API processes, which share the port through Node's cluster module. The workers
// are stateless over the one PostgreSQL, exactly as separate replicas are.
const APP_URL_VARIABLE = 'CLINRANK_CLUSTER_APP_URL';
const READY = 'clinrank:worker-ready';
/** A worker that dies this soon after starting, this many times in a row, means the deployment is broken. */
const EARLY_DEATH_MS = 10_000;
const MAX_EARLY_DEATHS = 3;
const STOP_TIMEOUT_MS = 30_000;

export interface ClusterBanner {
  url: string;
  demoAccounts: string[];
  workers: number;
}

interface ReadyMessage {
  type: typeof READY;
  url: string;
  demoAccounts: string[];
}

/** True in a process that the primary forked to serve the API. */
export const isApiWorker = () => cluster.isWorker && Boolean(process.env[APP_URL_VARIABLE]);

/** In a forked worker: serve the API on the prepared database, tell the primary, and stop cleanly on a signal. */
export async function runApiWorker(config: AppConfig, logger: Logger): Promise<void> {
  joinClusterMetrics();
  const served = await serveApi(config, logger, process.env[APP_URL_VARIABLE]!);
  process.send?.({ type: READY, url: served.url, demoAccounts: served.demoAccounts } satisfies ReadyMessage);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await served.close().catch((error: Error) => logger.error({ err: error }, 'worker: unclean shutdown'));
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

/** In the primary: prepare once, fork the workers, restart one that dies, and stop them all on a signal. */
export async function runApiPrimary(
  config: AppConfig,
  logger: Logger,
  onReady: (banner: ClusterBanner) => void,
): Promise<void> {
  const prepared = await prepareDatabase(config, logger);
  serveClusterMetrics();
  let stopping = false;
  let earlyDeaths = 0;
  let announced = false;
  const readyWorkers = new Set<number>();

  const fork = (): Worker => {
    const startedAt = Date.now();
    const worker = cluster.fork({ [APP_URL_VARIABLE]: prepared.appUrl });
    worker.on('message', (message: ReadyMessage) => {
      if (message?.type !== READY) return;
      readyWorkers.add(worker.id);
      earlyDeaths = 0;
      if (!announced && readyWorkers.size === config.apiWorkers) {
        announced = true;
        onReady({ url: message.url, demoAccounts: message.demoAccounts, workers: config.apiWorkers });
      }
    });
    worker.on('exit', (code, signal) => {
      readyWorkers.delete(worker.id);
      if (stopping) return;
      earlyDeaths = Date.now() - startedAt < EARLY_DEATH_MS ? earlyDeaths + 1 : 0;
      if (earlyDeaths >= MAX_EARLY_DEATHS) {
        logger.fatal({ code, signal }, `API workers keep dying at start (${earlyDeaths} in a row): stopping`);
        void stopAll(prepared, logger, 1);
        return;
      }
      logger.error({ pid: worker.process.pid, code, signal }, 'an API worker died: starting another');
      fork();
    });
    return worker;
  };

  const stopAll = async (database: PreparedDatabase, log: Logger, exitCode: number) => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker =>
      Boolean(worker && !worker.isDead()),
    );
    await Promise.all(workers.map((worker) => stopWorker(worker)));
    await database.database
      .release()
      .catch((error: Error) => log.error({ err: error }, 'releasing the database failed'));
    process.exit(exitCode);
  };

  for (let index = 0; index < config.apiWorkers; index++) fork();
  const onSignal = (signal: string) => {
    if (stopping) return;
    logger.info({ signal }, 'shutting down: draining the API workers');
    void stopAll(prepared, logger, 0);
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}

function stopWorker(worker: Worker): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(() => worker.process.kill('SIGKILL'), STOP_TIMEOUT_MS);
    worker.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    worker.process.kill('SIGTERM');
  });
}
