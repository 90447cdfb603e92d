import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import {
  API_CONNECTIONS_BESIDES_POOL,
  type AppConfig,
  assertReachable,
  connectionBudgetProblem,
  DatabaseProbeRepository,
  openDatabase,
  type DatabaseHandle,
  prepareAppRole,
  httpRequestDuration,
  requestScope,
  PinoNestLogger,
  SessionUsers,
} from '@clinrank/server-core';
import { connectAndMigrate, createDataSource } from '@clinrank/server-app';
import { SessionChangeFeed, UserRepository } from '@clinrank/server-identity';
import { seedDemoData, type SeedSummary } from './seed/demo-seed.js';

export interface RunningPlatform {
  app: NestExpressApplication;
  url: string;
  dataSource: DataSource;
  database: DatabaseHandle;
  seeded: SeedSummary | null;
  /** Demo accounts present in the database (none in production), for the start-up banner. */
  demoAccounts: string[];
  /** Account changes made by other processes, delivered to this one's session cache. */
  sessionFeed: SessionChangeFeed;
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

const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'script-src': ["'self'"],
};

/**
 * Helmet's headers as a fixed list: with static directives they do not depend on the request, so helmet runs once per
 * variant at start-up (onto a recorder) instead of rebuilding the same twelve headers on every request.
 */
function recordedHeaders(middleware: ReturnType<typeof helmet>): (response: Response) => void {
  const set: [string, string][] = [];
  const removed: string[] = [];
  let finished = false;
  const recorder = {
    setHeader: (name: string, value: unknown) => set.push([name, String(value)]),
    removeHeader: (name: string) => removed.push(name),
  };
  middleware({} as Request, recorder as unknown as Response, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished || set.length === 0) throw new Error('helmet did not set its headers synchronously');
  return (response) => {
    for (const name of removed) response.removeHeader(name);
    for (const [name, value] of set) response.setHeader(name, value);
  };
}

/**
 * Helmet's headers. `upgrade-insecure-requests` only when the client reached us over HTTPS (HTTPS=true, or a trusted
 * proxy's X-Forwarded-Proto): sent over plain HTTP it makes the browser fetch every asset over https, and the UI is blank.
 */
function securityHeaders(https: boolean) {
  const overHttps = recordedHeaders(
    helmet({ contentSecurityPolicy: { directives: { ...CSP_DIRECTIVES, 'upgrade-insecure-requests': [] } } }),
  );
  const overHttp = recordedHeaders(
    helmet({ contentSecurityPolicy: { directives: { ...CSP_DIRECTIVES, 'upgrade-insecure-requests': null } } }),
  );
  return (request: Request, response: Response, next: NextFunction) => {
    (https || request.secure ? overHttps : overHttp)(response);
    next();
  };
}

function serveWebApp(app: NestExpressApplication, webDir: string, logger: Logger) {
  if (!existsSync(join(webDir, 'index.html'))) {
    logger.warn({ webDir }, 'the web UI is not built; run npm run build');
    return;
  }
  app.useStaticAssets(webDir, {
    index: false,
    maxAge: '1h',
    setHeaders: (res, path) => path.endsWith('.html') && res.setHeader('Cache-Control', 'no-cache'),
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || API_PREFIXES.some((prefix) => request.path.startsWith(prefix))) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(join(webDir, 'index.html'));
  });
}

/** Every API process fills its pool under load: say so at start when together they would pass max_connections. */
async function warnIfPoolsExceedConnections(owner: DataSource, config: AppConfig, logger: Logger): Promise<void> {
  const limit = await new DatabaseProbeRepository(owner).connectionLimit();
  const problem = connectionBudgetProblem(
    limit,
    config.apiWorkers,
    config.databasePoolSize,
    API_CONNECTIONS_BESIDES_POOL,
  );
  if (problem) logger.warn({ ...limit, apiWorkers: config.apiWorkers, poolSize: config.databasePoolSize }, problem);
}

/** Migrates as the owner and prepares the API's own role; returns the URL the API connects with. */
async function migrateAsOwner(ownerUrl: string, config: AppConfig, logger: Logger): Promise<string> {
  const owner = createDataSource(ownerUrl, { poolSize: 2, applicationName: 'clinrank-migrate' });
  try {
    const applied = await connectAndMigrate(owner);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    await warnIfPoolsExceedConnections(owner, config, logger);
    return await prepareAppRole(owner, { ownerUrl, appUrl: config.databaseAppUrl }, logger);
  } finally {
    if (owner.isInitialized) await owner.destroy();
  }
}

