import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

// Fault tests with real agent processes: a paused agent coming back after its run finished elsewhere, agents with
// different heartbeat contracts, a graceful release, and kill -9 of an agent whose trainer is in a silent phase.
// CLINRANK_TRAINER_SILENT_SECONDS is the trainer's documented test hook: it sleeps that long, printing nothing.

const API_FALLBACK_TIMEOUT_SECONDS = 4;
const prerequisites = trainingPrerequisites();
if (!prerequisites.ok) console.warn(`SKIPPING training fault tests: ${prerequisites.reason}`);
const describeFaults = prerequisites.ok ? describe : describe.skip;

const DETAIL = `query ($id: ID!) { trainingRun(id: $id, logLines: 500) {
  run { id status attempts nodeName error heartbeatSeconds leaseSeconds heartbeatDeadline }
  artifacts { attempt name uri bytes sha256 }
  attemptHistory { attempt nodeName heartbeatSeconds leaseSeconds claimedAt endedAt lastHeartbeat outcome error }
  earlierMetrics { attempt name }
  logTail { attempt stream line } } }`;

/** Whether a process still runs (a zombie does not). */
function running(pid: number): boolean {
  if (!existsSync(`/proc/${pid}/stat`)) return false;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]!);
}

function threads(pid: number): number {
  const match = /^Threads:\s+(\d+)$/m.exec(
    existsSync(`/proc/${pid}/status`) ? readFileSync(`/proc/${pid}/status`, 'utf8') : '',
  );
  return match ? Number(match[1]) : 0;
}

/** Every file under a run's artifact directory with its SHA-256. */
function filesOf(directory: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else
        files[prefix + entry.name] = createHash('sha256')
          .update(readFileSync(join(dir, entry.name)))
          .digest('hex');
    }
  };
  walk(directory, '');
  return files;
}

