import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestPlatform, type TestPlatform } from './support/test-platform.js';
import {
  createProject,
  importLines,
  nextTask,
  pairwiseContent,
  submitLabel,
} from './evaluation/support/evaluation-helpers.js';
import { zoneWhereItIsNow } from '../../../test-support/time-zones.js';

// "Today" and the per-day counts follow the viewer's calendar, whatever the database's time zone.
let api: TestPlatform;
let lead: string;
let annotator: { id: string; token: string };
let projectId: string;

const PROGRESS = `query ($zone: String) { myProgress(timeZone: $zone) { doneToday doneTotal } }`;

beforeAll(async () => {
  api = await startTestPlatform();
  lead = (await api.createUser('day-lead', 'lead')).token;
  projectId = await createProject(api, lead, {
    slug: 'progress',
    name: 'Progress',
    kind: 'pairwise',
    overlap: 1,
  });
  await importLines(
    api,
    lead,
    projectId,
    [0, 1].map((index) => ({
      id: `q${index}`,
      language: 'en',
      prompt: `Question ${index}`,
      responses: [
        { id: 'a', text: 'one' },
        { id: 'b', text: 'two' },
      ],
    })),
  );
  annotator = await api.createUser('day-counter', 'annotator', { languages: ['en'] });
  for (let done = 0; done < 2; done += 1) {
    const { task } = await nextTask(api, annotator.token, projectId);
    await submitLabel(api, annotator.token, task!.taskId, pairwiseContent(task!.project.criteria, 'a'));
  }
  // One label made 2½ hours ago: yesterday where it is now 01:00–02:00, today where it is now 12:00–13:00.
  await api.platform.dataSource.query(
    `UPDATE labels SET created_at = now() - interval '150 minutes'
      WHERE id = (SELECT id FROM labels WHERE annotator_id = $1 ORDER BY created_at LIMIT 1)`,
    [annotator.id],
  );
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
    const [expected]: { today: number }[] = await api.platform.dataSource.query(
      `SELECT count(*) FILTER (WHERE created_at >= date_trunc('day', now()))::int AS today
         FROM labels WHERE annotator_id = $1`,
      [annotator.id],
    );
    const plain = await api.gql(`{ myProgress { doneToday doneTotal } }`, {}, annotator.token);
    expect(plain.data?.myProgress).toEqual({ doneToday: expected.today, doneTotal: 2 });
  });
});

describe("the lead's projectProgress", () => {
  const PROJECT = `query ($p: ID!, $zone: String) {
    projectProgress(projectId: $p, timeZone: $zone) { annotators { username labelsToday } perDay { day username labels } }
  }`;
  /** The calendar date (YYYY-MM-DD) of `at` in `zone`. */
  const dateIn = (zone: string, at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(at);

  it("counts today and buckets days by the viewer's calendar", async () => {
    const now = new Date();
    const earlier = new Date(now.getTime() - 150 * 60_000);
    const justAfterMidnight = zoneWhereItIsNow(1);
    const early = (await api.gql(PROJECT, { p: projectId, zone: justAfterMidnight }, lead)).data?.projectProgress;
    expect(early.annotators).toEqual([{ username: 'day-counter', labelsToday: 1 }]);
    expect(early.perDay).toEqual([
      { day: dateIn(justAfterMidnight, earlier), username: 'day-counter', labels: 1 },
      { day: dateIn(justAfterMidnight, now), username: 'day-counter', labels: 1 },
    ]);
    const noon = zoneWhereItIsNow(12);
    const midday = (await api.gql(PROJECT, { p: projectId, zone: noon }, lead)).data?.projectProgress;
    expect(midday.annotators).toEqual([{ username: 'day-counter', labelsToday: 2 }]);
    expect(midday.perDay).toEqual([{ day: dateIn(noon, now), username: 'day-counter', labels: 2 }]);
  });

  it('refuses a name that is not a time zone with a coded error', async () => {
    const refused = await api.gql(PROJECT, { p: projectId, zone: 'Mars/Olympus_Mons' }, lead);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeZone' });
  });
});