/** The database made ready once per deployment start: opened (or the embedded server started), migrated, seeded. */
export interface PreparedDatabase {
  database: DatabaseHandle;
  /** Where API processes connect: the API's own role. */
  appUrl: string;
  seeded: SeedSummary | null;
}

/** Opens the database, migrates as the owner, prepares the API's role and seeds the demo when asked. */
export async function prepareDatabase(config: AppConfig, logger: Logger): Promise<PreparedDatabase> {
  const database = await openDatabase(config, logger);
  try {
    if (!database.embedded) await assertReachable(database.url);
    const appUrl = await migrateAsOwner(database.url, config, logger);
    const seeded = config.seedDemo ? await seedOnce(appUrl, config, logger) : null;
    return { database, appUrl, seeded };
  } catch (error) {
    await database.release();
    throw error;
  }
}

async function seedOnce(appUrl: string, config: AppConfig, logger: Logger): Promise<SeedSummary | null> {
  const dataSource = createDataSource(appUrl, { poolSize: 2, applicationName: 'clinrank-seed' });
  try {
    await dataSource.initialize();
    return await seedDemoData(dataSource, config, logger);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

export interface ServedApi {
  app: NestExpressApplication;
  url: string;
  dataSource: DataSource;
  /** Demo accounts present in the database (none in production), for the start-up banner. */
  demoAccounts: string[];
  /** Account changes made by other processes, delivered to this one's session cache. */
  sessionFeed: SessionChangeFeed;
  close(): Promise<void>;
}

/**
 * Node closes an idle connection after 5 s by default, so a clinician's next submit, after half a minute of reading,
 * opened a new one (as every request of the load bench with think time did). Node's headers timeout counts only while
 * a request is arriving, not while a connection idles, so it needs no change.
 */
function keepIdleConnections(server: HttpServer, seconds: number): void {
  server.keepAliveTimeout = seconds * 1000;
}

/** Serves the API and the UI from one process, connected to a database that prepareDatabase made ready. */
export async function serveApi(config: AppConfig, logger: Logger, appUrl: string): Promise<ServedApi> {
  const dataSource = createDataSource(appUrl, {
    applicationName: 'clinrank-api',
    poolSize: config.databasePoolSize,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
  });
  let sessionFeed: SessionChangeFeed | undefined;
  try {
    await dataSource.initialize();
    const demoAccounts: string[] =
      config.nodeEnv === 'production' ? [] : await new UserRepository(dataSource).demoUsernames();

    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, dataSource, logger }), {
      logger: new PinoNestLogger(logger),
      bodyParser: false,
    });
    app.set('trust proxy', 'loopback');
    // Express would hash every response body for an ETag; the API's answers are no-store POSTs that nothing
    // revalidates. The web's files keep their validators: the static middleware sets its own ETag, and the HTML
    // shell (sent with sendFile, which follows this setting) is revalidated by its Last-Modified.
    app.set('etag', false);
    app.use(requestScope);
    app.use(recordHttpMetrics);
    app.use(securityHeaders(config.https));
    app.useBodyParser('json', { limit: config.maxBodyBytes });
    serveWebApp(app, config.webDir, logger);
    keepIdleConnections(app.getHttpServer(), config.httpKeepAliveSeconds);
    const feed = new SessionChangeFeed(appUrl, app.get(SessionUsers), logger);
    sessionFeed = feed;
    await feed.start();
    await app.listen(config.port, config.host);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return {
      app,
      url: `http://localhost:${port}`,
      dataSource,
      demoAccounts,
      sessionFeed: feed,
      close: async () => {
        await feed.stop();
        await app.close();
        if (dataSource.isInitialized) await dataSource.destroy();
      },
    };
  } catch (error) {
    await sessionFeed?.stop();
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  }
}

/** Opens the database, migrates, seeds the demo when asked, and serves the API and the UI: one process. */
export async function startPlatform(config: AppConfig, logger: Logger): Promise<RunningPlatform> {
  const prepared = await prepareDatabase(config, logger);
  let served: ServedApi;
  try {
    served = await serveApi(config, logger, prepared.appUrl);
  } catch (error) {
    await prepared.database.release();
    throw error;
  }
  return {
    ...served,
    database: prepared.database,
    seeded: prepared.seeded,
    close: async () => {
      await served.close();
      await prepared.database.release();
    },
  };
}
