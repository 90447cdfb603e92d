import { ConfigError, isLoopbackHost, loadConfig, type AppConfig, createLogger } from '@clinrank/server-core';
import { startPlatform, type RunningPlatform } from './platform.js';

function printBanner(platform: RunningPlatform, config: AppConfig) {
  const lines = [`clinrank is running at ${platform.url}/  (GraphQL ${platform.url}/graphql, health ${platform.url}/health)`];
  const exposed = !isLoopbackHost(config.host);
  if (platform.demoAccounts.length) {
    lines.push(`demo logins (password "demo"): ${platform.demoAccounts.join(', ')}`);
    if (exposed) lines.push(`WARNING: demo accounts with the public password "demo" are reachable on ${config.host}:${config.port}; deactivate them or set HOST=127.0.0.1`);
  }
  if (exposed && !config.metricsToken) lines.push(`/metrics is switched off: HOST ${config.host} is not loopback and METRICS_TOKEN is unset`);
  process.stderr.write(lines.join('\n') + '\n');
}

async function main() {
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

void main();
