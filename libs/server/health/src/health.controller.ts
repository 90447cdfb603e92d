import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { LOGGER, APP_CONFIG, type AppConfig, Public, assertMetricsAccess, metricsRegistry } from '@clinrank/server-core';

@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Public()
  @Get('health')
  async health(@Res() response: Response): Promise<void> {
    const started = performance.now();
    try {
      const [row] = await this.dataSource.query(`SELECT (SELECT count(*) FROM schema_migrations) AS migrations`);
      response.status(200).json({
        status: 'ok',
        database: { state: 'up', embedded: this.config.databaseUrl === null, migrations: Number(row.migrations), latencyMs: Math.round(performance.now() - started) },
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
    response.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  }
}
