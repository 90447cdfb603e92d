import { createHmac } from 'node:crypto';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * The API's own database role. Migrations run as the owner (DATABASE_URL, or the embedded superuser); the API then
 * connects as this role, which may read and write rows but owns nothing, is no superuser, and so can neither disable
 * the audit trigger nor `SET session_replication_role = replica`.
 */
export const APP_ROLE = 'clinrank_app';

const QUEUE_SCHEMA = 'pgboss';
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
  return createHmac('sha256', `${decodeURIComponent(owner.password)}\0${owner.username}\0${owner.host}`).update(APP_ROLE).digest('hex');
}

/** The owner URL with the app role's credentials in it. */
export function appUrlFrom(ownerUrl: string, role: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = encodeURIComponent(role);
  url.password = encodeURIComponent(password);
  return url.toString();
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

async function roleAttributes(runner: QueryRunner, role: string): Promise<{ rolsuper: boolean; rolbypassrls: boolean; rolreplication: boolean } | null> {
  const rows = await runner.query(`SELECT rolsuper, rolbypassrls, rolreplication FROM pg_roles WHERE rolname = $1`, [role]);
  return rows[0] ?? null;
}

async function createRole(runner: QueryRunner, password: string): Promise<void> {
  const [me] = await runner.query(`SELECT rolsuper OR rolcreaterole AS can FROM pg_roles WHERE rolname = current_user`);
  if (!me?.can) {
    throw new AppRoleError(
      `the role of DATABASE_URL may not create the "${APP_ROLE}" role: create it once (CREATE ROLE ${APP_ROLE} LOGIN PASSWORD '…') and set DATABASE_APP_URL to connect as it, or give DATABASE_URL's role CREATEROLE`,
    );
  }
  try {
    await runner.query(`CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${quoteLiteral(password)}`);
  } catch (error) {
    // Roles are cluster-wide: another database's API may have created it a moment ago.
    if (!['42710', '23505', 'XX000'].includes((error as { code?: string }).code ?? '')) throw error;
  }
}

/** Creates pg-boss's schema as the owner when it is missing, so the app role never needs CREATE on the database. */
async function ensureQueueSchema(runner: QueryRunner): Promise<void> {
  const [{ present }] = await runner.query(`SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS present`, [QUEUE_SCHEMA]);
  if (!present) await runner.query(PgBoss.getConstructionPlans(QUEUE_SCHEMA));
}

/** Row rights on our tables (the audit log: read and append only), the queue's tables, nothing that changes schema. */
async function grantPrivileges(runner: QueryRunner, role: string): Promise<void> {
  const who = quoteIdent(role);
  const [{ database }] = await runner.query(`SELECT current_database() AS database`);
  await runner.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${quoteIdent(database)} TO ${who}`).catch(() => undefined);
  await runner.query(`GRANT USAGE ON SCHEMA public TO ${who}`);
  await runner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${who}`);
  await runner.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${who}`);
  await runner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${who}`);
  await runner.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM ${who}`);
  await runner.query(`GRANT USAGE ON SCHEMA ${QUEUE_SCHEMA} TO ${who}`);
  await runner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${QUEUE_SCHEMA} TO ${who}`);
  await runner.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${QUEUE_SCHEMA} TO ${who}`);
  await runner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${QUEUE_SCHEMA} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${who}`);
  // A queue for a new GPU count is a partition table: created through pg-boss's function, with its owner's rights.
  for (const fn of ['create_queue(text, json)', 'delete_queue(text)']) {
    await runner.query(`ALTER FUNCTION ${QUEUE_SCHEMA}.${fn} SECURITY DEFINER SET search_path = ${QUEUE_SCHEMA}, pg_temp`);
    await runner.query(`GRANT EXECUTE ON FUNCTION ${QUEUE_SCHEMA}.${fn} TO ${who}`);
  }
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
    const { rows } = await client.query(`SELECT rolsuper, rolbypassrls, (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owned FROM pg_roles WHERE rolname = current_user`);
    const [role] = rows;
    if (role.rolsuper || role.rolbypassrls) throw new AppRoleError('DATABASE_APP_URL connects as a superuser (or a role that bypasses row security); give the API a plain login role');
    if (role.owned > 0) throw new AppRoleError('DATABASE_APP_URL connects as the owner of clinrank\'s tables; give the API a role that owns nothing (DATABASE_URL is the owner)');
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Run as the owner after migrations: makes sure the API's role exists with no special rights, grants it row access,
 * and returns the URL the API connects with (DATABASE_APP_URL when the operator gave one).
 */
export async function prepareAppRole(owner: DataSource, options: { ownerUrl: string; appUrl: string | null }, logger: Logger): Promise<string> {
  const runner = owner.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock($1)`, [SETUP_LOCK]);
    await ensureQueueSchema(runner);
    const role = options.appUrl ? decodeURIComponent(new URL(options.appUrl).username) : APP_ROLE;
    const password = derivedAppPassword(options.ownerUrl);
    if (!options.appUrl) {
      const existing = await roleAttributes(runner, role);
      if (!existing) await createRole(runner, password);
      else if (existing.rolsuper || existing.rolbypassrls || existing.rolreplication) {
        throw new AppRoleError(`the "${APP_ROLE}" role exists with superuser, replication or bypassrls rights; remove them (ALTER ROLE ${APP_ROLE} NOSUPERUSER NOREPLICATION NOBYPASSRLS)`);
      }
    }
    await grantPrivileges(runner, role);
    const url = options.appUrl ?? appUrlFrom(options.ownerUrl, APP_ROLE, password);
    let login = await canLogIn(url);
    if (login === 'bad-password' && !options.appUrl) {
      // The owner's password changed since the role was made: the derived password follows it.
      await runner.query(`ALTER ROLE ${APP_ROLE} PASSWORD ${quoteLiteral(password)}`);
      login = await canLogIn(url);
    }
    if (login !== 'yes') throw new AppRoleError(`the API cannot log in as "${role}": ${login === 'bad-password' ? 'wrong password' : login.message}`);
    await assertUnprivileged(url);
    logger.info({ role }, 'the API connects as its own database role');
    return url;
  } finally {
    await runner.query(`SELECT pg_advisory_unlock($1)`, [SETUP_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
