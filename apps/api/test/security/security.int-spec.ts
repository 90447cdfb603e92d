import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import pg from 'pg';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { ok } from '../support/assertions.js';
import { startTestPlatform, SYSTEM_ACTOR, type TestPlatform } from '../support/test-platform.js';
import { createProject, importJsonl, itemLine } from '../collection/support/collection-helpers.js';
import { unknownCostedFields } from '@clinrank/server-core';

// Each block replays one finding of issue 13 against the real API on real PostgreSQL; each failed before the fix.

const ACCOUNT_LIMIT = 5;
let api: TestPlatform;

beforeAll(async () => {
  api = await startTestPlatform({
    LOGIN_MAX_ATTEMPTS: String(ACCOUNT_LIMIT),
    LOGIN_MAX_ATTEMPTS_PER_IP: '12',
    LOGIN_WINDOW_SECONDS: '600',
  });
}, 60_000);

afterAll(async () => {
  await api?.close();
});

function hs256(payload: Record<string, unknown>, secret: string): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

async function loginFrom(ip: string, username: string, password: string) {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({
      query: `mutation ($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }`,
      variables: { u: username, p: password },
    }),
  });
  return (await response.json()) as {
    data?: { login: { token: string } };
    errors?: { message: string; extensions: { code: string } }[];
  };
}

const code = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code;

describe('finding 1: forgeable tokens', () => {
  it('refuses a token signed with the old published constant, and a correctly signed token without exp', async () => {
    const admin = await api.createUser('f1-admin', 'admin');
    const forged = hs256({ sub: admin.id }, 'clinrank-development-secret-do-not-use-in-production');
    expect(code(await api.gql(`{ me { id } }`, {}, forged))).toBe('UNAUTHENTICATED');
    const neverExpiring = hs256({ sub: admin.id, role: 'admin', username: 'f1-admin', ver: 0 }, api.config.jwtSecret);
    expect(code(await api.gql(`{ me { id } }`, {}, neverExpiring))).toBe('UNAUTHENTICATED');
    const withExpiry = hs256(
      { sub: admin.id, role: 'admin', username: 'f1-admin', ver: 0, exp: Math.floor(Date.now() / 1000) + 60 },
      api.config.jwtSecret,
    );
    expect(ok(await api.gql(`{ me { username } }`, {}, withExpiry))).toEqual({ me: { username: 'f1-admin' } });
  });
});

describe('findings 2 and 9: query cost, aliases and fragment cycles', () => {
  it('gives every costed field a real schema field', async () => {
    const introspection = ok(await api.gql<IntrospectionQuery>(getIntrospectionQuery()));
    expect(unknownCostedFields(buildClientSchema(introspection))).toEqual([]);
  });

  it("refuses an annotator's 200 aliases of myProgress before running any", async () => {
    const annotator = await api.createUser('f2-annotator', 'annotator');
    const query = `{ ${Array.from({ length: 200 }, (_, index) => `p${index}: myProgress { doneTotal }`).join(' ')} }`;
    const result = await api.gql(query, {}, annotator.token);
    // Apollo codes every validation-rule error GRAPHQL_VALIDATION_FAILED; the message names the limit.
    expect(code(result)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0].message).toBe('This request uses more than 30 aliases; split it into smaller requests');
    expect(result.data).toBeUndefined();
  });

  it('refuses 10 heavy evaluation reports in one request, and writes no audit row for them', async () => {
    const ml = await api.createUser('f2-ml', 'ml_engineer');
    const lead = await api.createUser('f2-lead', 'lead');
    const projectId = await createProject(api, lead.token, { slug: 'f2-cost', name: 'Cost', kind: 'pairwise' });
    const query = `{ ${Array.from({ length: 10 }, (_, index) => `r${index}: evaluationReport(projectId: "${projectId}", resamples: 10000) { __typename }`).join(' ')} }`;
    expect(code(await api.gql(query, {}, ml.token))).toBe('QUERY_TOO_COMPLEX');
    const [row] = await api.platform.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE project_id = $1 AND actor = 'user:f2-ml'`,
      [projectId],
    );
    expect(row.n).toBe(0);
  });

  it('writes one audit row for one operation, however many aliases ask for the report', async () => {
    const ml = await api.createUser('f2-ml-audit', 'ml_engineer');
    const lead = await api.createUser('f2-lead-audit', 'lead');
    const projectId = await createProject(api, lead.token, { slug: 'f2-audit', name: 'Audit once', kind: 'pairwise' });
    await importJsonl(api, lead.token, projectId, itemLine('f2-audit-1'));
    const query = `{ ${['a', 'b', 'c'].map((alias) => `${alias}: evaluationReport(projectId: "${projectId}", resamples: 100) { judgements }`).join(' ')} }`;
    const data = ok(await api.gql<Record<string, { judgements: number }>>(query, {}, ml.token));
    expect(Object.keys(data)).toEqual(['a', 'b', 'c']);
    const [row] = await api.platform.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE project_id = $1 AND action = 'evaluation.report'`,
      [projectId],
    );
    expect(row.n).toBe(1);
  });

  it('leaves variables of the wrong type to GraphQL: 400 BAD_USER_INPUT, never a 500 from the cost check', async () => {
    const lead = await api.createUser('f2-variables', 'lead');
    for (const variables of [{}, { id: 5 }]) {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${lead.token}` },
        body: JSON.stringify({ query: `query ($id: String!) { project(id: $id) { id } }`, variables }),
      });
      expect(response.status).toBe(400);
      expect(code((await response.json()) as { errors?: { extensions?: { code?: string } }[] })).toBe('BAD_USER_INPUT');
    }
  });

  it('stops 100,000 anonymous __typename aliases at the parser, with a client error', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ ${Array.from({ length: 100_000 }, (_, index) => `a${index}: __typename`).join(' ')} }`,
      }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].message).toMatch(/contains more tha[nt] 20000 tokens/);
  });

  it('answers a fragment cycle with a validation error, not INTERNAL', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `query{...A} fragment A on Query{...B} fragment B on Query{...A}` }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors.map((error) => error.extensions.code)).not.toContain('INTERNAL');
    expect(body.errors[0].message).toMatch(/Cannot spread fragment "A" within itself/);
  });
});

