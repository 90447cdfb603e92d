import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { SYSTEM_ACTOR, startTestPlatform, type TestPlatform } from './support/test-platform.js';
import { zoneWhereItIsNow } from '../../../test-support/time-zones.js';

// "Done today" counts from the clinician's own midnight, whatever the database's time zone.
let api: TestPlatform;
let annotator: { id: string; token: string };

const PROGRESS = `query ($zone: String) { myProgress(timeZone: $zone) { doneToday doneTotal } }`;

async function label(token: string): Promise<void> {
  const task = (await api.gql(`{ nextTask(projectId: "progress") { taskId } }`, {}, token)).data!.nextTask;
  const choice = { choice: 'a' };
  const submitted = await api.gql(
    `mutation ($input: SubmitLabelInput!) { submitLabel(input: $input) { label { id } } }`,
    {
      input: {
        taskId: task.taskId,
        submissionId: randomUUID(),
        content: { judgements: { accuracy: choice, helpfulness: choice, safety: choice, overall: choice } },
        timeSpentMs: 900,
      },
    },
    token,
  );
  expect(submitted.errors).toBeUndefined();
}

beforeAll(async () => {
  api = await startTestPlatform();
  const project = await api.services.projects.create(
    { slug: 'progress', name: 'Progress', kind: 'pairwise', overlap: 1, languages: ['en'] },
    SYSTEM_ACTOR,
  );
  const lines = [0, 1].map((index) =>
    JSON.stringify({
      id: `q${index}`,
      language: 'en',
      prompt: `Question ${index}`,
      responses: [
        { id: 'a', text: 'one' },
        { id: 'b', text: 'two' },
      ],
    }),
  );
  await api.services.imports.importFile(
    project,
    new TextEncoder().encode(lines.join('\n')),
    { strict: true },
    SYSTEM_ACTOR,
  );
  annotator = await api.createUser('day-counter', 'annotator', { languages: ['en'] });
  await label(annotator.token);
  await label(annotator.token);
  // One label made 2½ hours ago: yesterday where it is now 01:00–02:00, today where it is now 12:00–13:00.
  const client = new pg.Client({ connectionString: api.config.databaseUrl! });
  await client.connect();
  try {
    await client.query(
      `UPDATE labels SET created_at = now() - interval '150 minutes'
        WHERE id = (SELECT id FROM labels WHERE annotator_id = $1 ORDER BY created_at LIMIT 1)`,
      [annotator.id],
    );
  } finally {
    await client.end();
  }
}, 60_000);

afterAll(async () => {
  await api?.close();
});

describe("myProgress's doneToday", () => {
  it("counts from midnight in the clinician's time zone", async () => {
    const justAfterMidnight = await api.gql(PROGRESS, { zone: zoneWhereItIsNow(1) }, annotator.token);
    expect(justAfterMidnight.data?.myProgress).toEqual({ doneToday: 1, doneTotal: 2 });
    const atNoon = await api.gql(PROGRESS, { zone: zoneWhereItIsNow(12) }, annotator.token);
    expect(atNoon.data?.myProgress).toEqual({ doneToday: 2, doneTotal: 2 });
  });

  it('refuses a name that is not a time zone with a coded error', async () => {
    for (const zone of ['Mars/Olympus_Mons', "UTC'; SELECT 1 --", '+02:00']) {
      const refused = await api.gql(PROGRESS, { zone }, annotator.token);
      expect(refused.data).toBeNull();
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeZone' });
    }
  });

  it("falls back to the database's own day without a time zone", async () => {
    const client = new pg.Client({ connectionString: api.config.databaseUrl! });
    await client.connect();
    const {
      rows: [expected],
    } = await client
      .query(
        `SELECT count(*) FILTER (WHERE created_at >= date_trunc('day', now()))::int AS today
           FROM labels WHERE annotator_id = $1`,
        [annotator.id],
      )
      .finally(() => client.end());
    const plain = await api.gql(`{ myProgress { doneToday doneTotal } }`, {}, annotator.token);
    expect(plain.data?.myProgress).toEqual({ doneToday: expected.today, doneTotal: 2 });
  });
});
