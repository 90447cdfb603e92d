import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import {
  pollUntil,
  startAgent,
  torchPrerequisite,
  type AgentProcess,
} from '../../../../test-support/training-helpers.js';
import { createProject, importLines, ok } from './support/evaluation-helpers.js';

const prerequisites = torchPrerequisite();
if (!prerequisites.ok) console.warn(`SKIPPING BERTScore integration tests: ${prerequisites.reason}`);
const describeBertScore = prerequisites.ok ? describe : describe.skip;

const REQUEST = `mutation ($p: ID!) { requestBertScore(projectId: $p) { id kind status projectId snapshotId config } }`;
const RESULTS = `query ($p: ID!, $l: String) { bertScore(projectId: $p, language: $l) { runId encoder layer languages language rows { model precision recall f1 answers } } }`;

/**
 * Two items, two models. "echo" repeats each reference (the Arabic one with diacritics and a hamza alef, which the
 * tokenizer normalises away), so its F1 is 1 on both; "terse" answers one word, so its F1 is below 1.
 */
function campaignLines() {
  return [
    {
      id: 'q1',
      language: 'en',
      prompt: 'How should I take aspirin?',
      reference: 'take one aspirin tablet daily with food',
      responses: [
        { id: 'e', text: 'Take one aspirin tablet daily, with food.', model: 'echo' },
        { id: 't', text: 'rest', model: 'terse' },
      ],
    },
    {
      id: 'q2',
      language: 'ar',
      prompt: 'ماذا أفعل؟',
      reference: 'اشرب الماء كثيرا',
      responses: [
        { id: 'e', text: 'اِشْرَب الماء كثيراً', model: 'echo' },
        { id: 't', text: 'نم', model: 'terse' },
      ],
    },
  ];
}

