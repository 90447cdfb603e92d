import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { readOrCreateSecret } from './secret-file.js';
import { API_CONNECTIONS_BESIDES_POOL } from '../database/connection-budget.js';
import { parseModelRoots } from '@clinrank/worker';

/** Validated runtime configuration. Built once at start; a bad value stops the process with one line. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | null;
  /** Where the API itself connects, when an operator made its role; otherwise it makes `clinrank_app` (DATABASE_URL is the owner). */
  databaseAppUrl: string | null;
  /** Folders that hold the models runs may name (baseModel, policy, encoder); nothing outside them is accepted. */
  modelRoots: string[];
  dataDir: string;
  embeddedPostgresPort: number;
  jwtSecret: string;
  /** Where the signing key came from: the environment, or the random key kept in the data directory. */
  jwtSecretSource: 'env' | 'data-dir';
  jwtTtlSeconds: number;
  seedDemo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  maxBodyBytes: number;
  /**
   * How long an idle HTTP connection stays open for the next request. Above a clinician's time per task, so the next
   * submit reuses the connection, and above the usual proxy's upstream idle timeout (60 s), so a proxy never sends on a
   * connection the server is closing.
   */
  httpKeepAliveSeconds: number;
  /** The largest JSONL file the streamed upload (POST /api/projects/:id/import) takes. */
  maxImportBytes: number;
  graphqlMaxDepth: number;
  graphqlMaxCost: number;
  graphqlMaxAliases: number;
  loginMaxAttempts: number;
  loginMaxAttemptsPerIp: number;
  loginWindowSeconds: number;
  artifactDir: string;
  webDir: string;
  /** Bearer token for /metrics; without it /metrics answers only when HOST is a loopback address. */
  metricsToken: string | null;
  /** Worker threads for the heavy statistics; 0 computes on the event loop (only for comparison benchmarks). */
  computeThreads: number;
  /** Served over HTTPS (HTTPS=true), so browsers may be told to upgrade insecure requests. */
  https: boolean;
  /** API processes sharing the port (Node's cluster module): 1 with the embedded database, the core count otherwise. */
  apiWorkers: number;
  /**
   * PostgreSQL connections per API process. The default shares 80 among the processes (20 at most each), so that
   * every process together stays under PostgreSQL's default max_connections of 100 with room for the CLI and workers.
   */
  databasePoolSize: number;
  /** How long a query waits for a database connection before it fails as UNAVAILABLE (retryable). */
  databaseConnectTimeoutMs: number;
}

/**
 * Without a limit, a query waits for a database that never answers (a dropped network path) as long as TCP does. Not
 * less: the client's SCRAM sign-in runs on libuv's thread pool, behind any password hashing queued there, and creating
 * 21 accounts at once on a loaded test machine held a new connection for over 10 s.
 */
export const DEFAULT_DATABASE_CONNECT_TIMEOUT_MS = 30_000;

/** Connections the API processes of one deployment share by default: PostgreSQL's default 100, less 20 for the rest. */
const DEFAULT_API_CONNECTIONS = 80;

/** What PostgreSQL's defaults leave for clients: max_connections 100, less 3 superuser_reserved_connections. */
const DEFAULT_POSTGRES_CLIENT_CONNECTIONS = 97;

/**
 * 80 connections shared among the pools, and never so many that the pools and each process's account-change feed
 * together pass what PostgreSQL's defaults allow (20 processes with pools of 4 and their feeds would take 100).
 */
function defaultPoolSize(apiWorkers: number): number {
  const shared = Math.floor(DEFAULT_API_CONNECTIONS / apiWorkers);
  const withFeeds = Math.floor(DEFAULT_POSTGRES_CLIENT_CONNECTIONS / apiWorkers) - API_CONNECTIONS_BESIDES_POOL;
  return Math.max(2, Math.min(20, shared, withFeeds));
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

type Env = Record<string, string | undefined>;

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

function readDatabaseUrl(env: Env, name: 'DATABASE_URL' | 'DATABASE_APP_URL' = 'DATABASE_URL'): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a URL; expected postgres://user:password@host:5432/database`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(name, `must start with postgres:// or postgresql://, got "${url.protocol}//"`);
  }
  if (!url.hostname && !url.searchParams.get('host')) throw new ConfigError(name, 'names no host');
  return raw;
}

function readNodeEnv(env: Env): AppConfig['nodeEnv'] {
  const raw = env.NODE_ENV?.trim() || 'development';
  if (raw !== 'development' && raw !== 'production' && raw !== 'test') {
    throw new ConfigError('NODE_ENV', `must be development, production or test, got "${raw}"`);
  }
  return raw;
}

// Secrets published in clinrank's own history or docs: never acceptable as a key.
const PUBLISHED_SECRETS = new Set([
  'clinrank-development-secret-do-not-use-in-production',
  'change-me-to-32-random-characters',
]);
const MIN_SECRET_BYTES = 32;
const MIN_SECRET_DISTINCT_CHARACTERS = 10;

/** Why a JWT secret is too weak to sign production tokens, or null when it is acceptable. */
export function weakSecretReason(secret: string): string | null {
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES)
    return `must be at least ${MIN_SECRET_BYTES} bytes in production`;
  if (PUBLISHED_SECRETS.has(secret)) return 'is a published example value; generate one with: openssl rand -hex 32';
  if (new Set(secret).size < MIN_SECRET_DISTINCT_CHARACTERS)
    return `has too little variety (fewer than ${MIN_SECRET_DISTINCT_CHARACTERS} distinct characters); generate one with: openssl rand -hex 32`;
  return null;
}

