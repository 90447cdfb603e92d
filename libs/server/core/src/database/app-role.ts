import { createHmac } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { QUEUE_SCHEMA } from '@clinrank/worker';
import { APP_ROLE, AppRoleRepository } from './app-role.repository.js';

export { APP_ROLE };

// The API's own database role (APP_ROLE). Migrations run as the owner (DATABASE_URL, or the embedded superuser); the
// API then connects as this role, which may read and write rows but owns nothing, is no superuser, and so can neither
// disable the audit trigger nor `SET session_replication_role = replica`.

/** Serialises role and grant changes between API replicas starting at once (an arbitrary constant). */
const SETUP_LOCK = 7_413_962_001;

export class AppRoleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppRoleError';
  }
}

/** A password for the app role that every replica derives alike from the owner URL, so none needs to be stored. */
export function derivedAppPassword(ownerUrl: string): string {
  const owner = new URL(ownerUrl);
  return createHmac('sha256', `${decodeURIComponent(owner.password)}\0${owner.username}\0${owner.host}`)
    .update(APP_ROLE)
    .digest('hex');
}

/** The owner URL with the app role's credentials in it. */
export function appUrlFrom(ownerUrl: string, role: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = encodeURIComponent(role);
  url.password = encodeURIComponent(password);
  return url.toString();
}

async function createRole(roles: AppRoleRepository, password: string): Promise<void> {
  if (!(await roles.mayCreateRole())) {
    throw new AppRoleError(
      `the role of DATABASE_URL may not create the "${APP_ROLE}" role: create it once (CREATE ROLE ${APP_ROLE} LOGIN PASSWORD '…') and set DATABASE_APP_URL to connect as it, or give DATABASE_URL's role CREATEROLE`,
    );
  }
  try {
    await roles.createAppRole(password);
  } catch (error) {
    // Roles are cluster-wide: another database's API may have created it a moment ago.
    if (!['42710', '23505', 'XX000'].includes((error as { code?: string }).code ?? '')) throw error;
  }
}

/** Creates pg-boss's schema as the owner when it is missing, so the app role never needs CREATE on the database. */
async function ensureQueueSchema(roles: AppRoleRepository): Promise<void> {
  if (await roles.schemaExists(QUEUE_SCHEMA)) return;
  const { getConstructionPlans } = await import('pg-boss'); // loaded only when needed, as TrainingQueue does
  await roles.runPlan(getConstructionPlans(QUEUE_SCHEMA));
}

async function canLogIn(url: string): Promise<'yes' | 'bad-password' | Error> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return 'yes';
  } catch (error) {
    return (error as { code?: string }).code === '28P01' ? 'bad-password' : (error as Error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Refuses an app connection that could bypass the audit trail. */
async function assertUnprivileged(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const role = await new AppRoleRepository(client).currentRoleRights();
    if (role.rolsuper || role.rolbypassrls)
      throw new AppRoleError(
        'DATABASE_APP_URL connects as a superuser (or a role that bypasses row security); give the API a plain login role',
      );
    if (role.owned > 0)
      throw new AppRoleError(
        "DATABASE_APP_URL connects as the owner of clinrank's tables; give the API a role that owns nothing (DATABASE_URL is the owner)",
      );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Run as the owner after migrations: makes sure the API's role exists with no special rights, grants it row access,
 * and returns the URL the API connects with (DATABASE_APP_URL when the operator gave one).
 */
export async function prepareAppRole(
  owner: DataSource,
  options: { ownerUrl: string; appUrl: string | null },
  logger: Logger,
): Promise<string> {
  const runner = owner.createQueryRunner();
  await runner.connect();
  const roles = new AppRoleRepository(runner);
  try {
    await roles.advisoryLock(SETUP_LOCK);
    await ensureQueueSchema(roles);
    const role = options.appUrl ? decodeURIComponent(new URL(options.appUrl).username) : APP_ROLE;
    const password = derivedAppPassword(options.ownerUrl);
    if (!options.appUrl) {
      const existing = await roles.roleAttributes(role);
      if (!existing) await createRole(roles, password);
      else if (existing.rolsuper || existing.rolbypassrls || existing.rolreplication) {
        throw new AppRoleError(
          `the "${APP_ROLE}" role exists with superuser, replication or bypassrls rights; remove them (ALTER ROLE ${APP_ROLE} NOSUPERUSER NOREPLICATION NOBYPASSRLS)`,
        );
      }
    }
    await roles.grantPrivileges(role);
    const url = options.appUrl ?? appUrlFrom(options.ownerUrl, APP_ROLE, password);
    let login = await canLogIn(url);
    if (login === 'bad-password' && !options.appUrl) {
      // The owner's password changed since the role was made: the derived password follows it.
      await roles.setAppRolePassword(password);
      login = await canLogIn(url);
    }
    if (login !== 'yes')
      throw new AppRoleError(
        `the API cannot log in as "${role}": ${login === 'bad-password' ? 'wrong password' : login.message}`,
      );
    await assertUnprivileged(url);
    logger.info({ role }, 'the API connects as its own database role');
    return url;
  } finally {
    await roles.advisoryUnlock(SETUP_LOCK).catch(() => undefined);
    await runner.release();
  }
}
