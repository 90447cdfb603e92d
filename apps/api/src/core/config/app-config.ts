import { resolve } from 'node:path';
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
  jwtTtlSeconds: number;
  seedDemo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  maxBodyBytes: number;
  graphqlMaxDepth: number;
  loginMaxAttempts: number;
  loginWindowSeconds: number;
  artifactDir: string;
  webDir: string;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const DEV_JWT_SECRET = 'clinrank-development-secret-do-not-use-in-production';

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

function readJwtSecret(env: Env, nodeEnv: AppConfig['nodeEnv']): string {
  const secret = env.JWT_SECRET?.trim();
  if (secret) {
    if (nodeEnv === 'production' && secret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters in production');
    return secret;
  }
  if (nodeEnv === 'production') throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production (use at least 32 random characters)');
  return DEV_JWT_SECRET;
}

function readLogLevel(env: Env, nodeEnv: AppConfig['nodeEnv']): AppConfig['logLevel'] {
  const raw = env.LOG_LEVEL?.trim() || (nodeEnv === 'test' ? 'warn' : 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
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
  return {
    nodeEnv,
    port: readInteger(env, 'PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    databaseUrl: readDatabaseUrl(env),
    dataDir,
    embeddedPostgresPort: readInteger(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    jwtSecret: readJwtSecret(env, nodeEnv),
    jwtTtlSeconds: readInteger(env, 'JWT_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600),
    seedDemo: readBoolean(env, 'SEED_DEMO', nodeEnv !== 'production'),
    databaseAppUrl: readDatabaseUrl(env, 'DATABASE_APP_URL'),
    modelRoots: readModelRoots(env),
    logLevel: readLogLevel(env, nodeEnv),
    maxBodyBytes: readInteger(env, 'MAX_BODY_BYTES', 16 * 1024 * 1024, 1024, 512 * 1024 * 1024),
    graphqlMaxDepth: readInteger(env, 'GRAPHQL_MAX_DEPTH', 10, 1, 50),
    loginMaxAttempts: readInteger(env, 'LOGIN_MAX_ATTEMPTS', 10, 1, 1000),
    loginWindowSeconds: readInteger(env, 'LOGIN_WINDOW_SECONDS', 15 * 60, 1, 24 * 3600),
    artifactDir: resolve(cwd, env.ARTIFACT_DIR?.trim() || resolve(dataDir, 'artifacts')),
    webDir: resolve(cwd, env.WEB_DIR?.trim() || 'dist/web'),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
