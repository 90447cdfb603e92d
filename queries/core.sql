-- Written by `npm run queries` from the repositories; do not edit.

-- core.advisory-lock
SELECT pg_advisory_lock($1);

-- core.advisory-unlock
SELECT pg_advisory_unlock($1);

-- core.connection-limit
SELECT current_setting('max_connections')::int AS "maxConnections",
          current_setting('superuser_reserved_connections')::int AS reserved;

-- core.create-app-role
CREATE ROLE clinrank_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :password;

-- core.current-database
SELECT current_database() AS database;

-- core.current-role-rights
SELECT rolsuper, rolbypassrls, (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owned FROM pg_roles WHERE rolname = current_user;

-- core.grant-connect
GRANT CONNECT, TEMPORARY ON DATABASE :database TO :role;

-- core.grant-public-schema
GRANT USAGE ON SCHEMA public TO :role;

-- core.grant-public-sequences
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO :role;

-- core.grant-public-tables
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :role;

-- core.grant-queue-create-queue
GRANT EXECUTE ON FUNCTION pgboss_v12.create_queue(text, jsonb) TO :role;

-- core.grant-queue-default-privileges
ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss_v12 GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :role;

-- core.grant-queue-delete-queue
GRANT EXECUTE ON FUNCTION pgboss_v12.delete_queue(text) TO :role;

-- core.grant-queue-schema
GRANT USAGE ON SCHEMA pgboss_v12 TO :role;

-- core.grant-queue-sequences
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA pgboss_v12 TO :role;

-- core.grant-queue-tables
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss_v12 TO :role;

-- core.grant-refresh-queue-statistics
GRANT EXECUTE ON FUNCTION public.clinrank_refresh_queue_statistics() TO :role;

-- core.may-create-role
SELECT rolsuper OR rolcreaterole AS can FROM pg_roles WHERE rolname = current_user;

-- core.ping
SELECT 1;

-- core.revoke-audit-log-changes
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM :role;

-- core.revoke-migration-changes
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM :role;

-- core.role-attributes
SELECT rolsuper, rolbypassrls, rolreplication FROM pg_roles WHERE rolname = $1;

-- core.schema-exists
SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS present;

-- core.secure-queue-create-queue
ALTER FUNCTION pgboss_v12.create_queue(text, jsonb) SECURITY DEFINER SET search_path = pgboss_v12, pg_temp;

-- core.secure-queue-delete-queue
ALTER FUNCTION pgboss_v12.delete_queue(text) SECURITY DEFINER SET search_path = pgboss_v12, pg_temp;

-- core.set-app-role-password
ALTER ROLE clinrank_app PASSWORD :password;
