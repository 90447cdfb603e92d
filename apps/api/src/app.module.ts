import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import {
  AuthGuard,
  DatabaseModule,
  DtoValidationPipe,
  APP_CONFIG,
  type AppConfig,
  graphqlOptions,
  GraphQLErrorFilter,
  SafeTextPipe,
  LOGGER,
} from '@clinrank/server-core';
import { FEATURE_MODULES, jwtModule } from '@clinrank/server-app';

export interface AppModuleOptions {
  config: AppConfig;
  dataSource: DataSource;
  logger: Logger;
}

// Far above any query the web client or CLI sends (a few hundred tokens), far below what stalls the parser.
const GRAPHQL_MAX_TOKENS = 20_000;

@Module({})
export class AppModule {
  static forRoot({ config, dataSource, logger }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        DatabaseModule.forRoot(dataSource),
        jwtModule(config),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          ...graphqlOptions({
            production: config.nodeEnv === 'production',
            limits: {
              maxDepth: config.graphqlMaxDepth,
              maxCost: config.graphqlMaxCost,
              maxAliases: config.graphqlMaxAliases,
              maxTokens: GRAPHQL_MAX_TOKENS,
            },
            logger,
          }),
        }),
        ...FEATURE_MODULES,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useFactory: () => new GraphQLErrorFilter(logger) },
        { provide: APP_PIPE, useValue: new SafeTextPipe() },
        {
          provide: APP_PIPE,
          useValue: new DtoValidationPipe({
            transform: true,
            whitelist: true,
            forbidUnknownValues: false,
            stopAtFirstError: false,
          }),
        },
      ],
      exports: [APP_CONFIG, LOGGER],
    };
  }
}
