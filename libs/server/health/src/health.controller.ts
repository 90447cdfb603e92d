import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { LOGGER, APP_CONFIG, type AppConfig, Public, assertMetricsAccess, scrapeMetrics } from '@clinrank/server-core';
import { HealthRepository } from './health.repository.js';

@Controller()
export class HealthController {
  constructor(
    @Inject(HealthRepository) private readonly repository: HealthRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Public()
  @Get('health')
  async health(@Res() response: Response): Promise<void> {
    const started = performance.now();
    try {
      const migrations = await this.repository.appliedMigrations();
      response.status(200).json({
        status: 'ok',
        database: {
          state: 'up',
          embedded: this.config.databaseUrl === null,
          migrations,
          latencyMs: Math.round(performance.now() - started),
        },
      });
    } catch (error) {
      // The cause goes to the log (scrubbed), never to an anonymous caller: it can name hosts, roles and databases.
      const reference = randomUUID();
      this.logger.warn({ err: error, reference }, 'health check: the database does not answer');
      response.status(503).json({ status: 'degraded', reference });
    }
  }

  /** Prometheus scrape endpoint: needs METRICS_TOKEN when set, and is off on a non-loopback HOST without one. */
  @Public()
  @Get('metrics')
  async metrics(@Headers('authorization') authorization: string | undefined, @Res() response: Response): Promise<void> {
    assertMetricsAccess(this.config, authorization);
    const { contentType, body } = await scrapeMetrics();
    response.type(contentType).send(body);
  }
}
