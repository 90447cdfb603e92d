import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR, startTestPlatform, type TestPlatform } from './support/test-platform.js';

let api: TestPlatform;
let annotator: { id: string; token: string };

const NEXT = `query ($project: ID, $exclude: [ID!]) { nextTask(projectId: $project, exclude: $exclude) { taskId responses { id label } } }`;

beforeAll(async () => {
  api = await startTestPlatform();
  const project = await api.services.projects.create(
    { slug: 'prefetch', name: 'Prefetch', kind: 'pairwise', overlap: 2, languages: ['en', 'ar'] },
    SYSTEM_ACTOR,
  );
  const lines = Array.from({ length: 4 }, (_, index) =>
    JSON.stringify({
      id: `q${index}`,
      language: index === 3 ? 'ar' : 'en',
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
  annotator = await api.createUser('prefetcher', 'annotator', { languages: ['en'] });
}, 60_000);

afterAll(async () => {
  await api?.close();
});

describe('nextTask ahead of time', () => {
  it('accepts a project slug and refuses malformed ids with a coded error', async () => {
    const bySlug = await api.gql(NEXT, { project: 'prefetch' }, annotator.token);
    expect(bySlug.data?.nextTask?.taskId).toEqual(expect.any(String));
    const malformed = await api.gql(NEXT, { project: 'Not A Slug!' }, annotator.token);
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'projectId' });
    const missing = await api.gql(NEXT, { project: 'no-such-project' }, annotator.token);
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('returns the task on screen again, a different one when it is excluded, and holds at most two', async () => {
    const first = (await api.gql(NEXT, { project: 'prefetch' }, annotator.token)).data!.nextTask;
    const again = (await api.gql(NEXT, { project: 'prefetch' }, annotator.token)).data!.nextTask;
    expect(again.taskId).toBe(first.taskId);
    const ahead = (await api.gql(NEXT, { project: 'prefetch', exclude: [first.taskId] }, annotator.token)).data!
      .nextTask;
    expect(ahead.taskId).not.toBe(first.taskId);
    const third = (await api.gql(NEXT, { project: 'prefetch', exclude: [first.taskId, ahead.taskId] }, annotator.token))
      .data!.nextTask;
    expect(third).toBeNull();
  });

  it("records the UI direction with the label and lists the annotator's open projects", async () => {
    const task = (await api.gql(NEXT, { project: 'prefetch' }, annotator.token)).data!.nextTask;
    const choice = { choice: 'a' };
    const submitted = await api.gql(
      `mutation ($input: SubmitLabelInput!) { submitLabel(input: $input) { label { uiDirection displayOrder } } }`,
      {
        input: {
          taskId: task.taskId,
          submissionId: randomUUID(),
          content: { judgements: { accuracy: choice, helpfulness: choice, safety: choice, overall: choice } },
          timeSpentMs: 1200,
          uiDirection: 'rtl',
        },
      },
      annotator.token,
    );
    expect(submitted.data?.submitLabel.label).toEqual({
      uiDirection: 'rtl',
      displayOrder: task.responses.map((response: { id: string }) => response.id),
    });
    const projects = await api.gql(`{ myProjects { project { slug kind } remaining } }`, {}, annotator.token);
    // three English items with free slots, one already labelled by this annotator: 2 left for them
    expect(projects.data?.myProjects).toEqual([{ project: { slug: 'prefetch', kind: 'pairwise' }, remaining: 2 }]);
  });

  it("counts the annotator's own remaining items apart from the project's open slots, and lists a dry chosen project", async () => {
    const progress = await api.gql(
      `query ($project: ID) { myProgress(projectId: $project) { doneTotal remaining projectRemaining } }`,
      {
        project: (await api.gql(`{ myProjects { project { id } } }`, {}, annotator.token)).data!.myProjects[0].project
          .id,
      },
      annotator.token,
    );
    // 4 items × overlap 2 − 1 label = 7 open slots; the annotator reads English only and labelled one: 2 are theirs.
    expect(progress.data?.myProgress).toEqual({ doneTotal: 1, remaining: 2, projectRemaining: 7 });
    const dry = await api.services.projects.create(
      { slug: 'prefetch-dry', name: 'Dry', kind: 'pairwise', overlap: 1, languages: ['en'] },
      SYSTEM_ACTOR,
    );
    const listed = async (include?: string) =>
      (
        await api.gql(
          `query ($include: ID) { myProjects(include: $include) { project { slug } remaining } }`,
          { include },
          annotator.token,
        )
      ).data?.myProjects;
    expect(await listed()).toEqual([{ project: { slug: 'prefetch' }, remaining: 2 }]);
    expect(await listed(dry.id)).toEqual([
      { project: { slug: 'prefetch' }, remaining: 2 },
      { project: { slug: 'prefetch-dry' }, remaining: 0 },
    ]);
    expect(await listed('prefetch-dry')).toEqual([
      { project: { slug: 'prefetch' }, remaining: 2 },
      { project: { slug: 'prefetch-dry' }, remaining: 0 },
    ]);
  });
});
