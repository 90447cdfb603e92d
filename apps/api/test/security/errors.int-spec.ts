// Findings 10 (secrets in logs and /health) and 13 (a database outage looks like a bug), replayed on a PostgreSQL
// server this test owns, so that it can stop and restart it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { loadConfig, createLogger } from '@clinrank/server-core';
import { servicesOf } from '@clinrank/server-app';
import { AuthService } from '@clinrank/server-identity';
import { startPlatform, type RunningPlatform } from '../../src/platform.js';
import { ok } from '../support/assertions.js';
import { contentFor, itemLine, NEXT_TASK, SUBMIT, type Task } from '../collection/support/collection-helpers.js';
import { startOwnPostgres, type OwnPostgres } from './support/own-postgres.js';

let postgres: OwnPostgres;
let platform: RunningPlatform;
const logLines: string[] = [];

async function gql(query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(`${platform.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as {
    data?: any;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

async function tokenFor(username: string, role: 'admin' | 'lead' | 'annotator') {
  const services = servicesOf(platform.app);
  const user = await services.users.create(
    { username, role, password: null, languages: ['en'], specialties: [] },
    { kind: 'system', name: 'test' },
  );
  return platform.app.get(AuthService).issue(user).token;
}

beforeAll(async () => {
  postgres = await startOwnPostgres();
  const sink = new Writable({ write: (chunk, _encoding, done) => (logLines.push(String(chunk)), done()) });
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: postgres.url,
    SEED_DEMO: 'false',
    WEB_DIR: '/nonexistent',
  });
  platform = await startPlatform(config, createLogger('info', sink));
}, 120_000);

afterAll(async () => {
  await platform?.close().catch(() => undefined);
  await postgres?.destroy();
});

describe('secrets stay out of logs', () => {
  it('logs a failing INSERT without its parameters: no password, no scrypt hash', async () => {
    const admin = await tokenFor('sec-errors-admin', 'admin');
    // A constraint the API does not know about makes the INSERT fail inside the database, as the attack did.
    const owner = new pg.Client({ connectionString: postgres.url });
    await owner.connect();
    await owner.query(`ALTER TABLE users ADD CONSTRAINT sec_test_no_boom CHECK (display_name IS DISTINCT FROM 'boom')`);
    const password = 'Correct-Horse-Battery-Staple-42';
    const result = await gql(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { username: 'sec-leaky', displayName: 'boom', role: 'annotator', password, languages: ['en'] } },
      admin,
    );
    await owner.query(`ALTER TABLE users DROP CONSTRAINT sec_test_no_boom`);
    await owner.end();
    expect(result.errors?.[0].extensions?.code).toBe('INTERNAL');
    const reference = result.errors?.[0].extensions?.reference as string;
    const logged = logLines.find((line) => line.includes(reference));
    expect(logged).toBeDefined();
    expect(logged).toContain('sec_test_no_boom');
    const text = logLines.join('');
    expect(text).not.toContain(password);
    expect(text).not.toMatch(/scrypt\$|"sec-leaky"/);
  });
});

describe('a database outage', () => {
  it('answers UNAVAILABLE (retryable), /health says only "degraded", and the same submissionId lands once afterwards', async () => {
    const lead = await tokenFor('sec-outage-lead', 'lead');
    const annotator = await tokenFor('sec-outage-ann', 'annotator');
    const project = ok(
      await gql(
        `mutation { createProject(input: {slug: "sec-outage", name: "Outage", kind: pairwise, overlap: 1}) { id } }`,
        {},
        lead,
      ),
    ).createProject.id;
    ok(
      await gql(
        `mutation ($input: ImportItemsInput!) { importItems(input: $input) { imported } }`,
        { input: { projectId: project, content: itemLine('o-1'), strict: false } },
        lead,
      ),
    );
    const task: Task = ok(await gql(NEXT_TASK, { projectId: project }, annotator)).nextTask;
    const input = {
      taskId: task.taskId,
      submissionId: randomUUID(),
      content: contentFor(task),
      flags: [],
      timeSpentMs: 900,
    };

    await postgres.stop();
    const during = await gql(SUBMIT, { input }, annotator);
    expect(during.errors?.[0].extensions).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(during.errors?.[0].message).toMatch(/nothing was saved/);
    const health = await fetch(`${platform.url}/health`);
    expect(health.status).toBe(503);
    const body = (await health.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['reference', 'status']);
    expect(body.status).toBe('degraded');
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|clinrank:|terminat/);

    await postgres.start();
    let retried = await gql(SUBMIT, { input }, annotator);
    for (let attempt = 0; retried.errors?.[0].extensions?.code === 'UNAVAILABLE' && attempt < 20; attempt += 1) {
      await new Promise((done) => setTimeout(done, 250));
      retried = await gql(SUBMIT, { input }, annotator);
    }
    expect(ok(retried).submitLabel.duplicate).toBe(false);
    expect(ok(await gql(SUBMIT, { input }, annotator)).submitLabel.duplicate).toBe(true);
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM labels WHERE submission_id = $1`, [
      input.submissionId,
    ]);
    await client.end();
    expect(rows[0].n).toBe(1);
    expect((await fetch(`${platform.url}/health`)).status).toBe(200);
  }, 120_000);

  it('cut short during an import, the answer says how many items were saved, and that matches the database', async () => {
    const lead = await tokenFor('sec-outage-import-lead', 'lead');
    const project = ok(
      await gql(
        `mutation { createProject(input: {slug: "sec-outage-import", name: "Outage import", kind: pairwise}) { id } }`,
        {},
        lead,
      ),
    ).createProject.id;
    const content = Array.from({ length: 3000 }, (_, index) => itemLine(`oi-${index}`)).join('\n');
    const importing = gql(
      `mutation ($input: ImportItemsInput!) { importItems(input: $input) { imported } }`,
      { input: { projectId: project, content, strict: false } },
      lead,
    );
    await new Promise((done) => setTimeout(done, 1500));
    await postgres.stop();
    const answer = await importing;
    await postgres.start();
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM items WHERE project_id = $1`, [project]);
    await client.end();
    if (answer.errors) {
      expect(answer.errors[0].extensions).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
      const saved = Number(
        /; (\d+) items and \d+ labels were saved before it did|nothing was saved/.exec(answer.errors[0].message)?.[1] ??
          0,
      );
      expect(answer.errors[0].message).toMatch(/Importing the same file again is safe/);
      // One more line may have committed while the outage cut off its confirmation; never fewer than reported.
      expect(rows[0].n - saved).toBeGreaterThanOrEqual(0);
      expect(rows[0].n - saved).toBeLessThanOrEqual(1);
    } else {
      // The import outran the outage: then it all landed, and says so.
      expect(answer.data.importItems.imported).toBe(rows[0].n);
    }
  }, 120_000);
});
