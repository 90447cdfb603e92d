import type { DataSource } from 'typeorm';
import { loadConfig } from '@clinrank/server-core';
import { connectAndMigrate, createDataSource, startServiceContext, type Services } from '@clinrank/server-app';
import { createTestDatabase, stopEmbeddedServer, type TestDatabase } from './test-database.js';

export const SYSTEM_ACTOR = { kind: 'system' as const, name: 'medium-test' };

/** A migrated database of its own and the feature services over it (a service context), for "medium" tests. */
export interface MediumContext {
  dataSource: DataSource;
  services: Services;
  close(): Promise<void>;
}

/** A fresh test database with the platform's schema and no services, for specs that drive the worker's SQL. */
export async function createMigratedTestDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  const dataSource = createDataSource(database.url, { poolSize: 2 });
  await connectAndMigrate(dataSource);
  await dataSource.destroy();
  return database;
}

export async function startMediumContext(): Promise<MediumContext> {
  const database: TestDatabase = await createTestDatabase();
  const dataSource = createDataSource(database.url, { poolSize: 4, applicationName: 'clinrank-medium-test' });
  await connectAndMigrate(dataSource);
  const context = await startServiceContext({
    config: loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, LOG_LEVEL: 'silent' }),
    dataSource,
  });
  return {
    dataSource,
    services: context.services,
    close: async () => {
      await context.close();
      await dataSource.destroy();
      await database.drop();
      await stopEmbeddedServer();
    },
  };
}

/** One pairwise project with `items` English items of two model answers each, and one annotator. */
export async function pairwiseProjectWithAnnotator(
  context: MediumContext,
  slug: string,
  items = 1,
  overlap = 1,
  settings: Partial<Parameters<MediumContext['services']['projects']['create']>[0]> = {},
) {
  const { services } = context;
  const project = await services.projects.create(
    { slug, name: slug, kind: 'pairwise', overlap, ...settings },
    SYSTEM_ACTOR,
  );
  const lines = Array.from({ length: items }, (_, index) =>
    JSON.stringify({
      id: `${slug}-${index}`,
      language: 'en',
      prompt: `Question ${index}`,
      responses: [
        { id: 'r1', text: `Answer one ${index}`, source: 'model', model: 'model-a' },
        { id: 'r2', text: `Answer two ${index}`, source: 'model', model: 'model-b' },
      ],
    }),
  );
  await services.imports.importFile(
    project,
    new TextEncoder().encode(lines.join('\n')),
    { strict: true },
    SYSTEM_ACTOR,
  );
  return { project, annotator: await englishAnnotator(context, `${slug}-annotator`) };
}

/** A new annotator working in English with no specialty, as the queue sees them. */
export async function englishAnnotator(context: MediumContext, username: string) {
  const user = await context.services.users.create(
    { username, role: 'annotator', password: null, languages: ['en'], specialties: [] },
    SYSTEM_ACTOR,
  );
  return { id: user.id, languages: ['en'], specialties: [] as string[] };
}
