import { DataSource } from 'typeorm';
import { ALL_MIGRATIONS } from '../../../../../migrations/index.js';
import { DEFAULT_DATABASE_CONNECT_TIMEOUT_MS, featureEntities } from '@clinrank/server-core';
import { FEATURE_MODULES } from '../feature-modules.js';
import { withMigrationLock } from './migration-lock.repository.js';

export interface DataSourceOptions {
  poolSize?: number;
  applicationName?: string;
  /** How long a query waits for a connection (a new one, or a free one from a full pool) before failing as unavailable. */
  connectTimeoutMs?: number;
}

/**
 * The one TypeORM data source: migrations, and the entities the feature modules declared with
 * `DatabaseModule.forFeature` (never a hand-kept list), never `synchronize`. The API, the CLI, the seed and the
 * migrator all build theirs here.
 */
export function createDataSource(url: string, options: DataSourceOptions = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: featureEntities(FEATURE_MODULES),
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: {
      max: options.poolSize ?? 20,
      application_name: options.applicationName ?? 'clinrank',
      connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_DATABASE_CONNECT_TIMEOUT_MS,
    },
  });
}

/** Connects and applies pending migrations; returns the names applied. */
export async function connectAndMigrate(dataSource: DataSource): Promise<string[]> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const applied = await withMigrationLock(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
  return applied.map((migration) => migration.name);
}
