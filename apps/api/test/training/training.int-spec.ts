import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import {
  createSnapshot,
  pollUntil,
  startAgent,
  trainingPrerequisites,
  type AgentProcess,
} from '../../../../test-support/training-helpers.js';

const HEARTBEAT_TIMEOUT_SECONDS = 4;
const prerequisites = trainingPrerequisites();
if (!prerequisites.ok) console.warn(`SKIPPING training integration tests: ${prerequisites.reason}`);
const describeTraining = prerequisites.ok ? describe : describe.skip;

const RUN_FIELDS =
  'id kind status attempts maxAttempts nodeName error snapshotId parentRunId config summary finishedAt';
const DETAIL = `query ($id: ID!) { trainingRun(id: $id, logLines: 500) { run { ${RUN_FIELDS} } metrics { name steps values } logTail { attempt stream line } artifacts { name kind uri bytes sha256 } } }`;

describeTraining('training runs on a real node agent', () => {
  let api: TestPlatform;
  let client: pg.Client;
  let work: string;
  let artifactDir: string;
  let engineer: string;
  let lead: string;
  let annotator: string;
  let snapshotId: string;
  let rewardModelRunId: string;
  const agents: AgentProcess[] = [];

  const agentArgs = (name: string, extra: string[] = []) => [
    '--max-jobs',
    '1',
    '--gpus',
    'none',
    '--name',
    name,
    '--work-dir',
    join(work, name),
    '--heartbeat-seconds',
    '1',
    '--heartbeat-timeout-seconds',
    String(HEARTBEAT_TIMEOUT_SECONDS),
    '--poll-seconds',
    '1',
    ...extra,
  ];

  async function detail(id: string) {
    const result = await api.gql(DETAIL, { id }, engineer);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.trainingRun;
  }

  async function start(mutation: string, args: Record<string, unknown>, token = engineer) {
    const [name, argName, argType] =
      mutation === 'startRewardModelRun' ? [mutation, 'snapshotId', 'ID!'] : [mutation, 'rewardModelRunId', 'ID!'];
    return api.gql(
      `mutation ($target: ${argType}, $input: StartRunInput) { ${name}(${argName}: $target, input: $input) { ${RUN_FIELDS} } }`,
      args,
      token,
    );
  }

  beforeAll(async () => {
    process.env.CLINRANK_HEARTBEAT_TIMEOUT_SECONDS = String(HEARTBEAT_TIMEOUT_SECONDS);
    work = mkdtempSync(join(tmpdir(), 'clinrank-training-'));
    artifactDir = join(work, 'artifacts');
    api = await startTestPlatform({ ARTIFACT_DIR: artifactDir });
    client = new pg.Client({ connectionString: api.config.databaseUrl! });
    await client.connect();
    engineer = (await api.createUser('ml-eng', 'ml_engineer')).token;
    lead = (await api.createUser('lead-train', 'lead')).token;
    annotator = (await api.createUser('ann-train', 'annotator')).token;
    snapshotId = (await createSnapshot(client, join(work, 'snapshot'))).id;
  }, 60_000);

  afterAll(async () => {
    for (const agent of agents) if (agent.child.exitCode === null) agent.child.kill('SIGKILL');
    await client?.end();
    await api?.close();
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('lets only ML engineers start runs, and leads read them', async () => {
    const denied = await start('startRewardModelRun', { target: snapshotId, input: { options: { epochs: 1 } } }, lead);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(`{ trainingRuns { id } }`, {}, lead)).data?.trainingRuns).toEqual([]);
    expect((await api.gql(`{ trainingRuns { id } }`, {}, annotator)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const badOption = await start('startRewardModelRun', { target: snapshotId, input: { options: { klCoef: 0.1 } } });
    expect(badOption.errors?.[0]?.message).toMatch(/options.klCoef is not an option of reward_model/);
  });

  it('trains a reward model from the snapshot on a CPU agent: live metrics, succeeded, artifacts stored', async () => {
    const started = await start('startRewardModelRun', {
      target: snapshotId,
      input: { options: { epochs: 2, seed: 0 } },
    });
    expect(started.errors).toBeUndefined();
    rewardModelRunId = started.data!.startRewardModelRun.id;
    expect(started.data!.startRewardModelRun.status).toBe('queued');

    const began = Date.now();
    const agent = startAgent(api.config.databaseUrl!, artifactDir, agentArgs('node-a', ['--exit-after', '1']));
    agents.push(agent);
    const done = await pollUntil(
      () => detail(rewardModelRunId),
      (run) => ['succeeded', 'failed'].includes(run.run.status),
      60_000,
    );
    expect(done.run.error).toBeNull();
    expect(done.run.status).toBe('succeeded');
    expect(Date.now() - began).toBeLessThan(60_000);
    expect(await agent.exited).toBe(0);

    expect(done.run).toMatchObject({ kind: 'reward_model', attempts: 1, nodeName: 'node-a' });
    const series = Object.fromEntries(done.metrics.map((metric: { name: string }) => [metric.name, metric]));
    for (const name of ['loss', 'accuracy', 'margin', 'learning_rate', 'eval_accuracy', 'eval_loss'])
      expect(series[name]).toBeDefined();
    expect(series.loss.steps.length).toBeGreaterThan(1);
    expect(series.eval_accuracy.values).toHaveLength(2); // one evaluation per epoch, 2 epochs
    expect(done.run.summary.eval_accuracy).toBe(series.eval_accuracy.values[1]);
    expect(
      done.logTail.some(
        (line: { stream: string; line: string }) =>
          line.stream === 'agent' && line.line.includes('clinrank_trainer reward-model'),
      ),
    ).toBe(true);

    const model = done.artifacts.find((artifact: { name: string }) => artifact.name === 'model.pt');
    expect(model).toBeDefined();
    const file = fileURLToPath(model.uri);
    expect(file.startsWith(artifactDir)).toBe(true);
    const bytes = readFileSync(file);
    expect(model.bytes).toBe(bytes.length);
    expect(model.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(done.artifacts.map((artifact: { name: string }) => artifact.name)).toEqual(
      expect.arrayContaining(['config.json', 'metrics.json', 'metrics.jsonl', 'tokenizer.json']),
    );

    const nodes = (
      await api.gql(`{ trainingNodes { name status gpus { index } currentRunIds lastHeartbeat } }`, {}, lead)
    ).data!.trainingNodes;
    expect(nodes).toEqual([
      expect.objectContaining({ name: 'node-a', status: 'offline', gpus: [], currentRunIds: [] }),
    ]);
    const audit = await client.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [rewardModelRunId]);
    expect(audit.rows.map((row) => row.action)).toEqual(['training.start_reward_model']);
  }, 90_000);

  it('loses no run when its agent is killed: a second agent picks it up after the heartbeat timeout, then runs PPO and honours cancel', async () => {
    const started = await start('startRewardModelRun', {
      target: snapshotId,
      input: { options: { epochs: 15, seed: 1 } },
    });
    const runId = started.data!.startRewardModelRun.id;
    const doomed = startAgent(api.config.databaseUrl!, artifactDir, agentArgs('node-doomed'));
    agents.push(doomed);
    const trainerPid = Number(await doomed.waitFor(/trainer pid (\d+)/, 30_000));
    await pollUntil(
      () => detail(runId),
      (run) => run.run.status === 'running' && run.metrics.length > 0,
      30_000,
    );
    // The node dies: the agent and its trainer are killed at once, with no chance to report.
    doomed.child.kill('SIGKILL');
    process.kill(-trainerPid, 'SIGKILL');
    expect(await doomed.exited).toBeNull();

    // Whichever supervisor notices first (this agent's or the API's) re-queues the run; node-b must then finish it.
    const survivor = startAgent(api.config.databaseUrl!, artifactDir, agentArgs('node-b', ['--exit-after', '3']));
    agents.push(survivor);
    const recovered = await pollUntil(
      () => detail(runId),
      (run) => ['succeeded', 'failed'].includes(run.run.status),
      90_000,
    );
    expect(recovered.run).toMatchObject({ status: 'succeeded', attempts: 2, nodeName: 'node-b', error: null });
    const attempts = new Set(recovered.logTail.map((line: { attempt: number }) => line.attempt));
    expect([...attempts].sort()).toEqual([1, 2]);

    // PPO from the first, finished reward model, on the same agent.
    const ppo = await start('startPpoRun', {
      target: rewardModelRunId,
      input: { options: { steps: 3, batchSize: 4, sftEpochs: 2, maxNewTokens: 8 } },
    });
    expect(ppo.errors).toBeUndefined();
    const ppoDone = await pollUntil(
      () => detail(ppo.data!.startPpoRun.id),
      (run) => ['succeeded', 'failed'].includes(run.run.status),
      60_000,
    );
    expect(ppoDone.run.error).toBeNull();
    expect(ppoDone.run).toMatchObject({ kind: 'ppo', status: 'succeeded', parentRunId: rewardModelRunId, snapshotId });
    const ppoSeries = Object.fromEntries(ppoDone.metrics.map((metric: { name: string }) => [metric.name, metric]));
    for (const name of ['objective/kl', 'objective/scores', 'policy/clipfrac_avg', 'loss/value_avg'])
      expect(ppoSeries[name]?.steps).toEqual([1, 2, 3]);
    expect(ppoDone.artifacts.map((artifact: { name: string }) => artifact.name)).toEqual(
      expect.arrayContaining(['adapter_model.pt', 'adapter_config.json']),
    );

    // Cancelling a running run ends its whole process group.
    const long = await start('startRewardModelRun', { target: snapshotId, input: { options: { epochs: 500 } } });
    const longId = long.data!.startRewardModelRun.id;
    const longPid = Number(await survivor.waitFor(new RegExp(`run ${longId} attempt 1: trainer pid (\\d+)`), 30_000));
    await pollUntil(
      () => detail(longId),
      (run) => run.run.status === 'running',
      30_000,
    );
    const cancelled = await api.gql(`mutation ($id: ID!) { cancelRun(id: $id) { status } }`, { id: longId }, engineer);
    expect(cancelled).toEqual({ data: { cancelRun: { status: 'cancelled' } } });
    expect(await survivor.exited).toBe(0); // --exit-after 3: the recovered run, PPO, and the cancelled run
    expect(existsSync(`/proc/${longPid}`) && !readFileSync(`/proc/${longPid}/stat`, 'utf8').includes(') Z')).toBe(
      false,
    );
    expect((await detail(longId)).run.status).toBe('cancelled');
  }, 240_000);

  it('gives a running run back to the queue when its agent gets SIGTERM, as a released attempt that keeps its number', async () => {
    const started = await start('startRewardModelRun', { target: snapshotId, input: { options: { epochs: 500 } } });
    const runId = started.data!.startRewardModelRun.id;
    const agent = startAgent(api.config.databaseUrl!, artifactDir, agentArgs('node-c'));
    agents.push(agent);
    const trainerPid = Number(await agent.waitFor(/trainer pid (\d+)/, 30_000));
    await pollUntil(
      () => detail(runId),
      (run) => run.run.status === 'running',
      30_000,
    );
    agent.child.kill('SIGTERM');
    expect(`exit ${await agent.exited}\n${agent.output()}`).toMatch(/^exit 0\n/);
    expect(existsSync(`/proc/${trainerPid}`) && !readFileSync(`/proc/${trainerPid}/stat`, 'utf8').includes(') Z')).toBe(
      false,
    );
    const released = await detail(runId);
    expect(released.run).toMatchObject({
      status: 'queued',
      attempts: 1,
      nodeName: null,
      error: 'released by node node-c on shutdown',
    });
    const nodes = (await api.gql(`{ trainingNodes { name status } }`, {}, engineer)).data!.trainingNodes;
    expect(nodes).toContainEqual({ name: 'node-c', status: 'offline' });
    await api.gql(`mutation ($id: ID!) { cancelRun(id: $id) { status } }`, { id: runId }, engineer);
  }, 60_000);

  it('refuses PPO on a reward model that has not succeeded', async () => {
    const queued = await start('startRewardModelRun', { target: snapshotId, input: { options: { epochs: 1 } } });
    const queuedId = queued.data!.startRewardModelRun.id;
    const refused = await start('startPpoRun', { target: queuedId, input: {} });
    expect(refused.errors?.[0]?.message).toMatch(/is queued; PPO needs a succeeded one/);
    expect(await api.gql(`mutation ($id: ID!) { cancelRun(id: $id) { status } }`, { id: queuedId }, engineer)).toEqual({
      data: { cancelRun: { status: 'cancelled' } },
    });
    const again = await api.gql(`mutation ($id: ID!) { cancelRun(id: $id) { status } }`, { id: queuedId }, engineer);
    expect(again.errors?.[0]?.message).toMatch(/already cancelled/);
  });
});