describe('finding 3: login', () => {
  it('answers unknown users, wrong passwords and inactive accounts with one message', async () => {
    await api.services.users.create(
      { username: 'f3-known', role: 'annotator', password: 'known-password-1' },
      SYSTEM_ACTOR,
    );
    const inactive = await api.services.users.create(
      { username: 'f3-inactive', role: 'annotator', password: 'inactive-password-1' },
      SYSTEM_ACTOR,
    );
    await api.services.users.update(inactive.id, { active: false }, SYSTEM_ACTOR);
    const replies = [
      await loginFrom('10.3.0.1', 'f3-nobody', 'whatever-1'),
      await loginFrom('10.3.0.2', 'f3-known', 'wrong-password'),
      await loginFrom('10.3.0.3', 'f3-inactive', 'inactive-password-1'),
    ];
    expect(
      new Set(
        replies.map((reply) =>
          JSON.stringify(reply.errors?.map(({ message, extensions }) => ({ message, code: extensions.code }))),
        ),
      ),
    ).toEqual(new Set([JSON.stringify([{ message: 'Wrong username or password', code: 'UNAUTHENTICATED' }])]));
  });

  it("never lets a stranger's failures lock a clinician out of a clean IP", async () => {
    await api.services.users.create(
      { username: 'f3-clinician', role: 'annotator', password: 'clinician-password-1' },
      SYSTEM_ACTOR,
    );
    for (let attempt = 0; attempt < ACCOUNT_LIMIT + 3; attempt += 1)
      await loginFrom('203.0.113.66', 'f3-clinician', `guess-${attempt}`);
    expect(code(await loginFrom('203.0.113.66', 'f3-clinician', 'clinician-password-1'))).toBe('RATE_LIMITED');
    const fromWard = await loginFrom('10.20.30.40', 'f3-clinician', 'clinician-password-1');
    expect(fromWard.data?.login.token).toEqual(expect.any(String));
  });

  it('counts parallel attempts atomically: 30 at once check at most the limit (plus the first from a clean IP)', async () => {
    await api.services.users.create(
      { username: 'f3-race', role: 'annotator', password: 'race-password-1' },
      SYSTEM_ACTOR,
    );
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, index) => loginFrom('198.51.100.7', 'f3-race', `parallel-${index}`)),
    );
    const checked = replies.filter((reply) => code(reply) === 'UNAUTHENTICATED').length;
    const refused = replies.filter((reply) => code(reply) === 'RATE_LIMITED').length;
    expect(checked + refused).toBe(30);
    expect(checked).toBeLessThanOrEqual(ACCOUNT_LIMIT + 1);
  });

  it('limits failures per IP across accounts', async () => {
    const replies = [];
    for (let attempt = 0; attempt < 14; attempt += 1)
      replies.push(await loginFrom('192.0.2.99', `f3-spray-${attempt}`, 'spray-password'));
    expect(replies.slice(0, 12).map(code)).toEqual(Array(12).fill('UNAUTHENTICATED'));
    expect(replies.slice(12).map(code)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
  });
});

