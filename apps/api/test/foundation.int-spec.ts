import pg from 'pg';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { startTestPlatform, type TestPlatform } from './support/test-platform.js';

let api: TestPlatform;

beforeAll(async () => {
  api = await startTestPlatform({
    LOGIN_MAX_ATTEMPTS: '3',
    LOGIN_WINDOW_SECONDS: '600',
    GRAPHQL_MAX_DEPTH: '1',
    MAX_BODY_BYTES: '65536',
  });
}, 60_000);

afterAll(async () => {
  await api?.close();
});

describe('health and metrics', () => {
  it('reports the database state on /health', async () => {
    const response = await fetch(`${api.url}/health`);
    expect(response.status).toBe(200);
    // fetch types the body as unknown; the toMatchObject below checks the shape this describes.
    const body = (await response.json()) as {
      status: string;
      database: { state: string; embedded: boolean; migrations: number };
    };
    expect(body).toMatchObject({
      status: 'ok',
      database: { state: 'up', embedded: false, migrations: expect.any(Number) },
    });
    expect(body.database.migrations).toBeGreaterThan(0);
  });

  it('serves Prometheus metrics', async () => {
    const text = await (await fetch(`${api.url}/metrics`)).text();
    expect(text).toContain('clinrank_http_request_duration_seconds');
    expect(text).toContain('clinrank_process_cpu_seconds_total');
  });
});

describe('HTTP connections', () => {
  /** GET /health on `agent`; whether the request went out on a connection an earlier request had opened. */
  const health = (agent: http.Agent) =>
    new Promise<{ reused: boolean; keepAlive: http.IncomingHttpHeaders['keep-alive'] }>((resolve, reject) => {
      const request = http.get(`${api.url}/health`, { agent }, (response) => {
        response.resume();
        response.on('end', () => resolve({ reused: request.reusedSocket, keepAlive: response.headers['keep-alive'] }));
      });
      request.on('error', reject);
    });

  it("keeps an idle connection open past Node's 5 s default, so the next submit after a pause reuses it", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await health(agent);
      expect(first).toEqual({ reused: false, keepAlive: 'timeout=65' });
      await sleep(6_000);
      expect((await health(agent)).reused).toBe(true);
    } finally {
      agent.destroy();
    }
  }, 20_000);
});

describe('schema', () => {
  it('serves the schema checked in as apps/api/schema.gql (npm run schema)', () => {
    const served = printSchema(lexicographicSortSchema(api.platform.app.get(GraphQLSchemaHost).schema));
    const checkedIn = readFileSync(new URL('../schema.gql', import.meta.url), 'utf8');
    expect(checkedIn.slice(checkedIn.indexOf('\n\n') + 2)).toBe(`${served}\n`);
  });
});

