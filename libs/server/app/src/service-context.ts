import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, BACKGROUND_WORK, DatabaseModule, LOGGER } from '@clinrank/server-core';
import { TaskService } from '@clinrank/server-task';
import { AuditService } from '@clinrank/server-audit';
import { BertScoreService, TrainingService } from '@clinrank/server-training';
import { EvaluationService } from '@clinrank/server-evaluation';
import { DatasetService } from '@clinrank/server-dataset';
import { UsersService } from '@clinrank/server-identity';
import { ItemBrowseService, ItemImportService } from '@clinrank/server-item';
import { LabelService } from '@clinrank/server-label';
import { ProjectService } from '@clinrank/server-project';
import { ProgressService, ReviewService } from '@clinrank/server-review';
import { FEATURE_MODULES } from './feature-modules.js';
import { jwtModule } from './jwt-module.js';

export interface ServiceContextOptions {
  config: AppConfig;
  /** Initialized (and migrated) by the caller, who also destroys it after `close()`. */
  dataSource: DataSource;
  /** The features' logger (LOGGER); silent when absent. */
  logger?: Logger;
}

/**
 * The API's feature modules without its HTTP server, GraphQL schema, guards or pipes: the root module of the CLI, the
 * demo seed and tests. Heavy statistics run inline (no worker-thread pool to start for one command) and no
 * background work (the training supervisor) starts.
 */
@Module({})
export class ServiceContextModule {
  static forRoot({ config, dataSource, logger }: ServiceContextOptions): DynamicModule {
    return {
      module: ServiceContextModule,
      global: true,
      imports: [DatabaseModule.forRoot(dataSource), jwtModule(config), ...FEATURE_MODULES],
      providers: [
        { provide: APP_CONFIG, useValue: { ...config, computeThreads: 0 } satisfies AppConfig },
        { provide: LOGGER, useValue: logger ?? pino({ level: 'silent' }) },
        { provide: BACKGROUND_WORK, useValue: false },
      ],
      exports: [APP_CONFIG, LOGGER, BACKGROUND_WORK],
    };
  }
}

/** The feature services that commands and tests call, taken from a started application of the feature modules. */
export function servicesOf(app: INestApplicationContext) {
  return {
    audit: app.get(AuditService),
    users: app.get(UsersService),
    projects: app.get(ProjectService),
    imports: app.get(ItemImportService),
    items: app.get(ItemBrowseService),
    tasks: app.get(TaskService),
    labels: app.get(LabelService),
    progress: app.get(ProgressService),
    review: app.get(ReviewService),
    evaluation: app.get(EvaluationService),
    datasets: app.get(DatasetService),
    training: app.get(TrainingService),
    bertScore: app.get(BertScoreService),
  };
}

export type Services = ReturnType<typeof servicesOf>;

export interface ServiceContext {
  app: INestApplicationContext;
  services: Services;
  /** Closes the application: the job queue's pool and timers, the compute pool. The data source stays open. */
  close(): Promise<void>;
}

/** Starts the feature modules on an open data source, with no server, for one command (or one test file). */
export async function startServiceContext(options: ServiceContextOptions): Promise<ServiceContext> {
  // logger: false keeps Nest's start-up lines off the CLI's stdout (JSON); errors still reject, abortOnError: false
  // stops Nest from exiting the process on them.
  const app = await NestFactory.createApplicationContext(ServiceContextModule.forRoot(options), {
    logger: false,
    abortOnError: false,
  });
  return { app, services: servicesOf(app), close: () => app.close() };
}
