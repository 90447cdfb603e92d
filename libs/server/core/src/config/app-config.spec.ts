import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config.js';
import { API_CONNECTIONS_BESIDES_POOL, connectionBudgetProblem } from '../database/connection-budget.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'clinrank-config-'));

describe('loadConfig', () => {
  it('gives a zero-setup development default on the embedded database', () => {
    const cwd = scratch();
    const config = loadConfig({}, cwd);
    expect(config.databaseUrl).toBeNull();
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe(join(cwd, '.data'));
    expect(config.seedDemo).toBe(true);
  });

  it('signs with a random key of its own per data directory, kept private, when JWT_SECRET is unset', () => {
    const first = scratch();
    const config = loadConfig({}, first);
    expect(config.jwtSecretSource).toBe('data-dir');
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    const file = join(first, '.data', 'jwt-secret');
    expect(readFileSync(file, 'utf8')).toBe(config.jwtSecret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({}, first).jwtSecret).toBe(config.jwtSecret);
    expect(loadConfig({}, scratch()).jwtSecret).not.toBe(config.jwtSecret);
  });

  it('listens on loopback by default except for a production server on an external database', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/x' }, scratch()).host).toBe('127.0.0.1');
    expect(
      loadConfig(
        { NODE_ENV: 'production', JWT_SECRET: 'f3a9c1e07b5d2468ace13579bdf02468', EMBEDDED_PG_PORT: '5500' },
        scratch(),
      ).host,
    ).toBe('127.0.0.1');
    expect(
      loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: 'f3a9c1e07b5d2468ace13579bdf02468',
        DATABASE_URL: 'postgres://u@db/x',
      }).host,
    ).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }, scratch()).host).toBe('0.0.0.0');
  });

  it('keeps idle HTTP connections 65 s unless HTTP_KEEP_ALIVE_SECONDS says, and refuses a value out of range', () => {
    expect(loadConfig({}, scratch()).httpKeepAliveSeconds).toBe(65);
    expect(loadConfig({ HTTP_KEEP_ALIVE_SECONDS: '120' }, scratch()).httpKeepAliveSeconds).toBe(120);
    expect(() => loadConfig({ HTTP_KEEP_ALIVE_SECONDS: '0' }, scratch())).toThrow(
      new ConfigError('HTTP_KEEP_ALIVE_SECONDS', 'must be between 1 and 3600, got 0'),
    );
    expect(() => loadConfig({ HTTP_KEEP_ALIVE_SECONDS: '5s' }, scratch())).toThrow(
      new ConfigError('HTTP_KEEP_ALIVE_SECONDS', 'must be a whole number, got "5s"'),
    );
  });

  it('runs one API process on the embedded database and one per core on an external one, unless API_WORKERS says', () => {
    expect(loadConfig({}, scratch()).apiWorkers).toBe(1);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/x' }, scratch()).apiWorkers).toBe(availableParallelism());
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/x', API_WORKERS: '3' }, scratch()).apiWorkers).toBe(3);
    expect(loadConfig({ API_WORKERS: '2' }, scratch()).apiWorkers).toBe(2);
    const threads = (workers: number) => Math.max(1, Math.min(4, Math.floor((availableParallelism() - 1) / workers)));
    expect(loadConfig({ API_WORKERS: '1' }, scratch()).computeThreads).toBe(threads(1));
    expect(loadConfig({ API_WORKERS: '64' }, scratch()).computeThreads).toBe(1);
    expect(() => loadConfig({ API_WORKERS: '0' }, scratch())).toThrow(
      new ConfigError('API_WORKERS', 'must be between 1 and 256, got 0'),
    );
    expect(() => loadConfig({ API_WORKERS: 'all' }, scratch())).toThrow(
      new ConfigError('API_WORKERS', 'must be a whole number, got "all"'),
    );
  });

  it('shares 80 database connections among the API processes unless DATABASE_POOL_SIZE says', () => {
    const poolOf = (env: Record<string, string>) => loadConfig(env, scratch()).databasePoolSize;
    expect(poolOf({ API_WORKERS: '1' })).toBe(20);
    expect(poolOf({ API_WORKERS: '4' })).toBe(20);
    expect(poolOf({ API_WORKERS: '8' })).toBe(10);
    expect(poolOf({ API_WORKERS: '16' })).toBe(5);
    expect(poolOf({ API_WORKERS: '64' })).toBe(2);
    expect(poolOf({ API_WORKERS: '16', DATABASE_POOL_SIZE: '12' })).toBe(12);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' }, scratch())).toThrow(
      new ConfigError('DATABASE_POOL_SIZE', 'must be between 1 and 1000, got 0'),
    );
  });

  it("leaves room for each process's account-change feed within PostgreSQL's default connection limit", () => {
    const defaults = { maxConnections: 100, reserved: 3 };
    const problemWith = (apiWorkers: number) =>
      connectionBudgetProblem(
        defaults,
        apiWorkers,
        loadConfig({ API_WORKERS: String(apiWorkers) }, scratch()).databasePoolSize,
        API_CONNECTIONS_BESIDES_POOL,
      );
    // Up to 32 processes fit with the smallest pool (2) and a feed each; 33 cannot, and the start-up warning says so.
    const fitting = Array.from({ length: 32 }, (_, index) => index + 1);
    expect(fitting.filter((apiWorkers) => problemWith(apiWorkers) !== null)).toEqual([]);
    expect(loadConfig({ API_WORKERS: '20' }, scratch()).databasePoolSize).toBe(3);
    expect(problemWith(33)).toMatch(/API_WORKERS \(33\) × DATABASE_POOL_SIZE \(2\)/);
  });

  it('waits 30 s for a database connection unless DATABASE_CONNECT_TIMEOUT_MS says', () => {
    expect(loadConfig({}, scratch()).databaseConnectTimeoutMs).toBe(30_000);
    expect(loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: '2500' }, scratch()).databaseConnectTimeoutMs).toBe(2_500);
    expect(() => loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: '0' }, scratch())).toThrow(
      new ConfigError('DATABASE_CONNECT_TIMEOUT_MS', 'must be between 100 and 300000, got 0'),
    );
  });

  it('names the variable when DATABASE_URL is not a postgres URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x@y/z' }, scratch())).toThrow(
      new ConfigError('DATABASE_URL', 'must start with postgres:// or postgresql://, got "mysql://"'),
    );
    expect(() => loadConfig({ DATABASE_URL: 'not a url' }, scratch())).toThrow(/DATABASE_URL: is not a URL/);
  });

  it('requires a JWT secret in production and turns demo seeding off', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: is required/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/at least 32 bytes/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a'.repeat(32) })).toThrow(/too little variety/);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'clinrank-development-secret-do-not-use-in-production' }),
    ).toThrow(/published/);
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'f3a9c1e07b5d2468ace13579bdf02468' });
    expect(config.seedDemo).toBe(false);
  });

  it('refuses malformed numbers and booleans', () => {
    expect(() => loadConfig({ PORT: '80a' }, scratch())).toThrow(/PORT: must be a whole number/);
    expect(() => loadConfig({ PORT: '70000' }, scratch())).toThrow(/PORT: must be between/);
    expect(() => loadConfig({ SEED_DEMO: 'maybe' }, scratch())).toThrow(/SEED_DEMO: must be true or false/);
  });
});