function readJwtSecret(
  env: Env,
  nodeEnv: AppConfig['nodeEnv'],
  dataDir: string,
): Pick<AppConfig, 'jwtSecret' | 'jwtSecretSource'> {
  const secret = env.JWT_SECRET?.trim();
  if (secret) {
    const weakness = nodeEnv === 'production' ? weakSecretReason(secret) : null;
    if (weakness) throw new ConfigError('JWT_SECRET', weakness);
    return { jwtSecret: secret, jwtSecretSource: 'env' };
  }
  // Replicas of a production deployment must share one key, so production names it; elsewhere each data directory
  // gets its own random key, so no two installs can forge each other's tokens.
  if (nodeEnv === 'production')
    throw new ConfigError(
      'JWT_SECRET',
      'is required when NODE_ENV=production (generate one with: openssl rand -hex 32)',
    );
  return { jwtSecret: readOrCreateSecret(resolve(dataDir, 'jwt-secret')), jwtSecretSource: 'data-dir' };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** True when HOST only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

// Loopback unless this is a production server on an external database (a container, where 0.0.0.0 is the point).
function readHost(env: Env, nodeEnv: AppConfig['nodeEnv'], databaseUrl: string | null): string {
  const raw = env.HOST?.trim();
  if (raw) return raw;
  return nodeEnv === 'production' && databaseUrl ? '0.0.0.0' : '127.0.0.1';
}

function readLogLevel(env: Env, nodeEnv: AppConfig['nodeEnv']): AppConfig['logLevel'] {
  const raw = env.LOG_LEVEL?.trim() || (nodeEnv === 'test' ? 'warn' : 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(raw))
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return raw as AppConfig['logLevel'];
}

function readModelRoots(env: Env): string[] {
  try {
    return parseModelRoots(env.MODEL_ROOTS);
  } catch (error) {
    throw new ConfigError('MODEL_ROOTS', (error as Error).message.replace(/^MODEL_ROOTS: /, ''));
  }
}

/** Reads and validates the environment. Throws ConfigError naming the variable at fault. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const nodeEnv = readNodeEnv(env);
  const dataDir = resolve(cwd, env.CLINRANK_DATA_DIR?.trim() || '.data');
  const databaseUrl = readDatabaseUrl(env);
  const apiWorkers = readInteger(env, 'API_WORKERS', databaseUrl ? availableParallelism() : 1, 1, 256);
  return {
    nodeEnv,
    port: readInteger(env, 'PORT', 3000, 0, 65535),
    host: readHost(env, nodeEnv, databaseUrl),
    databaseUrl,
    dataDir,
    embeddedPostgresPort: readInteger(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    ...readJwtSecret(env, nodeEnv, dataDir),
    jwtTtlSeconds: readInteger(env, 'JWT_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600),
    seedDemo: readBoolean(env, 'SEED_DEMO', nodeEnv !== 'production'),
    databaseAppUrl: readDatabaseUrl(env, 'DATABASE_APP_URL'),
    modelRoots: readModelRoots(env),
    logLevel: readLogLevel(env, nodeEnv),
    maxBodyBytes: readInteger(env, 'MAX_BODY_BYTES', 16 * 1024 * 1024, 1024, 512 * 1024 * 1024),
    httpKeepAliveSeconds: readInteger(env, 'HTTP_KEEP_ALIVE_SECONDS', 65, 1, 3600),
    maxImportBytes: readInteger(env, 'MAX_IMPORT_BYTES', 512 * 1024 * 1024, 1024, 64 * 1024 * 1024 * 1024),
    graphqlMaxDepth: readInteger(env, 'GRAPHQL_MAX_DEPTH', 10, 1, 50),
    graphqlMaxCost: readInteger(env, 'GRAPHQL_MAX_COST', 1000, 10, 1_000_000),
    graphqlMaxAliases: readInteger(env, 'GRAPHQL_MAX_ALIASES', 30, 0, 10_000),
    loginMaxAttempts: readInteger(env, 'LOGIN_MAX_ATTEMPTS', 10, 1, 1000),
    loginMaxAttemptsPerIp: readInteger(env, 'LOGIN_MAX_ATTEMPTS_PER_IP', 50, 1, 100_000),
    loginWindowSeconds: readInteger(env, 'LOGIN_WINDOW_SECONDS', 15 * 60, 1, 24 * 3600),
    artifactDir: resolve(cwd, env.ARTIFACT_DIR?.trim() || resolve(dataDir, 'artifacts')),
    webDir: resolve(cwd, env.WEB_DIR?.trim() || 'dist/web'),
    metricsToken: env.METRICS_TOKEN?.trim() || null,
    // Per API process: the processes share the cores.
    computeThreads: readInteger(
      env,
      'COMPUTE_THREADS',
      Math.max(1, Math.min(4, Math.floor((availableParallelism() - 1) / apiWorkers))),
      0,
      64,
    ),
    https: readBoolean(env, 'HTTPS', false),
    apiWorkers,
    databasePoolSize: readInteger(env, 'DATABASE_POOL_SIZE', defaultPoolSize(apiWorkers), 1, 1000),
    databaseConnectTimeoutMs: readInteger(
      env,
      'DATABASE_CONNECT_TIMEOUT_MS',
      DEFAULT_DATABASE_CONNECT_TIMEOUT_MS,
      100,
      300_000,
    ),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
