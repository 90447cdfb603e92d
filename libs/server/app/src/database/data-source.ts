import { DataSource } from 'typeorm';
import { ALL_MIGRATIONS } from '../../../../../migrations/index.js';
import { ENTITIES } from './entities.js';
import { withMigrationLock } from './migration-lock.repository.js';

/** The one TypeORM data source: explicit entities and migrations, never `synchronize`. */
export function createDataSource(
  url: string,
  options: { poolSize?: number; applicationName?: string } = {},
): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
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
