export { AuthGuard } from './auth/auth.guard.js';
export { SessionUsers } from './auth/session-users.js';
export type { SessionUserRow } from './auth/session-users.js';
export { CurrentUser } from './auth/current-user.decorator.js';
export { operationGuards, roleTableMarkdown, withRoleTable } from './auth/operation-guards.js';
export type { OperationGuard } from './auth/operation-guards.js';
export { actorUserId, describeActor, userActor } from './auth/principal.js';
export type { Actor, AuthenticatedUser } from './auth/principal.js';
export { ALL_ROLES, Public, Roles } from './auth/roles.decorator.js';
export {
  APP_CONFIG,
  ConfigError,
  DEFAULT_DATABASE_CONNECT_TIMEOUT_MS,
  isLoopbackHost,
  loadConfig,
} from './config/app-config.js';
export { BACKGROUND_WORK } from './config/background-work.token.js';
export type { AppConfig } from './config/app-config.js';
export { APP_ROLE, prepareAppRole } from './database/app-role.js';
export { assertReachable, openDatabase } from './database/database-connection.js';
export { API_CONNECTIONS_BESIDES_POOL, connectionBudgetProblem } from './database/connection-budget.js';
export { DatabaseProbeRepository } from './database/database-probe.repository.js';
export type { DatabaseHandle } from './database/database-connection.js';
export { copyFromStdin } from './database/copy-from-stdin.js';
export { copyToStdout } from './database/copy-to-stdout.js';
export { dataErrorCode, failedForOutage, isDatabaseUnavailable } from './database/database-errors.js';
export { defineSql, registeredSql, runNamed } from './database/named-sql.js';
export { BeginThenStatement, pipelinedTransaction } from './database/pipelined-transaction.js';
export type { NamedSql } from './database/named-sql.js';
export { startEmbeddedPostgres } from './database/embedded-postgres.js';
export type { EmbeddedDatabase } from './database/embedded-postgres.js';
export { GraphQLErrorFilter, toGraphQLError } from './graphql/graphql-errors.js';
export { graphqlOptions } from './graphql/graphql-options.js';
export { GraphQLJSON } from './graphql/json.scalar.js';
export { unknownCostedFields } from './graphql/query-limits.js';
export { SafeTextPipe } from './graphql/safe-text.pipe.js';
export { DtoValidationPipe, ValidatedByDomain } from './graphql/dto-validation.pipe.js';
export {
  assertMetricsAccess,
  httpRequestDuration,
  labelsSubmitted,
  leaseSlotsTaken,
  metricsRegistry,
} from './http/metrics.js';
export { joinClusterMetrics, scrapeMetrics, serveClusterMetrics } from './http/cluster-metrics.js';
export { firstInRequest, requestScope } from './http/request-scope.js';
export { LOGGER } from './logging/logger.token.js';
export { PinoNestLogger, createLogger } from './logging/logger.js';
export { assertEntitiesKnown, DatabaseModule, featureEntities } from './database/database.module.js';
export type { EntityClass, ModuleEntry } from './database/database.module.js';