describeFaults('training runs under faults, with real node agents', () => {
  let api: TestPlatform;
  let client: pg.Client;
  let work: string;
  let artifactDir: string;
  let engineer: string;
  let snapshotId: string;
  let finishedRewardModel: { id: string; modelFile: string } | null = null;
  const agents: AgentProcess[] = [];
  const runIds: string[] = [];

  const agentArgs = (name: string, heartbeat: number, lease: number, extra: string[] = []) => [
    '--max-jobs',
    '1',
    '--gpus',
    'none',
    '--name',
    name,
    '--work-dir',
    join(work, name),
    '--heartbeat-seconds',
    String(heartbeat),
    '--heartbeat-timeout-seconds',
    String(lease),
    '--poll-seconds',
    '1',
    ...extra,
  ];

  function agent(args: string[], env: Record<string, string> = {}): AgentProcess {
    const started = startAgent(api.config.databaseUrl!, artifactDir, args, env);
    agents.push(started);
    return started;
  }

  async function detail(id: string) {
    const result = await api.gql(DETAIL, { id }, engineer);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.trainingRun;
  }

  async function startRewardModel(options: Record<string, unknown>): Promise<string> {
    const result = await api.gql(
      `mutation ($s: ID!, $i: StartRunInput) { startRewardModelRun(snapshotId: $s, input: $i) { id } }`,
      { s: snapshotId, i: { options } },
      engineer,
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    runIds.push(result.data.startRewardModelRun.id);
    return result.data.startRewardModelRun.id;
  }

  async function cancel(id: string) {
    expect((await api.gql(`mutation ($id: ID!) { cancelRun(id: $id) { status } }`, { id }, engineer)).data).toEqual({
      cancelRun: { status: 'cancelled' },
    });
  }

  async function auditOf(runId: string) {
    return (
      await client.query(`SELECT actor, action, details FROM audit_log WHERE entity_id = $1 ORDER BY id`, [runId])
    ).rows;
  }

  beforeAll(async () => {
    process.env.CLINRANK_HEARTBEAT_TIMEOUT_SECONDS = String(API_FALLBACK_TIMEOUT_SECONDS);
    work = mkdtempSync(join(tmpdir(), 'clinrank-faults-'));
    artifactDir = join(work, 'artifacts');
    api = await startTestPlatform({ ARTIFACT_DIR: artifactDir });
    client = new pg.Client({ connectionString: api.config.databaseUrl! });
    await client.connect();
    engineer = (await api.createUser('ml-faults', 'ml_engineer')).token;
    snapshotId = (await createSnapshot(client, join(work, 'snapshot'))).id;
  }, 60_000);

  // A failed test must not leak into the next: its unfinished runs are cancelled and its agents stopped, so no leftover
  // agent claims a later test's run.
  afterEach(async () => {
    for (const id of runIds.splice(0)) {
      const { status } = (await detail(id)).run;
      if (status === 'queued' || status === 'running')
        await api.gql(`mutation ($id: ID!) { cancelRun(id: $id) { status } }`, { id }, engineer);
    }
    for (const started of agents) {
      if (started.child.exitCode !== null || started.child.signalCode !== null) continue;
      started.child.kill('SIGCONT');
      started.child.kill('SIGKILL');
      await started.exited;
    }
  }, 30_000);

  afterAll(async () => {
    for (const started of agents) {
      if (started.child.exitCode === null && started.child.signalCode === null) {
        started.child.kill('SIGCONT');
        started.child.kill('SIGKILL');
      }
    }
    await client?.end();
    await api?.close();
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('refuses the upload of a paused attempt whose run finished elsewhere, leaving the run byte for byte as it was', async () => {
    const runId = await startRewardModel({ epochs: 1, seed: 3 });
    const paused = agent(agentArgs('node-paused', 1, 4));
    const trainerPid = Number(await paused.waitFor(/attempt 1: trainer pid (\d+)/, 30_000));
    paused.child.kill('SIGSTOP');
    // The trainer finishes while its agent is paused (it stays a zombie until the agent reaps it).
    await pollUntil(
      async () => running(trainerPid),
      (alive) => !alive,
      60_000,
      200,
    );

    const other = agent(agentArgs('node-other', 1, 4, ['--exit-after', '1']));
    const finished = await pollUntil(
      () => detail(runId),
      (value) => ['succeeded', 'failed'].includes(value.run.status),
      90_000,
    );
    expect(await other.exited).toBe(0);
    expect(finished.run).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      nodeName: 'node-other',
      error: null,
      heartbeatDeadline: null,
    });
    expect(finished.artifacts.length).toBeGreaterThan(3);
    expect(
      finished.artifacts.every(
        (artifact: { attempt: number; uri: string }) =>
          artifact.attempt === 2 && artifact.uri.includes(`/runs/${runId}/attempt-2/`),
      ),
    ).toBe(true);
    const runDir = join(artifactDir, 'runs', runId);
    const filesBefore = filesOf(runDir);
    expect(Object.keys(filesBefore).every((name) => name.startsWith('attempt-2/'))).toBe(true);
    for (const artifact of finished.artifacts) expect(filesBefore[`attempt-2/${artifact.name}`]).toBe(artifact.sha256);

    paused.child.kill('SIGCONT');
    const refusal = await paused.waitFor(new RegExp(`run ${runId} attempt 1: upload refused \\(([^)]*)\\)`), 30_000);
    expect(refusal).toBe('the attempt no longer owns the run');
    expect(paused.output()).toMatch(
      /upload refused \(the attempt no longer owns the run\): the run is succeeded, attempt 2 on node-other/,
    );
    paused.child.kill('SIGTERM');
    await paused.exited;

    const after = await detail(runId);
    expect(after.run).toEqual(finished.run);
    expect(after.artifacts).toEqual(finished.artifacts);
    expect(filesOf(runDir)).toEqual(filesBefore);
    expect(after.attemptHistory).toEqual([
      expect.objectContaining({
        attempt: 1,
        nodeName: 'node-paused',
        heartbeatSeconds: 1,
        leaseSeconds: 4,
        outcome: 'lost',
        error: expect.stringMatching(/^node node-paused stopped heartbeating \(last heartbeat \S+Z, attempt 1 of 3\)$/),
      }),
      expect.objectContaining({ attempt: 2, nodeName: 'node-other', outcome: 'succeeded', error: null }),
    ]);
    expect(new Date(after.attemptHistory[0].lastHeartbeat).getTime()).toBeLessThan(
      new Date(after.attemptHistory[1].claimedAt).getTime(),
    );
    // Everything attempt 1's trainer printed reached its agent after the run was lost, and was refused: attempt 1
    // keeps at most the agent's launch line (if it was flushed before the pause), and no metric points.
    const firstAttemptLines = after.logTail.filter((line: { attempt: number }) => line.attempt === 1);
    expect(
      firstAttemptLines.filter(
        (line: { stream: string; line: string }) =>
          !(line.stream === 'agent' && / -m clinrank_trainer reward-model /.test(line.line)),
      ),
    ).toEqual([]);
    expect(after.earlierMetrics).toEqual([]);

    const audit = await auditOf(runId);
    expect(audit.map((entry) => entry.action)).toEqual([
      'training.start_reward_model',
      'training.requeue',
      'training.upload_refused',
    ]);
    expect(audit[1].details).toMatchObject({ attempt: 1, node: 'node-paused', leaseSeconds: 4 });
    expect(audit[2]).toMatchObject({
      actor: 'system:worker/node-paused',
      details: { attempt: 1, runStatus: 'succeeded', runAttempt: 2, runNode: 'node-other' },
    });
    finishedRewardModel = {
      id: runId,
      modelFile: fileURLToPath(after.artifacts.find((artifact: { name: string }) => artifact.name === 'model.pt').uri),
    };
  }, 180_000);

  it("fails a PPO run whose reward model's file no longer matches the sha256 in its manifest", async () => {
    expect(finishedRewardModel).not.toBeNull();
    appendFileSync(finishedRewardModel!.modelFile, Buffer.from([0]));
    const started = await api.gql(
      `mutation ($r: ID!, $i: StartRunInput) { startPpoRun(rewardModelRunId: $r, input: $i) { id } }`,
      { r: finishedRewardModel!.id, i: { options: { steps: 2, batchSize: 4 } } },
      engineer,
    );
    const ppoId = started.data!.startPpoRun.id;
    runIds.push(ppoId);
    const consumer = agent(agentArgs('node-consumer', 1, 4, ['--exit-after', '1']));
    const failed = await pollUntil(
      () => detail(ppoId),
      (value) => ['succeeded', 'failed'].includes(value.run.status),
      60_000,
    );
    expect(await consumer.exited).toBe(0);
    expect(failed.run.status).toBe('failed');
    expect(failed.run.error).toMatch(
      new RegExp(
        `^could not prepare the run: artifact model.pt of run ${finishedRewardModel!.id} does not match its manifest: sha256 [0-9a-f]{64} \\(\\d+ bytes\\), expected [0-9a-f]{64}`,
      ),
    );
    expect(failed.attemptHistory).toEqual([
      expect.objectContaining({ attempt: 1, nodeName: 'node-consumer', outcome: 'failed', error: failed.run.error }),
    ]);
  }, 90_000);

  it("reaps no healthy run of a node with a longer heartbeat: every reaper uses the owner's recorded deadline", async () => {
    const runId = await startRewardModel({ epochs: 1 });
    // The slow node's trainer sleeps silently, so the run only lives through the slow node's heartbeats (every 6 s).
    const slow = agent(agentArgs('node-slow', 6, 18), { CLINRANK_TRAINER_SILENT_SECONDS: '120' });
    await slow.waitFor(/attempt 1: trainer pid (\d+)/, 30_000);
    const claimed = await detail(runId);
    expect(claimed.run).toMatchObject({
      status: 'running',
      attempts: 1,
      nodeName: 'node-slow',
      heartbeatSeconds: 6,
      leaseSeconds: 18,
    });
    const nodes = (await api.gql(`{ trainingNodes { name heartbeatSeconds leaseSeconds } }`, {}, engineer)).data!
      .trainingNodes;
    expect(nodes).toContainEqual({ name: 'node-slow', heartbeatSeconds: 6, leaseSeconds: 18 });
    // A fast node reaps every second with its own 3 s lease, the API with its 4 s fallback: neither may take the run.
    const fast = agent(agentArgs('node-fast', 1, 3));
    await fast.waitFor(/node node-fast \(\S+\) online/, 30_000);
    const deadlines = new Set<string>();
    const watchUntil = Date.now() + 16_000;
    while (Date.now() < watchUntil) {
      const now = await detail(runId);
      expect(now.run).toMatchObject({ status: 'running', attempts: 1, nodeName: 'node-slow' });
      deadlines.add(now.run.heartbeatDeadline);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(deadlines.size).toBeGreaterThanOrEqual(2); // the slow node's beats moved its deadline on
    expect(fast.output()).not.toMatch(/claimed run/);
    expect((await auditOf(runId)).map((entry) => entry.action)).toEqual(['training.start_reward_model']);
    await cancel(runId);
    slow.child.kill('SIGTERM');
    fast.child.kill('SIGTERM');
    expect([await slow.exited, await fast.exited]).toEqual([0, 0]);
    expect((await detail(runId)).attemptHistory).toEqual([
      expect.objectContaining({ attempt: 1, nodeName: 'node-slow', outcome: 'cancelled' }),
    ]);
  }, 90_000);

  it('refuses to start a node whose heartbeat interval is above the cluster maximum, in one line', async () => {
    const refused = agent(agentArgs('node-lazy', 61, 200));
    expect(await refused.exited).toBe(2);
    expect(refused.output().trim()).toMatch(
      /^clinrank: --heartbeat-seconds 61 is above this cluster's maximum of 60 s \(CLINRANK_MAX_HEARTBEAT_SECONDS\)[^\n]*$/,
    );
    const allowed = agent(agentArgs('node-lazy', 61, 200), { CLINRANK_MAX_HEARTBEAT_SECONDS: '90' });
    await allowed.waitFor(/node node-lazy \(\S+\) online/, 30_000);
    allowed.child.kill('SIGTERM');
    expect(await allowed.exited).toBe(0);
  }, 60_000);

  it('gives a run back on SIGTERM as a released attempt; the next claim takes a new attempt number', async () => {
    const runId = await startRewardModel({ epochs: 1 });
    const first = agent(agentArgs('node-leaving', 1, 4), { CLINRANK_TRAINER_SILENT_SECONDS: '120' });
    await first.waitFor(/attempt 1: trainer pid (\d+)/, 30_000);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const released = await detail(runId);
    expect(released.run).toMatchObject({
      status: 'queued',
      attempts: 1,
      nodeName: null,
      error: 'released by node node-leaving on shutdown',
    });
    expect(existsSync(join(work, 'node-leaving', runId))).toBe(false); // a released attempt's work directory is removed

    const second = agent(agentArgs('node-arriving', 1, 4, ['--exit-after', '1']));
    await second.waitFor(new RegExp(`claimed run ${runId} \\(reward_model, attempt 2, CPU\\)`), 30_000);
    const done = await pollUntil(
      () => detail(runId),
      (value) => ['succeeded', 'failed'].includes(value.run.status),
      90_000,
    );
    expect(await second.exited).toBe(0);
    expect(done.run).toMatchObject({ status: 'succeeded', attempts: 2, nodeName: 'node-arriving' });
    expect(
      done.attemptHistory.map((entry: { attempt: number; nodeName: string; outcome: string }) => [
        entry.attempt,
        entry.nodeName,
        entry.outcome,
      ]),
    ).toEqual([
      [1, 'node-leaving', 'released'],
      [2, 'node-arriving', 'succeeded'],
    ]);
    expect(new Set(done.logTail.map((line: { attempt: number }) => line.attempt))).toEqual(new Set([1, 2]));
    expect((await auditOf(runId)).map((entry) => entry.action)).toEqual([
      'training.start_reward_model',
      'training.release',
    ]);
    // The succeeded attempt's work directory is cleaned after its upload; the artifacts are in the store.
    expect(existsSync(join(work, 'node-arriving', runId))).toBe(false);
    expect(
      readFileSync(fileURLToPath(done.artifacts.find((artifact: { name: string }) => artifact.name === 'model.pt').uri))
        .length,
    ).toBeGreaterThan(0);
  }, 150_000);

  it('ends the trainer within 2 s of a kill -9 of its agent, while the trainer prints nothing', async () => {
    const runId = await startRewardModel({ epochs: 1 });
    const doomed = agent(agentArgs('node-doomed', 1, 4), { CLINRANK_TRAINER_SILENT_SECONDS: '120' });
    const trainerPid = Number(await doomed.waitFor(/attempt 1: trainer pid (\d+)/, 30_000));
    // The watchdog thread is running once the trainer has two threads; the trainer is asleep in its silent phase.
    await pollUntil(
      async () => threads(trainerPid),
      (count) => count >= 2,
      20_000,
      50,
    );
    expect(running(trainerPid)).toBe(true);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const killedAt = Date.now();
    await pollUntil(
      async () => running(trainerPid),
      (alive) => !alive,
      10_000,
      20,
    );
    expect(Date.now() - killedAt).toBeLessThan(2000);
    await cancel(runId);
  }, 60_000);
});