describe('finding 5: headers over plain HTTP', () => {
  it('sends upgrade-insecure-requests only when a trusted proxy says https', async () => {
    const plain = (await fetch(`${api.url}/health`)).headers.get('content-security-policy') ?? '';
    expect(plain).toContain("default-src 'self'");
    expect(plain).not.toContain('upgrade-insecure-requests');
    const proxied =
      (await fetch(`${api.url}/health`, { headers: { 'x-forwarded-proto': 'https' } })).headers.get(
        'content-security-policy',
      ) ?? '';
    expect(proxied).toContain('upgrade-insecure-requests');
  });

  it('marks every GraphQL answer uncacheable, refusals included', async () => {
    const lead = await api.createUser('f5-cache', 'lead');
    const answered = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${lead.token}` },
      body: JSON.stringify({ query: '{ me { username } }' }),
    });
    const refused = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { username } }' }),
    });
    for (const response of [answered, refused]) {
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('etag')).toBeNull();
    }
  });
});

describe('finding 6: metrics labels', () => {
  it('labels operations by schema field, so 300 invented operation names add no series', async () => {
    for (let index = 0; index < 300; index += 1) {
      await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `query Invented${index} { __typename }`, operationName: `Invented${index}` }),
      });
    }
    const text = await (await fetch(`${api.url}/metrics`)).text();
    expect(text).not.toMatch(/Invented\d+/);
    expect(text).toMatch(/clinrank_graphql_operations_total\{operation="other",outcome="ok"\} \d+/);
    const labels = new Set(
      [...text.matchAll(/clinrank_graphql_operations_total\{operation="([^"]+)"/g)].map((match) => match[1]),
    );
    expect(labels.size).toBeLessThan(80);
  });
});

describe('finding 11: sessions end on reset, deactivation and role change', () => {
  it('revokes existing tokens', async () => {
    const admin = await api.createUser('f11-admin', 'admin');
    for (const [name, change] of [
      [
        'f11-reset',
        () => ({
          query: `mutation ($id: ID!) { resetPassword(input: {id: $id, password: "a-new-long-password-1"}) { id } }`,
        }),
      ],
      [
        'f11-deactivated',
        () => ({ query: `mutation ($id: ID!) { updateUser(input: {id: $id, active: false}) { id } }` }),
      ],
      [
        'f11-promoted',
        () => ({ query: `mutation ($id: ID!) { updateUser(input: {id: $id, role: ml_engineer}) { id } }` }),
      ],
    ] as const) {
      const user = await api.createUser(name, 'annotator', { password: 'before-change-password-1' });
      expect(ok(await api.gql(`{ me { username } }`, {}, user.token))).toEqual({ me: { username: name } });
      ok(await api.gql(change().query, { id: user.id }, admin.token));
      expect(code(await api.gql(`{ me { username } }`, {}, user.token))).toBe('UNAUTHENTICATED');
    }
  });

  it('ends a session that another process deactivated as the change commits, not two seconds later', async () => {
    expect(api.platform.sessionFeed.live).toBe(true);
    const user = await api.createUser('f11-elsewhere', 'annotator');
    expect(ok(await api.gql(`{ me { username } }`, {}, user.token))).toEqual({ me: { username: 'f11-elsewhere' } });
    const cachedAt = Date.now();
    // As the CLI or another API worker would: the same table, through a connection this process does not watch.
    const elsewhere = new pg.Client({ connectionString: api.config.databaseUrl! });
    await elsewhere.connect();
    try {
      await elsewhere.query(`UPDATE users SET active = false WHERE id = $1`, [user.id]);
    } finally {
      await elsewhere.end();
    }
    while (code(await api.gql(`{ me { username } }`, {}, user.token)) !== 'UNAUTHENTICATED')
      await new Promise((resolve) => setTimeout(resolve, 10));
    // The account stays cached for two seconds when no feed delivers the change.
    expect(Date.now() - cachedAt).toBeLessThan(1_500);
  });
});

describe('finding 12: password and admin policy', () => {
  it('refuses weak admin passwords and leaving no active admin', async () => {
    const admin = await api.createUser('f12-admin', 'admin');
    for (const password of ['12345678', '        ', 'short-pass1']) {
      const refused = await api.gql(
        `mutation ($p: String!) { createUser(input: {username: "f12-weak", role: admin, password: $p}) { id } }`,
        { p: password },
        admin.token,
      );
      expect(code(refused)).toBe('BAD_USER_INPUT');
    }
    const [{ n }] = await api.platform.dataSource.query(
      `SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND active`,
    );
    // Other blocks made admins too; demote all but this one so it is the last.
    await api.platform.dataSource.query(
      `UPDATE users SET active = false WHERE role = 'admin' AND username <> 'f12-admin'`,
    );
    expect(n).toBeGreaterThan(1);
    const demote = await api.gql(
      `mutation ($id: ID!) { updateUser(input: {id: $id, role: lead}) { id } }`,
      { id: admin.id },
      admin.token,
    );
    expect(demote.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(demote.errors?.[0].message).toMatch(/last active admin/);
    expect(
      code(
        await api.gql(
          `mutation ($id: ID!) { updateUser(input: {id: $id, active: false}) { id } }`,
          { id: admin.id },
          admin.token,
        ),
      ),
    ).toBe('CONFLICT');
    expect(ok(await api.gql(`{ me { role } }`, {}, admin.token))).toEqual({ me: { role: 'admin' } });
  });
});

describe('finding 14: role surprises', () => {
  it('lets an admin export and list snapshots like a lead', async () => {
    const admin = await api.createUser('f14-admin', 'admin');
    const lead = await api.createUser('f14-lead', 'lead');
    const projectId = await createProject(api, lead.token, { slug: 'f14-export', name: 'Export', kind: 'pairwise' });
    await importJsonl(api, lead.token, projectId, itemLine('f14-1'));
    const request = { format: 'trl', split: { train: 1, validation: 0, test: 0 } };
    for (const [query, variables] of [
      [
        `query ($input: ExportRequestInput!) { previewExport(input: $input) { __typename } }`,
        { input: { projectId, request } },
      ],
      [`query ($id: ID!) { datasetSnapshots(projectId: $id) { id } }`, { id: projectId }],
    ] as const) {
      const result = await api.gql(query, variables, admin.token);
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).not.toContain(code(result));
    }
  });

  it('shows an annotator only the guidelines of projects routed to them', async () => {
    const lead = await api.createUser('f14-guide-lead', 'lead');
    const english = await createProject(api, lead.token, {
      slug: 'f14-en',
      name: 'English',
      kind: 'pairwise',
      guidelines: 'English rules',
    });
    const arabic = await createProject(api, lead.token, {
      slug: 'f14-ar',
      name: 'Arabic',
      kind: 'pairwise',
      guidelines: 'Arabic rules',
    });
    await importJsonl(api, lead.token, english, itemLine('f14-en-1'));
    await importJsonl(api, lead.token, arabic, itemLine('f14-ar-1', { language: 'ar' }));
    const annotator = await api.createUser('f14-en-annotator', 'annotator', { languages: ['en'] });
    const readable = await api.gql(
      `query ($id: ID!) { guidelines(projectId: $id) { version } }`,
      { id: english },
      annotator.token,
    );
    expect(readable.errors).toBeUndefined();
    const hidden = await api.gql(
      `query ($id: ID!) { guidelines(projectId: $id) { markdown } }`,
      { id: arabic },
      annotator.token,
    );
    expect(code(hidden)).toBe('FORBIDDEN');
  });

  it('lets a lead create accounts but never an admin', async () => {
    const lead = await api.createUser('f14-creator', 'lead');
    const annotator = await api.gql(
      `mutation { createUser(input: {username: "f14-new-annotator", role: annotator, password: "annotator-password-1"}) { role } }`,
      {},
      lead.token,
    );
    expect(ok(annotator)).toEqual({ createUser: { role: 'annotator' } });
    const admin = await api.gql(
      `mutation { createUser(input: {username: "f14-new-admin", role: admin, password: "an-admin-password-1"}) { role } }`,
      {},
      lead.token,
    );
    expect(code(admin)).toBe('FORBIDDEN');
  });
});
