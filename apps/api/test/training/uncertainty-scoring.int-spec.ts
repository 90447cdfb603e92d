import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import {
  createSnapshot,
  pollUntil,
  startAgent,
  trainingPrerequisites,
  type AgentProcess,
} from '../../../../test-support/training-helpers.js';

const prerequisites = trainingPrerequisites();
if (!prerequisites.ok) console.warn(`SKIPPING uncertainty scoring integration test: ${prerequisites.reason}`);
const describeTraining = prerequisites.ok ? describe : describe.skip;

const DISTRIBUTION = `query ($id: ID!) { uncertaintyDistribution(projectId: $id, bins: 5) {
  queueOrder scored unscored runId minScore maxScore bins { lower upper count } } }`;

/** Six open items (one with two identical answers), one fully labelled item and one gold item. */
function items(): string {
  const lines = Array.from({ length: 8 }, (_, i) => ({
    id: `scored-${i}`,
    language: 'en',
    prompt: `How should I take drug ${i} safely?`,
    responses: [
      { id: 'r1', text: `Take drug ${i} with food and ask your doctor.` },
      { id: 'r2', text: i === 0 ? `Take drug ${i} with food and ask your doctor.` : 'Drink water and rest.' },
    ],
    ...(i === 6 ? { gold: { criterion: 'overall', preferred: 'r1' } } : {}),
    ...(i === 7
      ? {
          annotations: [
            { annotator: 'dr-past', kind: 'pairwise', a: 'r1', b: 'r2', criterion: 'overall', choice: 'a' },
          ],
        }
      : {}),
  }));
  return lines.map((line) => JSON.stringify(line)).join('\n');
}

describeTraining('uncertainty scores after a reward-model run on a project snapshot', () => {
  let api: TestPlatform;
  let client: pg.Client;
  let work: string;
  let artifactDir: string;
  let engineer: string;
  let lead: string;
  let annotator: string;
  let projectId: string;
  let agent: AgentProcess | null = null;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'clinrank-uncertainty-'));
    artifactDir = join(work, 'artifacts');
    api = await startTestPlatform({ ARTIFACT_DIR: artifactDir });
    client = new pg.Client({ connectionString: api.config.databaseUrl! });
    await client.connect();
    engineer = (await api.createUser('ml-eng-u', 'ml_engineer')).token;
    lead = (await api.createUser('lead-u', 'lead')).token;
    annotator = (await api.createUser('ann-u', 'annotator')).token;
    const created = await api.gql(
      'mutation ($input: CreateProjectInput!) { createProject(input: $input) { id queueOrder } }',
      { input: { slug: 'uncertain', name: 'Uncertain', kind: 'pairwise', overlap: 1, queueOrder: 'uncertainty' } },
      lead,
    );
    expect(created.errors).toBeUndefined();
    projectId = created.data!.createProject.id;
    expect(created.data!.createProject.queueOrder).toBe('uncertainty');
    const imported = await api.gql(
      'mutation ($input: ImportItemsInput!) { importItems(input: $input) { imported } }',
      { input: { projectId, content: items() } },
      lead,
    );
    expect(imported.errors).toBeUndefined();
  }, 120_000);

  afterAll(async () => {
    if (agent && agent.child.exitCode === null) agent.child.kill('SIGKILL');
    await client?.end();
    await api?.close();
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it("scores the project's open items on the worker, stores them, and shows their distribution to leads only", async () => {
    const before = await api.gql(DISTRIBUTION, { id: projectId }, lead);
    expect(before.data!.uncertaintyDistribution).toMatchObject({ scored: 0, unscored: 6, runId: null, bins: [] });

    const snapshot = await createSnapshot(client, join(work, 'snapshot'));
    await client.query(`UPDATE dataset_snapshots SET project_id = $1 WHERE id = $2`, [projectId, snapshot.id]);
    const started = await api.gql(
      'mutation ($id: ID!, $input: StartRunInput) { startRewardModelRun(snapshotId: $id, input: $input) { id } }',
      { id: snapshot.id, input: { options: { epochs: 1, seed: 0 } } },
      engineer,
    );
    expect(started.errors).toBeUndefined();
    const runId = started.data!.startRewardModelRun.id;
    agent = startAgent(api.config.databaseUrl!, artifactDir, [
      '--max-jobs',
      '1',
      '--gpus',
      'none',
      '--name',
      'node-u',
      '--work-dir',
      join(work, 'node-u'),
      '--poll-seconds',
      '1',
      '--exit-after',
      '1',
    ]);
    const run = await pollUntil(
      async () =>
        (
          await api.gql(
            'query ($id: ID!) { trainingRun(id: $id) { run { status error } logTail { line } } }',
            { id: runId },
            engineer,
          )
        ).data!.trainingRun,
      (detail) => ['succeeded', 'failed'].includes(detail.run.status),
      90_000,
    );
    expect(run.run).toEqual({ status: 'succeeded', error: null });
    expect(await agent.exited).toBe(0);

    const { rows } = await client.query(
      `SELECT i.external_id, u.run_id, u.score, u.reward_gap FROM item_uncertainty u JOIN items i ON i.id = u.item_id
        WHERE u.project_id = $1 ORDER BY u.score DESC`,
      [projectId],
    );
    // Gold and fully labelled items are left out; the item with two identical answers is the least certain.
    expect(rows.map((row) => row.external_id).sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `scored-${i}`));
    expect(rows[0]).toMatchObject({ external_id: 'scored-0', run_id: runId });
    expect(rows[0].reward_gap).toBeCloseTo(0, 5);
    for (const row of rows) expect(row.score).toBeCloseTo(-row.reward_gap, 9);
    const logs = await client.query(`SELECT line FROM training_logs WHERE run_id = $1 AND stream = 'agent'`, [runId]);
    expect(logs.rows.map((row) => row.line)).toEqual(
      expect.arrayContaining(['scored 6 open items for the queue', 'stored 6 uncertainty scores']),
    );

    const after = await api.gql(DISTRIBUTION, { id: projectId }, lead);
    const distribution = after.data!.uncertaintyDistribution;
    expect(distribution).toMatchObject({ queueOrder: 'uncertainty', scored: 6, unscored: 0, runId });
    expect(distribution.bins).toHaveLength(5);
    expect(distribution.bins.reduce((sum: number, bin: { count: number }) => sum + bin.count, 0)).toBe(6);
    const denied = await api.gql(DISTRIBUTION, { id: projectId }, annotator);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }, 150_000);
});
