import { pino } from 'pino';
import type { Role } from '@clinrank/domain';
import { loadConfig, type AppConfig } from '@clinrank/server-core';
import { servicesOf, type Services } from '@clinrank/server-app';
import { AuthService } from '@clinrank/server-identity';
import { startPlatform, type RunningPlatform } from '../../src/platform.js';
import { createTestDatabase, stopEmbeddedServer, type TestDatabase } from '../../../../test-support/test-database.js';

export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

export interface TestPlatform {
  platform: RunningPlatform;
  url: string;
  services: Services;
  config: AppConfig;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResult<T>>;
  createUser(
    username: string,
    role: Role,
    extra?: { languages?: string[]; specialties?: string[]; password?: string },
  ): Promise<{ id: string; token: string }>;
  login(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

export const SYSTEM_ACTOR = { kind: 'system' as const, name: 'test' };

/** The real API on a real PostgreSQL database of its own, listening on a free port. */
export async function startTestPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  const database: TestDatabase = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    WEB_DIR: '/nonexistent',
    ...env,
  });
  const platform = await startPlatform(config, pino({ level: 'silent' }));
  const services = servicesOf(platform.app);
  const url = platform.url;

  async function gql<T>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<GraphQLResult<T>> {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult<T>;
  }

  async function login(username: string, password: string): Promise<string> {
    const result = await gql<{ login: { token: string } }>(
      `mutation ($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }`,
      { u: username, p: password },
    );
    if (!result.data) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
    return result.data.login.token;
  }

  /** Creates a user; with a password it signs in for real, without one it gets a token directly (fast, for bulk users). */
  async function createUser(
    username: string,
    role: Role,
    extra: { languages?: string[]; specialties?: string[]; password?: string } = {},
  ) {
    const user = await services.users.create(
      {
        username,
        role,
        password: extra.password ?? null,
        languages: extra.languages ?? ['en'],
        specialties: extra.specialties ?? [],
      },
      SYSTEM_ACTOR,
    );
    const token = extra.password
      ? await login(username, extra.password)
      : platform.app.get(AuthService).issue(user).token;
    return { id: user.id, token };
  }

  return {
    platform,
    url,
    services,
    config,
    gql,
    login,
    createUser,
    close: async () => {
      await platform.close();
      await database.drop();
      await stopEmbeddedServer();
    },
  };
}
