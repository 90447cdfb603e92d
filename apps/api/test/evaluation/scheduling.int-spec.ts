import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import {
  createProject,
  importLines,
  nextTask,
  ok,
  pairwiseContent,
  submitLabel,
} from './support/evaluation-helpers.js';

let api: TestPlatform;
let lead: { id: string; token: string };

const MODELS = ['alpha', 'beta', 'gamma'];
const ITEMS = 8;
const ANNOTATORS = 6;

function lines() {
  return Array.from({ length: ITEMS }, (_, i) => ({
    id: `q${i}`,
    language: 'en',
    prompt: `Question ${i}`,
    responses: MODELS.map((model) => ({ id: model, text: `${model} answers question ${i}`, model })),
  }));
}

/** Every annotator works through the queue: 6 annotators × 8 items = 48 tasks. Returns each shown pair's models. */
async function labelEverything(projectId: string): Promise<Array<[string, string]>> {
  const modelOf = new Map<string, string>(
    (
      await api.platform.dataSource.query(
        `SELECT r.id, r.model FROM responses r JOIN items i ON i.id = r.item_id WHERE i.project_id = $1`,
        [projectId],
      )
    ).map((row: { id: string; model: string }) => [row.id, row.model]),
  );
  const shown: Array<[string, string]> = [];
  for (let a = 0; a < ANNOTATORS; a++) {
    const annotator = await api.createUser(`sched-${projectId.slice(0, 6)}-${a}`, 'annotator');
    for (;;) {
      const { task, raw } = await nextTask(api, annotator.token, projectId);
      if (!task) break;
      // Model identities stay hidden: the task carries none (answer texts mention them only inside longer strings).
      for (const model of MODELS) expect(raw).not.toContain(`"${model}"`);
      expect(task.responses).toHaveLength(2);
      shown.push([modelOf.get(task.responses[0].id)!, modelOf.get(task.responses[1].id)!]);
      await submitLabel(api, annotator.token, task.taskId, pairwiseContent(task.project.criteria, 'a'));
    }
  }
  return shown;
}

beforeAll(async () => {
  api = await startTestPlatform();
  lead = await api.createUser('sched-lead', 'lead');
}, 60_000);

afterAll(async () => {
  await api?.close();
});

describe('campaign scheduling', () => {
  it('stores an audited all-pairs plan, shows every pair equally often and balances A/B sides per model pair', async () => {
    const projectId = await createProject(api, lead.token, {
      slug: 'all-pairs-campaign',
      name: 'All pairs',
      kind: 'pairwise',
      overlap: ANNOTATORS,
    });
    await importLines(api, lead.token, projectId, lines());
    const before = ok(
      await api.gql(
        `query ($p: ID!) { campaignPlan(projectId: $p) { strategy } campaignModels(projectId: $p) }`,
        { p: projectId },
        lead.token,
      ),
    );
    expect(before.campaignPlan).toBeNull();
    expect(before.campaignModels).toEqual(
      [...new Set(lines().flatMap((line) => line.responses.map((response) => response.model)))].sort(),
    );
    const plan = ok(
      await api.gql(
        `mutation ($p: ID!) { configureCampaign(projectId: $p, strategy: ALL_PAIRS) { strategy baseline } }`,
        { p: projectId },
        lead.token,
      ),
    );
    expect(plan.configureCampaign).toEqual({ strategy: 'ALL_PAIRS', baseline: null });
    const [audit] = await api.platform.dataSource.query(
      `SELECT before, after FROM audit_log WHERE action = 'project.campaign' AND project_id = $1`,
      [projectId],
    );
    expect(audit).toEqual({ before: null, after: { strategy: 'all-pairs', baseline: null, selection: 'uniform' } });

    const shown = await labelEverything(projectId);
    expect(shown).toHaveLength(ITEMS * ANNOTATORS);
    // Each item gets 6 labels over its 3 pairs: the least-shown rule gives every pair exactly 2 per item, 16 per model pair.
    const perPair = new Map<string, { total: number; firstOnA: number }>();
    for (const [a, b] of shown) {
      const key = [a, b].sort().join('-');
      const entry = perPair.get(key) ?? { total: 0, firstOnA: 0 };
      entry.total++;
      if (a === [a, b].sort()[0]) entry.firstOnA++;
      perPair.set(key, entry);
    }
    expect([...perPair.keys()].sort()).toEqual(['alpha-beta', 'alpha-gamma', 'beta-gamma']);
    for (const entry of perPair.values()) {
      expect(entry.total).toBe(16);
      expect(Math.abs(entry.firstOnA - entry.total / 2)).toBeLessThanOrEqual(1);
    }
    for (const model of MODELS) {
      const appearances = shown.filter((pair) => pair.includes(model)).length;
      const onA = shown.filter((pair) => pair[0] === model).length;
      expect(onA / appearances).toBeGreaterThanOrEqual(0.45);
      expect(onA / appearances).toBeLessThanOrEqual(0.55);
    }
  }, 120_000);

  it('under the baseline strategy only shows pairs with the baseline, sides still balanced', async () => {
    const projectId = await createProject(api, lead.token, {
      slug: 'baseline-campaign',
      name: 'Baseline',
      kind: 'pairwise',
      overlap: ANNOTATORS,
    });
    await importLines(api, lead.token, projectId, lines());
    ok(
      await api.gql(
        `mutation ($p: ID!) { configureCampaign(projectId: $p, strategy: BASELINE, baseline: "beta") { strategy } }`,
        { p: projectId },
        lead.token,
      ),
    );
    expect(
      ok(
        await api.gql(
          `query ($p: ID!) { campaignPlan(projectId: $p) { strategy baseline } }`,
          { p: projectId },
          lead.token,
        ),
      ).campaignPlan,
    ).toEqual({ strategy: 'BASELINE', baseline: 'beta' });
    const shown = await labelEverything(projectId);
    expect(shown.every((pair) => pair.includes('beta'))).toBe(true);
    const betaOnA = shown.filter((pair) => pair[0] === 'beta').length;
    expect(Math.abs(betaOnA - shown.length / 2)).toBeLessThanOrEqual(2);
  }, 120_000);

  it('refuses a baseline no response comes from, naming the field', async () => {
    const projectId = await createProject(api, lead.token, { slug: 'bad-baseline', name: 'Bad', kind: 'pairwise' });
    await importLines(api, lead.token, projectId, lines().slice(0, 1));
    const result = await api.gql(
      `mutation ($p: ID!) { configureCampaign(projectId: $p, strategy: BASELINE, baseline: "omega") { strategy } }`,
      { p: projectId },
      lead.token,
    );
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'baseline' } });
  });
});