describeBertScore('BERTScore of a campaign on a real node agent', () => {
  let api: TestPlatform;
  let work: string;
  let artifactDir: string;
  let lead: string;
  let annotator: string;
  let projectId: string;
  let agent: AgentProcess | null = null;
  let metricsPath: string | null = null;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'clinrank-bertscore-'));
    artifactDir = join(work, 'artifacts');
    api = await startTestPlatform({ ARTIFACT_DIR: artifactDir });
    lead = (await api.createUser('bs-lead', 'lead')).token;
    annotator = (await api.createUser('bs-ann', 'annotator')).token;
    projectId = await createProject(api, lead, {
      slug: 'bertscore-campaign',
      name: 'BERTScore campaign',
      kind: 'pairwise',
      allowTies: true,
      overlap: 1,
    });
    await importLines(api, lead, projectId, campaignLines());
  }, 60_000);

  afterAll(async () => {
    if (agent && agent.child.exitCode === null) agent.child.kill('SIGKILL');
    await api?.close();
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('refuses annotators and has no results before a run', async () => {
    expect((await api.gql(REQUEST, { p: projectId }, annotator)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(ok(await api.gql(RESULTS, { p: projectId }, lead)).bertScore).toBeNull();
  });

  it('writes the answer/reference pairs, runs the job on a CPU agent and shows per-model results', async () => {
    const run = ok(await api.gql(REQUEST, { p: projectId }, lead)).requestBertScore;
    expect(run).toMatchObject({ kind: 'bertscore', status: 'queued', projectId, snapshotId: null });
    // People see the input by name; the server path stays in the stored config the agent reads.
    expect(run.config.options.input).toBe('input.jsonl');
    const [queued]: { config: { options: { input: string } } }[] = await api.platform.dataSource.query(
      `SELECT config FROM training_runs WHERE id = $1`,
      [run.id],
    );
    const input = queued.config.options.input;
    expect(input.startsWith(artifactDir)).toBe(true);
    const lines = readFileSync(input, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.model).sort()).toEqual(['echo', 'echo', 'terse', 'terse']);
    expect(lines.find((line) => line.language === 'ar' && line.model === 'echo')).toMatchObject({
      references: ['اشرب الماء كثيرا'],
    });

    agent = startAgent(api.config.databaseUrl!, artifactDir, [
      '--max-jobs',
      '1',
      '--gpus',
      'none',
      '--name',
      'bs-node',
      '--work-dir',
      join(work, 'node'),
      '--heartbeat-seconds',
      '1',
      '--poll-seconds',
      '1',
      '--exit-after',
      '1',
    ]);
    const detail = async () =>
      ok(
        await api.gql(
          `query ($id: ID!) { trainingRun(id: $id) { run { status error } logTail { line } } }`,
          { id: run.id },
          lead,
        ),
      ).trainingRun;
    // The agent starts Python and imports torch first: under a full parallel test run, the job has taken over a minute.
    const done = await pollUntil(detail, (value) => ['succeeded', 'failed'].includes(value.run.status), 150_000);
    expect(done.run.error).toBeNull();
    expect(done.run.status).toBe('succeeded');
    expect(await agent.exited).toBe(0);

    const results = ok(await api.gql(RESULTS, { p: projectId }, lead)).bertScore;
    expect(results).toMatchObject({
      runId: run.id,
      encoder: 'builtin',
      layer: 2,
      languages: ['ar', 'en'],
      language: null,
    });
    const [echo, terse] = results.rows;
    expect(echo).toMatchObject({ model: 'echo', answers: 2 });
    expect(echo.f1).toBeCloseTo(1, 5);
    expect(echo.precision).toBeCloseTo(1, 5);
    expect(terse).toMatchObject({ model: 'terse', answers: 2 });
    expect(terse.f1).toBeLessThan(0.99);
    // Leads see artifact ids; ml engineers, who run the nodes, see where the files are.
    const asLead = ok(
      await api.gql(`query ($id: ID!) { runArtifacts(runId: $id) { name uri } }`, { id: run.id }, lead),
    ).runArtifacts;
    expect(asLead.map((artifact: { uri: string }) => artifact.uri)).toContain(`artifact://${run.id}/bertscore.jsonl`);
    const engineer = (await api.createUser('bs-ml', 'ml_engineer')).token;
    const artifacts = ok(
      await api.gql(`query ($id: ID!) { runArtifacts(runId: $id) { name uri } }`, { id: run.id }, engineer),
    ).runArtifacts;
    const stored = artifacts.find((artifact: { name: string }) => artifact.name === 'bertscore.jsonl');
    expect(readFileSync(fileURLToPath(stored.uri), 'utf8').trim().split('\n')).toHaveLength(4);
    metricsPath = fileURLToPath(artifacts.find((artifact: { name: string }) => artifact.name === 'metrics.json').uri);

    const audit = await api.platform.dataSource.query(`SELECT action, project_id FROM audit_log WHERE entity_id = $1`, [
      run.id,
    ]);
    expect(audit).toEqual([{ action: 'training.start_bertscore', project_id: projectId }]);
  }, 180_000);

  it('shows the rows of one language and refuses a language the run has no answers in', async () => {
    const arabic = ok(await api.gql(RESULTS, { p: projectId, l: 'ar' }, lead)).bertScore;
    expect(arabic).toMatchObject({ languages: ['ar', 'en'], language: 'ar' });
    const [echo, terse] = arabic.rows;
    expect(echo).toMatchObject({ model: 'echo', answers: 1 });
    expect(echo.f1).toBeCloseTo(1, 5);
    expect(terse).toMatchObject({ model: 'terse', answers: 1 });
    expect(terse.f1).toBeLessThan(0.99);
    const all = ok(await api.gql(RESULTS, { p: projectId }, lead)).bertScore.rows;
    const english = ok(await api.gql(RESULTS, { p: projectId, l: 'en' }, lead)).bertScore.rows;
    // Each model has one answer per language, so its overall F1 is the mean of the two.
    expect(all[1].f1).toBeCloseTo((terse.f1 + english[1].f1) / 2, 9);

    const error = (await api.gql(RESULTS, { p: projectId, l: 'fr' }, lead)).errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toMatch(/no results for "fr": it has answers in ar, en/);
  });

  it('keeps showing all-language rows of a run written before the per-language breakdown', async () => {
    expect(metricsPath).not.toBeNull();
    const { by_language: _byLanguage, ...before } = JSON.parse(readFileSync(metricsPath!, 'utf8'));
    writeFileSync(metricsPath!, JSON.stringify(before));
    // Such a run's manifest lists the file as it was written then.
    const written = readFileSync(metricsPath!);
    await api.platform.dataSource.query(`UPDATE training_artifacts SET sha256 = $2, bytes = $3 WHERE uri = $1`, [
      pathToFileURL(metricsPath!).href,
      createHash('sha256').update(written).digest('hex'),
      written.length,
    ]);
    const results = ok(await api.gql(RESULTS, { p: projectId }, lead)).bertScore;
    expect(results).toMatchObject({ languages: [], language: null });
    expect(results.rows.map((row: { model: string; answers: number }) => [row.model, row.answers])).toEqual([
      ['echo', 2],
      ['terse', 2],
    ]);
    const error = (await api.gql(RESULTS, { p: projectId, l: 'ar' }, lead)).errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toMatch(/before per-language results existed; request a new BERTScore run/);
  });

  it("refuses results from a metrics.json that no longer matches the sha256 in its run's manifest", async () => {
    writeFileSync(metricsPath!, readFileSync(metricsPath!, 'utf8') + '\n');
    const error = (await api.gql(RESULTS, { p: projectId }, lead)).errors?.[0];
    expect(error?.extensions?.code).toBe('CONFLICT');
    expect(error?.message).toMatch(
      /metrics.json of BERTScore run [0-9a-f-]{36} does not match its manifest \(sha256 [0-9a-f]{64}, expected [0-9a-f]{64}\)/,
    );
  });
});
