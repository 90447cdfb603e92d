import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import {
  createProject,
  importLines,
  nextTask,
  ok,
  pairwiseContent,
  runEvalCli,
  submitLabel,
} from './support/evaluation-helpers.js';

// amber and birch trail far behind; cedar and dune lead and split their duels evenly, so only cedar–dune stays uncertain.
const MODELS = ['amber', 'birch', 'cedar', 'dune'];
const RANK = new Map([
  ['amber', 0],
  ['birch', 1],
  ['cedar', 2],
  ['dune', 2],
]);
const PRIOR_ITEMS = 12;
const NEW_ITEMS = 6;
const ANNOTATORS = 6;
const TOP_PAIR = 'cedar-dune';

let api: TestPlatform;
let lead: { id: string; token: string };

function lines(prefix: string, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i}`,
    language: 'en',
    prompt: `Question ${prefix}${i}`,
    responses: MODELS.map((model) => ({ id: model, text: `Answer ${i} by ${model}`, model })),
  }));
}

interface Shown {
  pair: [string, string];
  phase: 'prior' | 'next';
}

/** One campaign: 72 prior judgements under uniform selection, then `selection`, then every annotator labels the new items. */
async function runCampaign(slug: string, selection: 'UNIFORM' | 'ACTIVE'): Promise<Shown[]> {
  const projectId = await createProject(api, lead.token, { slug, name: slug, kind: 'pairwise', overlap: ANNOTATORS });
  await importLines(api, lead.token, projectId, lines('p', PRIOR_ITEMS));
  const configure = async (value: string) =>
    ok(
      await api.gql(
        `mutation ($p: ID!, $s: CampaignSelection) { configureCampaign(projectId: $p, strategy: ALL_PAIRS, selection: $s) { selection } }`,
        { p: projectId, s: value },
        lead.token,
      ),
    );
  await configure('UNIFORM');
  const annotators: { id: string; token: string }[] = [];
  for (let a = 0; a < ANNOTATORS; a++) annotators.push(await api.createUser(`${slug}-${a}`, 'annotator'));
  const shown: Shown[] = [];
  let duels = 0;
  const modelOf = async () =>
    new Map<string, string>(
      (
        await api.platform.dataSource.query(
          `SELECT r.id, r.model FROM responses r JOIN items i ON i.id = r.item_id WHERE i.project_id = $1`,
          [projectId],
        )
      ).map((row: { id: string; model: string }) => [row.id, row.model]),
    );
  const labelAll = async (phase: Shown['phase']) => {
    const models = await modelOf();
    for (const annotator of annotators) {
      for (;;) {
        const { task, raw } = await nextTask(api, annotator.token, projectId);
        if (!task) break;
        for (const model of MODELS) expect(raw).not.toContain(`"${model}"`);
        const [a, b] = task.responses.map((response) => models.get(response.id)!);
        shown.push({ pair: [a, b], phase });
        // The stronger model wins; cedar and dune take turns (by model, not by side: sides alternate too).
        const winner =
          RANK.get(a)! === RANK.get(b)! ? (duels++ % 2 === 0 ? 'cedar' : 'dune') : RANK.get(a)! > RANK.get(b)! ? a : b;
        const choice = winner === a ? 'a' : 'b';
        await submitLabel(api, annotator.token, task.taskId, pairwiseContent(task.project.criteria, choice));
      }
    }
  };
  await labelAll('prior');
  expect(shown).toHaveLength(PRIOR_ITEMS * ANNOTATORS);
  await importLines(api, lead.token, projectId, lines('n', NEW_ITEMS));
  expect((await configure(selection)).configureCampaign.selection).toBe(selection);
  await labelAll('next');
  expect(shown).toHaveLength((PRIOR_ITEMS + NEW_ITEMS) * ANNOTATORS);
  return shown;
}

const key = ([a, b]: [string, string]) => [a, b].sort().join('-');
const topShare = (shown: Shown[]) => {
  const next = shown.filter((entry) => entry.phase === 'next');
  return next.filter((entry) => key(entry.pair) === TOP_PAIR).length / next.length;
};

beforeAll(async () => {
  api = await startTestPlatform();
  lead = await api.createUser('active-lead', 'lead');
}, 60_000);

afterAll(async () => {
  await api?.close();
});

describe('active model comparisons in a campaign', () => {
  it('serves mostly the uncertain top pair after prior judgements, sides balanced and models hidden', async () => {
    const shown = await runCampaign('active-campaign', 'ACTIVE');
    // Uniform would give cedar–dune 1 task in 6; the active weights give it about 0.9.
    expect(topShare(shown)).toBeGreaterThanOrEqual(0.6);
    const top = shown.filter((entry) => key(entry.pair) === TOP_PAIR);
    const cedarOnA = top.filter((entry) => entry.pair[0] === 'cedar').length;
    expect(Math.abs(cedarOnA - top.length / 2)).toBeLessThanOrEqual(1);
  }, 240_000);

  it('with uniform selection, shows every pair equally often on the same history', async () => {
    const shown = await runCampaign('uniform-campaign', 'UNIFORM');
    expect(topShare(shown)).toBeCloseTo(1 / 6, 5);
  }, 240_000);

  it('shows the selection to leads only', async () => {
    const annotator = await api.createUser('active-annotator', 'annotator');
    const projectId = await createProject(api, lead.token, { slug: 'active-hidden', name: 'Hidden', kind: 'pairwise' });
    await importLines(api, lead.token, projectId, lines('h', 1));
    ok(
      await api.gql(
        `mutation ($p: ID!) { configureCampaign(projectId: $p, strategy: ALL_PAIRS, selection: ACTIVE) { selection } }`,
        { p: projectId },
        lead.token,
      ),
    );
    const query = `query ($p: ID!) { campaignPlan(projectId: $p) { strategy selection } }`;
    expect(ok(await api.gql(query, { p: projectId }, lead.token)).campaignPlan).toEqual({
      strategy: 'ALL_PAIRS',
      selection: 'ACTIVE',
    });
    const refused = await api.gql(query, { p: projectId }, annotator.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('is set from the CLI too, uniform unless asked', async () => {
    const projectId = await createProject(api, lead.token, { slug: 'active-cli', name: 'CLI', kind: 'pairwise' });
    await importLines(api, lead.token, projectId, lines('c', 1));
    const active = await runEvalCli(api, [
      'campaign',
      '--project',
      'active-cli',
      '--strategy',
      'all-pairs',
      '--selection',
      'active',
    ]);
    expect(active.code).toBe(0);
    expect(JSON.parse(active.stdout)).toEqual({ strategy: 'all-pairs', baseline: null, selection: 'active' });
    const plain = await runEvalCli(api, ['campaign', '--project', 'active-cli', '--strategy', 'all-pairs']);
    expect(JSON.parse(plain.stdout).selection).toBe('uniform');
    const bad = await runEvalCli(api, [
      'campaign',
      '--project',
      'active-cli',
      '--strategy',
      'all-pairs',
      '--selection',
      'greedy',
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--selection must be one of uniform, active');
  });
});