describe('identity', () => {
  it('signs in with the right password and refuses the wrong one with a coded error', async () => {
    await api.createUser('alice', 'lead', { password: 'alice-password-1' });
    const token = await api.login('alice', 'alice-password-1');
    const me = await api.gql(`{ me { username role } }`, {}, token);
    expect(me.data).toEqual({ me: { username: 'alice', role: 'lead' } });
    const wrong = await api.gql(`mutation { login(input: {username: "alice", password: "nope"}) { token } }`);
    expect(wrong.errors?.[0]).toMatchObject({
      message: 'Wrong username or password',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('stores passwords hashed, never in clear', async () => {
    const [row] = await api.platform.dataSource.query(`SELECT password_hash FROM users WHERE username = 'alice'`);
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain('alice-password-1');
  });

  it('rate limits failed sign-ins per account', async () => {
    await api.createUser('mallory-target', 'annotator', { password: 'target-password-1' });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const failed = await api.gql(
        `mutation { login(input: {username: "mallory-target", password: "guess${attempt}"}) { token } }`,
      );
      expect(failed.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    const blocked = await api.gql(
      `mutation { login(input: {username: "mallory-target", password: "target-password-1"}) { token } }`,
    );
    expect(blocked.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
  });

  it('refuses expired and forged tokens', async () => {
    const forged = await api.gql(`{ me { username } }`, {}, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl');
    expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const anonymous = await api.gql(`{ me { username } }`);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('authorisation', () => {
  it('denies operations to roles the guard does not list', async () => {
    const annotator = await api.createUser('ann', 'annotator');
    const result = await api.gql(`{ users { total } }`, {}, annotator.token);
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const create = await api.gql(
      `mutation { createUser(input: {username: "eve", role: admin, password: "longenough1"}) { id } }`,
      {},
      annotator.token,
    );
    expect(create.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('lets an admin create users, validating input at the boundary', async () => {
    const admin = await api.createUser('root-admin', 'admin');
    const created = await api.gql(
      `mutation { createUser(input: {username: "dr-li", role: annotator, password: "longenough1", languages: ["zh", "en"], specialties: ["cardiology"]}) { username role languages specialties } }`,
      {},
      admin.token,
    );
    expect(created.data).toEqual({
      createUser: { username: 'dr-li', role: 'annotator', languages: ['zh', 'en'], specialties: ['cardiology'] },
    });
    const invalid = await api.gql(
      `mutation { createUser(input: {username: "x y", role: annotator, password: "short", languages: ["Chinese"]}) { id } }`,
      {},
      admin.token,
    );
    expect(invalid.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(invalid.errors?.[0].message).toMatch(/password must be at least 8 characters/);
    expect(invalid.errors?.[0].message).toMatch(/languages must be codes/);
    const duplicate = await api.gql(
      `mutation { createUser(input: {username: "DR-LI", role: lead, password: "long-enough-for-a-lead"}) { id } }`,
      {},
      admin.token,
    );
    expect(duplicate.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', field: 'username' } });
  });

  it('writes every change to the append-only audit log', async () => {
    const rows = await api.platform.dataSource.query(
      `SELECT actor, action, entity_type, after FROM audit_log WHERE action = 'user.create' AND after->>'username' = 'dr-li'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].actor).toBe('user:root-admin');
    expect(JSON.stringify(rows[0].after)).not.toMatch(/password/i);
    // The API's role may only append; the owner is stopped by the append-only trigger.
    await expect(api.platform.dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
    await expect(api.platform.dataSource.query(`UPDATE audit_log SET actor = 'x'`)).rejects.toThrow(
      /permission denied/,
    );
    const owner = new pg.Client({ connectionString: api.platform.database.url });
    await owner.connect();
    try {
      await expect(owner.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
  });
});

describe('request limits', () => {
  it('refuses queries nested beyond the depth limit', async () => {
    const lead = await api.createUser('depth-lead', 'lead');
    const withinLimit = await api.gql(`{ me { username } }`, {}, lead.token);
    expect(withinLimit).toEqual({ data: { me: { username: 'depth-lead' } } });
    const tooDeep = await api.gql(`{ projects { currentGuidelines { version } } }`, {}, lead.token);
    expect(tooDeep.errors?.[0].message).toMatch(/exceeds maximum operation depth of 1/);
  });

  it('refuses bodies over the size limit without a 500', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ me { id } }`, variables: { padding: 'x'.repeat(100_000) } }),
    });
    expect(response.status).toBe(413);
  });
});

/** A conditional GET by node:http: fetch would add `Cache-Control: no-cache` to it, which forbids a 304. */
function statusRevalidating(url: string, validators: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: validators }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

describe('the web app', () => {
  it('serves its files with validators, so a browser revalidates them for a 304', async () => {
    const webDir = mkdtempSync(join(tmpdir(), 'clinrank-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>clinrank</title>');
    writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log("clinrank");');
    const web = await startTestPlatform({ WEB_DIR: webDir });
    try {
      const asset = await fetch(`${web.url}/assets/app.js`);
      expect(asset.status).toBe(200);
      const etag = asset.headers.get('etag');
      expect(etag).toBeTruthy();
      expect(await statusRevalidating(`${web.url}/assets/app.js`, { 'if-none-match': etag! })).toBe(304);

      // The HTML shell answers every client-side route; it is revalidated on each load by its date.
      const shell = await fetch(`${web.url}/projects/cardiology`);
      expect(shell.status).toBe(200);
      expect(shell.headers.get('cache-control')).toBe('no-cache');
      const modified = shell.headers.get('last-modified');
      expect(modified).toBeTruthy();
      expect(await statusRevalidating(`${web.url}/projects/cardiology`, { 'if-modified-since': modified! })).toBe(304);
    } finally {
      await web.close();
      rmSync(webDir, { recursive: true, force: true });
    }
  }, 60_000);
});
