import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { type AppConfig, assertReachable, openDatabase, type DatabaseHandle, prepareAppRole, httpRequestDuration, requestScope, PinoNestLogger } from '@clinrank/server-core';
import { connectAndMigrate, createDataSource } from '@clinrank/server-app';
import { seedDemoData, type SeedSummary } from './seed/demo-seed.js';

export interface RunningPlatform {
  app: NestExpressApplication;
  url: string;
  dataSource: DataSource;
  database: DatabaseHandle;
  seeded: SeedSummary | null;
  /** Demo accounts present in the database (none in production), for the start-up banner. */
  demoAccounts: string[];
  close(): Promise<void>;
}

const API_PREFIXES = ['/graphql', '/health', '/metrics', '/api/'];

function recordHttpMetrics(request: Request, response: Response, next: NextFunction) {
  const stop = httpRequestDuration.startTimer({ method: request.method });
  response.on('finish', () => {
    const route = API_PREFIXES.find((prefix) => request.path.startsWith(prefix)) ?? 'static';
    stop({ route, status: String(response.statusCode) });
  });
  next();
}

const CSP_DIRECTIVES = { 'default-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'], 'script-src': ["'self'"] };

/**
 * Helmet's headers. `upgrade-insecure-requests` only when the client reached us over HTTPS (HTTPS=true, or a trusted
 * proxy's X-Forwarded-Proto): sent over plain HTTP it makes the browser fetch every asset over https, and the UI is blank.
 */
function securityHeaders(https: boolean) {
  const overHttps = helmet({ contentSecurityPolicy: { directives: { ...CSP_DIRECTIVES, 'upgrade-insecure-requests': [] } } });
  const overHttp = helmet({ contentSecurityPolicy: { directives: { ...CSP_DIRECTIVES, 'upgrade-insecure-requests': null } } });
  return (request: Request, response: Response, next: NextFunction) => (https || request.secure ? overHttps : overHttp)(request, response, next);
}

function serveWebApp(app: NestExpressApplication, webDir: string, logger: Logger) {
  if (!existsSync(join(webDir, 'index.html'))) {
    logger.warn({ webDir }, 'the web UI is not built; run npm run build');
    return;
  }
  app.useStaticAssets(webDir, { index: false, maxAge: '1h', setHeaders: (res, path) => path.endsWith('.html') && res.setHeader('Cache-Control', 'no-cache') });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || API_PREFIXES.some((prefix) => request.path.startsWith(prefix))) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(join(webDir, 'index.html'));
  });
}

/** Migrates as the owner and prepares the API's own role; returns the URL the API connects with. */
async function migrateAsOwner(ownerUrl: string, config: AppConfig, logger: Logger): Promise<string> {
  const owner = createDataSource(ownerUrl, { poolSize: 2, applicationName: 'clinrank-migrate' });
  try {
    const applied = await connectAndMigrate(owner);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    return await prepareAppRole(owner, { ownerUrl, appUrl: config.databaseAppUrl }, logger);
  } finally {
    if (owner.isInitialized) await owner.destroy();
  }
}

/** Opens the database, migrates, seeds the demo when asked, and serves the API and the UI. */
export async function startPlatform(config: AppConfig, logger: Logger): Promise<RunningPlatform> {
  const database = await openDatabase(config, logger);
  let dataSource: DataSource | null = null;
  try {
    if (!database.embedded) await assertReachable(database.url);
    const appUrl = await migrateAsOwner(database.url, config, logger);
    dataSource = createDataSource(appUrl, { applicationName: 'clinrank-api' });
    await dataSource.initialize();
    const seeded = config.seedDemo ? await seedDemoData(dataSource, config, logger) : null;
    const demoAccounts: string[] = config.nodeEnv === 'production' ? [] : (await dataSource.query(`SELECT username FROM users WHERE is_demo AND active ORDER BY created_at`)).map((row: { username: string }) => row.username);

    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, dataSource, logger }), {
      logger: new PinoNestLogger(logger),
      bodyParser: false,
    });
    app.set('trust proxy', 'loopback');
    app.use(requestScope);
    app.use(recordHttpMetrics);
    app.use(securityHeaders(config.https));
    app.useBodyParser('json', { limit: config.maxBodyBytes });
    serveWebApp(app, config.webDir, logger);
    await app.listen(config.port, config.host);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const openedSource = dataSource;
    return {
      app,
      url: `http://localhost:${port}`,
      dataSource,
      database,
      seeded,
      demoAccounts,
      close: async () => {
        await app.close();
        if (openedSource.isInitialized) await openedSource.destroy();
        await database.release();
      },
    };
  } catch (error) {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database.release();
    throw error;
  }
}
