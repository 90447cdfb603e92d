import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { ok, pairwiseLine, projectWith } from '../dataset/support.js';

let api: TestPlatform;

beforeAll(async () => {
  api = await startTestPlatform();
}, 60_000);

afterAll(async () => {
  await api?.close();
});

const RELIABILITY = `query ($projectId: ID!) { annotatorReliability(projectId: $projectId) {
  kind supported classes units goldUnits iterations converged
  annotators { annotatorId username labels expectedAccuracy confusion } } }`;

describe('annotatorReliability', () => {
  it("ranks annotators by their Dawid–Skene reliability on the project's labels", async () => {
    const lead = await api.createUser('lead-reliability', 'lead');
    // ext-1 and ext-2 agree on all eight items; ext-3 agrees with them on two only.
    const lines = Array.from({ length: 8 }, (_, n) => {
      const truth = n % 2 === 0 ? 'a' : 'b';
      const other = truth === 'a' ? 'b' : 'a';
      return pairwiseLine(`q${n}`, [truth, truth, n < 2 ? truth : other]);
    });
    const { project, report } = await projectWith(api, 'reliability', 'pairwise', lines);
    expect(report.rejected).toBe(0);
    const result = ok(await api.gql(RELIABILITY, { projectId: project.id }, lead.token)).annotatorReliability;
    expect(result).toMatchObject({ kind: 'pairwise', supported: true, units: 8, goldUnits: 0, converged: true });
    expect(result.classes).toEqual(['a', 'b', 'tie', 'both_bad']);
    const byName = new Map(
      result.annotators.map((row: { username: string; expectedAccuracy: number; labels: number }) => [
        row.username,
        row,
      ]),
    );
    expect([...byName.keys()].sort()).toEqual(['ext:ext-1', 'ext:ext-2', 'ext:ext-3']);
    const accuracy = (name: string) => (byName.get(name) as { expectedAccuracy: number }).expectedAccuracy;
    // Eight labels each against the smoothing prior: the agreeing pair is clearly ahead, and equal.
    expect(accuracy('ext:ext-1')).toBeGreaterThan(accuracy('ext:ext-3') + 0.2);
    expect(accuracy('ext:ext-1')).toBeCloseTo(accuracy('ext:ext-2'), 6);
    // Least reliable first, so a lead sees whom to look at.
    expect(result.annotators[0].username).toBe('ext:ext-3');
    expect(result.annotators[0].confusion).toHaveLength(4);
    for (const row of result.annotators[0].confusion)
      expect(row.reduce((sum: number, p: number) => sum + p, 0)).toBeCloseTo(1, 6);
  });

  it('says so for kinds without a categorical outcome, and is for leads only', async () => {
    const lead = await api.createUser('lead-reliability-2', 'lead');
    const annotator = await api.createUser('annotator-reliability', 'annotator');
    const { project } = await projectWith(api, 'reliability-ranking', 'ranking', []);
    const result = ok(await api.gql(RELIABILITY, { projectId: project.id }, lead.token)).annotatorReliability;
    expect(result).toMatchObject({ kind: 'ranking', supported: false, annotators: [] });
    const denied = await api.gql(RELIABILITY, { projectId: project.id }, annotator.token);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const missing = await api.gql(RELIABILITY, { projectId: 'no-such-project' }, lead.token);
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
