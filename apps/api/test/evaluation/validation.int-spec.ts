import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { createProject, importLines, nextTask, ok, runEvalCli, submitLabel } from './support/evaluation-helpers.js';

let api: TestPlatform;
let lead: { id: string; token: string };
let projectId: string;

/** Four synthetic answers: s1, s2 from gen-a; s3, s4 from gen-b. */
const lines = ['s1', 's2', 's3', 's4'].map((id, i) => ({
  id,
  language: 'en',
  prompt: `Synthetic question ${id}`,
  responses: [
    { id: 'answer', text: `Synthetic answer ${id}`, source: 'synthetic', generator: i < 2 ? 'gen-a' : 'gen-b' },
  ],
}));

/** Verdicts by validator and item. v1 and v2 agree on s1, s2, s4 and disagree on s3. */
const VERDICTS: Record<string, Record<string, { verdict: string; reasons?: string[]; fixedText?: string }>> = {
  v1: {
    s1: { verdict: 'accept' },
    s2: { verdict: 'reject', reasons: ['hallucination'] },
    s3: { verdict: 'accept' },
    s4: { verdict: 'fix', fixedText: 'Corrected answer' },
  },
  v2: {
    s1: { verdict: 'accept' },
    s2: { verdict: 'reject', reasons: ['hallucination', 'unsafe'] },
    s3: { verdict: 'reject', reasons: ['hallucination'] },
    s4: { verdict: 'fix', fixedText: 'Corrected too' },
  },
};

beforeAll(async () => {
  api = await startTestPlatform();
  lead = await api.createUser('validation-lead', 'lead');
  projectId = await createProject(api, lead.token, {
    slug: 'synthetic-qa',
    name: 'Synthetic QA',
    kind: 'validation',
    overlap: 2,
  });
  await importLines(api, lead.token, projectId, lines);
  const externalIds = new Map<string, string>(
    (
      await api.platform.dataSource.query(
        `SELECT r.id, i.external_id FROM responses r JOIN items i ON i.id = r.item_id WHERE i.project_id = $1`,
        [projectId],
      )
    ).map((row: { id: string; external_id: string }) => [row.id, row.external_id]),
  );
  for (const [validator, verdicts] of Object.entries(VERDICTS)) {
    const user = await api.createUser(validator, 'annotator');
    for (;;) {
      const { task } = await nextTask(api, user.token, projectId);
      if (!task) break;
      const item = externalIds.get(task.responses[0].id)!;
      await submitLabel(api, user.token, task.taskId, verdicts[item]);
    }
  }
}, 60_000);

afterAll(async () => {
  await api?.close();
});

describe('validationReport', () => {
  it('gives acceptance per generator with Wilson intervals, rejection reasons and agreement between validators', async () => {
    const report = ok(
      await api.gql(
        `query ($p: ID!) { validationReport(projectId: $p) { labels overall { alpha units }
          generators { generator n accepts fixes rejects acceptanceRate acceptanceInterval { low high } strictRate rejectionReasons { reason count } agreement { alpha reason units } } } }`,
        { p: projectId },
        lead.token,
      ),
    ).validationReport;
    expect(report.labels).toBe(8);
    const [genA, genB] = report.generators;
    // gen-a: s1 accept ×2, s2 reject ×2 → acceptance 2/4; reasons hallucination 2, unsafe 1.
    expect(genA).toMatchObject({
      generator: 'gen-a',
      n: 4,
      accepts: 2,
      fixes: 0,
      rejects: 2,
      acceptanceRate: 0.5,
      strictRate: 0.5,
    });
    expect(genA.rejectionReasons).toEqual([
      { reason: 'hallucination', count: 2 },
      { reason: 'unsafe', count: 1 },
    ]);
    // Wilson 95% for 2/4: centre (0.5 + z²/8)/(1 + z²/4) = 0.5, half-width z·√(1/16 + z²/64)/(1 + z²/4) = 1.96·0.3500/1.9604 = 0.3500.
    expect(genA.acceptanceInterval.low).toBeCloseTo(0.15, 3);
    expect(genA.acceptanceInterval.high).toBeCloseTo(0.85, 3);
    // gen-a validators agree perfectly on two units with two different verdicts: alpha = 1.
    expect(genA.agreement).toMatchObject({ alpha: 1, units: 2 });
    // gen-b: s3 accept/reject, s4 fix ×2 → usable 3 of 4, strictly accepted 1 of 4.
    expect(genB).toMatchObject({
      generator: 'gen-b',
      n: 4,
      accepts: 1,
      fixes: 2,
      rejects: 1,
      acceptanceRate: 0.75,
      strictRate: 0.25,
    });
    // Overall nominal alpha, 4 units × 2 values, n = 8: values accept 3, reject 3, fix 2.
    // D_o = 2 disagreeing ordered pairs in s3 / (2 − 1) / 8 = 0.25; D_e = (8² − 3² − 3² − 2²)/(8·7) = 42/56 = 0.75 → α = 1 − 0.25/0.75 = 2/3.
    expect(report.overall.units).toBe(4);
    expect(report.overall.alpha).toBeCloseTo(2 / 3, 10);
  });

  it('is refused to annotators and prints through the CLI', async () => {
    const annotator = await api.createUser('val-annotator', 'annotator');
    const refused = await api.gql(
      `query ($p: ID!) { validationReport(projectId: $p) { labels } }`,
      { p: projectId },
      annotator.token,
    );
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const run = await runEvalCli(api, ['validation', '--project', 'synthetic-qa', '--format', 'md']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[2]).toMatch(
      /^\| gen-a \| 4 \| 2 \| 0 \| 2 \| 50\.0 \| 15\.0 \| 85\.0 \| 50\.0 \| 1\.000 \| hallucination \(2\); unsafe \(1\) \|$/,
    );
  });
});
