import { DataSource } from 'typeorm';
import { ALL_MIGRATIONS } from '../../../../../migrations/index.js';
import { featureEntities } from '@clinrank/server-core';
import { FEATURE_MODULES } from '../feature-modules.js';
import { withMigrationLock } from './migration-lock.repository.js';

export interface DataSourceOptions {
  poolSize?: number;
  applicationName?: string;
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
    extra: { max: options.poolSize ?? 20, application_name: options.applicationName ?? 'clinrank' },
  });
}

/** Connects and applies pending migrations; returns the names applied. */
export async function connectAndMigrate(dataSource: DataSource): Promise<string[]> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const applied = await withMigrationLock(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
  return applied.map((migration) => migration.name);
}
