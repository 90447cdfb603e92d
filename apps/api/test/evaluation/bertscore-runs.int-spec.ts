import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { createProject, importLines } from './support/evaluation-helpers.js';

const REQUEST = `mutation ($p: ID!) { requestBertScore(projectId: $p) { id projectId status } }`;
const RUNS = `query ($p: ID) { trainingRuns(kind: "bertscore", projectId: $p) { id projectId } }`;

const line = (id: string) => ({
  id,
  language: 'en',
  prompt: 'How should I take aspirin?',
  reference: 'one tablet daily with food',
  responses: [
    { id: 'a', text: 'one tablet daily', model: 'm1' },
    { id: 'b', text: 'rest', model: 'm2' },
  ],
});

// Queued runs only: no worker is needed to check which runs a project's panel sees.
describe("a project's BERTScore runs", () => {
  let api: TestPlatform;
  let work: string;
  let engineer: string;
  const projects: string[] = [];
  const runs: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'clinrank-bertscore-runs-'));
    api = await startTestPlatform({ ARTIFACT_DIR: join(work, 'artifacts') });
    const lead = (await api.createUser('bsr-lead', 'lead')).token;
    engineer = (await api.createUser('bsr-ml', 'ml_engineer')).token;
    for (const slug of ['bsr-one', 'bsr-two']) {
      const projectId = await createProject(api, lead, { slug, name: slug, kind: 'pairwise', overlap: 1 });
      await importLines(api, lead, projectId, [line(`${slug}-q1`)]);
      projects.push(projectId);
      const requested = await api.gql(REQUEST, { p: projectId }, engineer);
      expect(requested.errors).toBeUndefined();
      runs.push(requested.data!.requestBertScore.id);
    }
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('lists only the runs of the project asked for', async () => {
    const first = await api.gql(RUNS, { p: projects[0] }, engineer);
    expect(first.data!.trainingRuns).toEqual([{ id: runs[0], projectId: projects[0] }]);
    const all = await api.gql(RUNS, { p: null }, engineer);
    expect(all.data!.trainingRuns.map((run: { id: string }) => run.id).sort()).toEqual([...runs].sort());
  });

  it('answers a project id that is not a UUID as bad input, not as an internal error', async () => {
    const result = await api.gql(RUNS, { p: 'bsr-one' }, engineer);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/UUID/);
  });
});
