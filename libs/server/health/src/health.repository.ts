import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { defineSql } from '@clinrank/server-core';

const APPLIED_MIGRATIONS = defineSql(
  'health.applied-migrations',
  `SELECT (SELECT count(*) FROM schema_migrations) AS migrations`,
);

/** The health check's one question to the database, which also proves it answers. */
@Injectable()
export class HealthRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async appliedMigrations(): Promise<number> {
    const [row]: { migrations: string }[] = await this.dataSource.query(APPLIED_MIGRATIONS.text);
    return Number(row.migrations);
  }
}
