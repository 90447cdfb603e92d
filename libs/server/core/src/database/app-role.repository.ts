import { QUEUE_SCHEMA } from '@clinrank/worker';
import { defineSql, type NamedSql } from './named-sql.js';

/** The API's own database role (see app-role.ts). */
export const APP_ROLE = 'clinrank_app';

/** What the statements run on: the owner's query runner, or a plain pg client for a login check. */
export interface Queryable {
  query(text: string, parameters?: unknown[]): Promise<unknown>;
}

export interface RoleAttributes {
  rolsuper: boolean;
  rolbypassrls: boolean;
  rolreplication: boolean;
}

export interface CurrentRoleRights {
  rolsuper: boolean;
  rolbypassrls: boolean;
  /** Tables in public the role owns. */
  owned: number;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * DDL takes no bind parameters for names and passwords: the registered text carries `:role`, `:database` and
 * `:password` placeholders, filled here with quoted values only.
 */
function withNames(statement: NamedSql, values: { role?: string; database?: string; password?: string }): string {
  return statement.text.replace(
    /:(role|database|password)\b/g,
    (placeholder, name: 'role' | 'database' | 'password') => {
      const value = values[name];
      if (value === undefined) return placeholder;
      return name === 'password' ? quoteLiteral(value) : quoteIdent(value);
    },
  );
}

const ADVISORY_LOCK = defineSql('core.advisory-lock', `SELECT pg_advisory_lock($1)`);
const ADVISORY_UNLOCK = defineSql('core.advisory-unlock', `SELECT pg_advisory_unlock($1)`);
const ROLE_ATTRIBUTES = defineSql(
  'core.role-attributes',
  `SELECT rolsuper, rolbypassrls, rolreplication FROM pg_roles WHERE rolname = $1`,
);
const MAY_CREATE_ROLE = defineSql(
  'core.may-create-role',
  `SELECT rolsuper OR rolcreaterole AS can FROM pg_roles WHERE rolname = current_user`,
);
const CREATE_ROLE = defineSql(
  'core.create-app-role',
  `CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :password`,
);
const SET_ROLE_PASSWORD = defineSql('core.set-app-role-password', `ALTER ROLE ${APP_ROLE} PASSWORD :password`);
const SCHEMA_EXISTS = defineSql(
  'core.schema-exists',
  `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS present`,
);
const CURRENT_DATABASE = defineSql('core.current-database', `SELECT current_database() AS database`);
const GRANT_CONNECT = defineSql('core.grant-connect', `GRANT CONNECT, TEMPORARY ON DATABASE :database TO :role`);
/** Row rights on our tables (the audit log: read and append only), the queue's tables, nothing that changes schema. */
const GRANTS = [
  defineSql('core.grant-public-schema', `GRANT USAGE ON SCHEMA public TO :role`),
  defineSql('core.grant-public-tables', `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :role`),
  defineSql('core.grant-public-sequences', `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO :role`),
  defineSql('core.revoke-audit-log-changes', `REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM :role`),
  defineSql('core.revoke-migration-changes', `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM :role`),
  // Imports refresh the queue's planner statistics through this owner's-rights function (migration 1763900100000).
  defineSql(
    'core.grant-refresh-queue-statistics',
    `GRANT EXECUTE ON FUNCTION public.clinrank_refresh_queue_statistics() TO :role`,
  ),
  defineSql('core.grant-queue-schema', `GRANT USAGE ON SCHEMA ${QUEUE_SCHEMA} TO :role`),
  defineSql(
    'core.grant-queue-tables',
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${QUEUE_SCHEMA} TO :role`,
  ),
  defineSql(
    'core.grant-queue-sequences',
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${QUEUE_SCHEMA} TO :role`,
  ),
  defineSql(
    'core.grant-queue-default-privileges',
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${QUEUE_SCHEMA} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :role`,
  ),
  // A queue for a new GPU count is created through pg-boss's function, with its owner's rights (a partitioned queue
  // would be a table of its own).
  ...['create_queue(text, jsonb)', 'delete_queue(text)'].flatMap((fn) => {
    const name = fn.slice(0, fn.indexOf('(')).replace('_', '-');
    return [
      defineSql(
        `core.secure-queue-${name}`,
        `ALTER FUNCTION ${QUEUE_SCHEMA}.${fn} SECURITY DEFINER SET search_path = ${QUEUE_SCHEMA}, pg_temp`,
      ),
      defineSql(`core.grant-queue-${name}`, `GRANT EXECUTE ON FUNCTION ${QUEUE_SCHEMA}.${fn} TO :role`),
    ];
  }),
];
const CURRENT_ROLE_RIGHTS = defineSql(
  'core.current-role-rights',
  `SELECT rolsuper, rolbypassrls, (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owned FROM pg_roles WHERE rolname = current_user`,
);

/**
 * The role and privilege statements the owner runs at start-up, after migrations. They set up who may do what rather than
 * read or write rows, but they are SQL like any other and so have one owner here.
 */
export class AppRoleRepository {
  constructor(private readonly db: Queryable) {}

  async advisoryLock(key: number): Promise<void> {
    await this.db.query(ADVISORY_LOCK.text, [key]);
  }

  async advisoryUnlock(key: number): Promise<void> {
    await this.db.query(ADVISORY_UNLOCK.text, [key]);
  }

  async roleAttributes(role: string): Promise<RoleAttributes | null> {
    const rows = (await this.db.query(ROLE_ATTRIBUTES.text, [role])) as RoleAttributes[];
    return rows[0] ?? null;
  }

  /** Whether the connected role may create roles (superuser or CREATEROLE). */
  async mayCreateRole(): Promise<boolean> {
    const [me] = (await this.db.query(MAY_CREATE_ROLE.text)) as { can: boolean }[];
    return me?.can === true;
  }

  async createAppRole(password: string): Promise<void> {
    await this.db.query(withNames(CREATE_ROLE, { password }));
  }

  async setAppRolePassword(password: string): Promise<void> {
    await this.db.query(withNames(SET_ROLE_PASSWORD, { password }));
  }

  async schemaExists(schema: string): Promise<boolean> {
    const [{ present }] = (await this.db.query(SCHEMA_EXISTS.text, [schema])) as { present: boolean }[];
    return present;
  }

  /** Runs pg-boss's own construction plan (its SQL, not ours). */
  async runPlan(plan: string): Promise<void> {
    await this.db.query(plan);
  }

  /** Row rights for `role` on our tables and the queue's; connecting to the database is granted when allowed. */
  async grantPrivileges(role: string): Promise<void> {
    const [{ database }] = (await this.db.query(CURRENT_DATABASE.text)) as { database: string }[];
    await this.db.query(withNames(GRANT_CONNECT, { database, role })).catch(() => undefined);
    for (const statement of GRANTS) await this.db.query(withNames(statement, { role }));
  }

  /** The connected role's rights (a pg.Client's query returns `{ rows }`; a query runner's, the rows). */
  async currentRoleRights(): Promise<CurrentRoleRights> {
    const result = (await this.db.query(CURRENT_ROLE_RIGHTS.text)) as
      CurrentRoleRights[] | { rows: CurrentRoleRights[] };
    return Array.isArray(result) ? result[0] : result.rows[0];
  }
}
