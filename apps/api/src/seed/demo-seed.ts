import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Role } from '@clinrank/domain';
import type { AppConfig } from '@clinrank/server-core';
import type { Services } from '@clinrank/server-app';
import { startServiceContext } from '@clinrank/server-app';
import { UserRepository } from '@clinrank/server-identity';
import { DEMO_PAIRWISE_ITEMS, DEMO_RANKING_ITEMS, DEMO_VALIDATION_ITEMS } from './demo-items.js';

export interface SeedSummary {
  accounts: string[];
  projects: string[];
}

const SEED_ACTOR = { kind: 'system' as const, name: 'demo-seed' };
const DEMO_ACCOUNTS: { username: string; role: Role; displayName: string }[] = [
  { username: 'admin', role: 'admin', displayName: 'Demo administrator' },
  { username: 'lead', role: 'lead', displayName: 'Dr. Lead (demo)' },
  { username: 'ml', role: 'ml_engineer', displayName: 'ML engineer (demo)' },
  { username: 'clinician1', role: 'annotator', displayName: 'Dr. Amina (demo)' },
  { username: 'clinician2', role: 'annotator', displayName: 'Dr. Li (demo)' },
  { username: 'clinician3', role: 'annotator', displayName: 'Dr. Rossi (demo)' },
];

function toJsonl(items: object[]): Uint8Array {
  return new TextEncoder().encode(items.map((item) => JSON.stringify(item)).join('\n'));
}

/** Seeds demo accounts (password "demo") and three small projects (pairwise, ranking, validation) into an empty database. Refused in production. */
export async function seedDemoData(
  dataSource: DataSource,
  config: AppConfig,
  logger: Logger,
): Promise<SeedSummary | null> {
  if (config.nodeEnv === 'production') return null;
  if ((await new UserRepository(dataSource).countUsers()) > 0) return null;
  const context = await startServiceContext({ config, dataSource, logger });
  try {
    return await seed(context.services, logger);
  } finally {
    await context.close();
  }
}

async function seed(services: Services, logger: Logger): Promise<SeedSummary> {
  for (const account of DEMO_ACCOUNTS) {
    await services.users.create(
      {
        ...account,
        password: 'demo',
        isDemo: true,
        languages: account.role === 'annotator' ? ['en', 'zh', 'ar'] : [],
        specialties: [],
      },
      SEED_ACTOR,
    );
  }
  const pairwise = await services.projects.create(
    {
      slug: 'demo-triage',
      name: 'Demo: patient questions (pairwise)',
      kind: 'pairwise',
      overlap: 3,
      languages: ['en', 'zh', 'ar'],
      allowTies: true,
    },
    SEED_ACTOR,
  );
  await services.imports.importFile(pairwise, toJsonl(DEMO_PAIRWISE_ITEMS), { strict: true }, SEED_ACTOR);
  const ranking = await services.projects.create(
    {
      slug: 'demo-ranking',
      name: 'Demo: rank the answers',
      kind: 'ranking',
      overlap: 3,
      languages: ['en', 'zh', 'ar'],
      allowTies: true,
    },
    SEED_ACTOR,
  );
  await services.imports.importFile(ranking, toJsonl(DEMO_RANKING_ITEMS), { strict: true }, SEED_ACTOR);
  const validation = await services.projects.create(
    {
      slug: 'demo-validation',
      name: 'Demo: validate synthetic answers',
      kind: 'validation',
      overlap: 2,
      languages: ['en', 'zh', 'ar'],
    },
    SEED_ACTOR,
  );
  await services.imports.importFile(validation, toJsonl(DEMO_VALIDATION_ITEMS), { strict: true }, SEED_ACTOR);
  const projects = [pairwise.slug, ranking.slug, validation.slug];
  logger.info({ accounts: DEMO_ACCOUNTS.length, projects: projects.length }, 'demo data seeded');
  return { accounts: DEMO_ACCOUNTS.map((account) => account.username), projects };
}
