import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { confineModelPaths, parseModelRoots, trainerEnvironment } from './sandbox.js';
import { uploadDirectory, type ArtifactStore } from './artifact-store.js';
import { validateJobSpec } from './job-spec.js';
import { materializeRunOutput, materializeSnapshot } from './materialize.js';
import { spawnGroup, type GroupProcess } from './process-group.js';
import {
  appendLogs,
  appendMetrics,
  auditRefusedUpload,
  finishRun,
  markRunning,
  ownsLiveRun,
  storeUncertainty,
  type ItemScoreRecord,
  type AttemptFence,
  type Claim,
  type Sql,
} from './run-store.repository.js';
import { launchPlan, type RunPaths } from './trainer-command.js';
import { LineSplitter, metricPoints, parseTrainerLine, type MetricPoint } from './trainer-events.js';
import { scoreOpenItems } from './uncertainty-scoring.js';
import { pruneKeptAttemptDirs, removeAttemptDir } from './work-dirs.js';

export interface ExecutorContext {
  db: Sql;
  store: ArtifactStore;
  nodeId: string;
  /** How this node appears in the audit log (`system:worker/<name>`). */
  actor: string;
  /** This agent's own directory: attempts run in `<workDir>/<run>/attempt-<n>`. */
  workDir: string;
  /** Bytes of failed attempts' directories kept for inspection; older ones are removed beyond it. */
  keepFailedBytes: number;
  /** The agent's process id, handed to the trainer's parent-death watchdog. */
  agentPid: number;
  /** Work directories of attempts still running here (never pruned). */
  activeDirs: () => Set<string>;
  python: string;
  trainerRoot: string;
  /** How long a trainer gets between SIGTERM and SIGKILL when stopped. */
  killGraceMs: number;
  log: (message: string) => void;
}

/** Buffers metric points and log lines and writes them in batches, so a chatty trainer costs few round trips. */
class TelemetryBuffer {
  private points: MetricPoint[] = [];
  private lines: { stream: 'stdout' | 'stderr' | 'agent'; line: string }[] = [];
  private writing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  /** Set once a batch is refused: the attempt no longer owns the run, so later telemetry is dropped. */
  refused = false;

  constructor(
    private readonly db: Sql,
    private readonly fence: AttemptFence,
    private readonly onRefused: () => void,
  ) {
    this.timer = setInterval(() => void this.flush(), 500);
  }

  metric(points: MetricPoint[]) {
    this.points.push(...points);
  }

  log(stream: 'stdout' | 'stderr' | 'agent', line: string) {
    this.lines.push({ stream, line });
    if (this.lines.length >= 200) void this.flush();
  }

  flush(): Promise<void> {
    const points = this.points.splice(0);
    const lines = this.lines.splice(0);
    this.writing = this.writing
      .then(async () => {
        if (this.refused) return;
        const owned =
          (await appendMetrics(this.db, this.fence, points)) && (await appendLogs(this.db, this.fence, lines));
        if (!owned) {
          this.refused = true;
          this.onRefused();
        }
      })
      .catch((error) => {
        process.stderr.write(`clinrank worker: could not store telemetry: ${(error as Error).message}\n`);
      });
    return this.writing;
  }

  async close() {
    clearInterval(this.timer);
    await this.flush();
  }
}

/** A run being executed by this agent; `stop` ends its process group (cancel, lost claim, or shutdown). */
export interface ActiveRun {
  runId: string;
  attempt: number;
  /** `<agent work dir>/<run>/attempt-<n>`. */
  workDir: string;
  gpuIndices: number[];
  stopReason: 'cancelled' | 'lost' | 'shutdown' | null;
  process: GroupProcess | null;
  done: Promise<void>;
}

async function prepareInputs(context: ExecutorContext, claim: Claim, runDir: string): Promise<RunPaths> {
  const paths: RunPaths = { dataDir: join(runDir, 'data'), outputDir: join(runDir, 'output') };
  if (claim.run.kind === 'bertscore') return paths; // reads the input file named in its options, no snapshot
  if (!claim.run.snapshot_id) throw new Error('the run names no dataset snapshot');
  await materializeSnapshot(context.db, claim.run.snapshot_id, paths.dataDir);
  if (claim.run.kind !== 'reward_model') {
    if (!claim.run.parent_run_id) throw new Error(`a ${claim.run.kind} run needs its reward-model run`);
    paths.rewardModelDir = join(runDir, 'reward-model');
    await materializeRunOutput(context.db, context.store, claim.run.parent_run_id, paths.rewardModelDir);
  }
  return paths;
}

/** Runs one claimed attempt to its end: materialize, launch, stream telemetry, upload artifacts, report status. */
export function executeRun(context: ExecutorContext, claim: Claim, gpuIndices: number[]): ActiveRun {
  const workDir = resolve(context.workDir, claim.run.id, `attempt-${claim.attempt}`);
  const active: ActiveRun = {
    runId: claim.run.id,
    attempt: claim.attempt,
    workDir,
    gpuIndices,
    stopReason: null,
    process: null,
    done: Promise.resolve(),
  };
  active.done = runAttempt(context, claim, active).catch((error) =>
    context.log(`run ${claim.run.id}: ${(error as Error).message}`),
  );
  return active;
}

/** What happens to an attempt's work directory when it ends: removed, or kept for inspection (within the cap). */
async function settleWorkDir(context: ExecutorContext, runDir: string, keep: boolean): Promise<void> {
  try {
    if (!keep) await removeAttemptDir(runDir);
    else {
      const removed = await pruneKeptAttemptDirs(context.workDir, context.keepFailedBytes, context.activeDirs());
      if (removed.length)
        context.log(`removed ${removed.length} kept work directories over the ${context.keepFailedBytes}-byte cap`);
    }
  } catch (error) {
    context.log(`could not tidy work directory ${runDir}: ${(error as Error).message}`);
  }
}

async function runAttempt(context: ExecutorContext, claim: Claim, active: ActiveRun): Promise<void> {
  const { db, nodeId } = context;
  const runId = claim.run.id;
  const fence: AttemptFence = { runId, attempt: claim.attempt, nodeId };
  const telemetry = new TelemetryBuffer(db, fence, () => {
    context.log(
      `run ${runId} attempt ${claim.attempt} no longer owns the run: its telemetry is refused, stopping its process group`,
    );
    if (!active.stopReason) active.stopReason = 'lost';
    void active.process?.stop(context.killGraceMs);
  });
  const runDir = active.workDir;
  const fail = async (error: string, exitCode: number | null = null) => {
    telemetry.log('agent', error);
    await telemetry.close();
    if (!(await finishRun(db, fence, { status: 'failed', exitCode, error, summary: null }))) {
      context.log(
        `run ${runId} attempt ${claim.attempt}: failure not recorded, the attempt no longer owns the run (${error})`,
      );
    }
    await settleWorkDir(context, runDir, true);
  };
  let paths: RunPaths;
  let plan;
  try {
    await rm(runDir, { recursive: true, force: true });
    await mkdir(runDir, { recursive: true });
    paths = await prepareInputs(context, claim, runDir);
    const spec = validateJobSpec(claim.run.config);
    // The node checks model paths again against its own MODEL_ROOTS, when it has them: rows are not trusted blindly.
    const nodeRoots = parseModelRoots(process.env.MODEL_ROOTS);
    if (nodeRoots.length)
      spec.options = confineModelPaths(
        spec.kind,
        spec.options as Record<string, unknown>,
        nodeRoots,
      ) as typeof spec.options;
    plan = launchPlan(spec, paths, {
      python: context.python,
      trainerRoot: context.trainerRoot,
      gpuIndices: active.gpuIndices,
      configPath: join(runDir, 'accelerate.yaml'),
    });
    if (plan.accelerateConfig) await writeFile(join(runDir, 'accelerate.yaml'), plan.accelerateConfig);
  } catch (error) {
    return fail(`could not prepare the run: ${(error as Error).message}`);
  }
  if (!(await markRunning(db, runId, claim.attempt, nodeId))) {
    await telemetry.close();
    await settleWorkDir(context, runDir, false);
    return;
  }
  telemetry.log('agent', `node ${nodeId} attempt ${claim.attempt}: ${plan.command} ${plan.args.join(' ')}`);
  const child = spawnGroup(plan.command, plan.args, {
    cwd: runDir,
    env: trainerEnvironment(process.env, { ...plan.env, CLINRANK_AGENT_PID: String(context.agentPid) }),
  });
  active.process = child;
  context.log(`run ${runId} attempt ${claim.attempt}: trainer pid ${child.child.pid} (process group leader)`);
  if (active.stopReason) child.killGroup('SIGTERM');
  const artifactKinds = new Map<string, string>();
  const stderrTail: string[] = [];
  let done: Record<string, unknown> | null = null;
  let metricEvents = 0;
  const stdout = new LineSplitter();
  const stderr = new LineSplitter();
  const onStdout = (line: string) => {
    const event = parseTrainerLine(line);
    if (event.type === 'metric') telemetry.metric(metricPoints(event.fields, ++metricEvents));
    else if (event.type === 'log') telemetry.log('stdout', event.message);
    else if (event.type === 'artifact')
      artifactKinds.set(relative(paths.outputDir, resolve(runDir, event.path)), event.kind);
    else if (event.type === 'done') done = event.metrics;
    else telemetry.log('stdout', event.line);
  };
  const onStderr = (line: string) => {
    telemetry.log('stderr', line);
    stderrTail.push(line);
    if (stderrTail.length > 5) stderrTail.shift();
  };
  child.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => stdout.push(chunk).forEach(onStdout));
  child.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk).forEach(onStderr));
  const exit = await child.exited;
  stdout.flush().forEach(onStdout);
  stderr.flush().forEach(onStderr);
  const completed = exit.code === 0 && done !== null;
  const scores =
    completed && !active.stopReason && claim.run.kind === 'reward_model' && claim.run.project_id
      ? await scoreForQueue(context, claim.run.project_id, runDir, paths.outputDir, plan.env, active, telemetry)
      : null;
  // A trainer that completed before its stop took effect still offers its results: the fence decides.
  if (active.stopReason && !(completed && active.stopReason !== 'cancelled')) {
    telemetry.log('agent', `trainer stopped (${active.stopReason})`);
    await telemetry.close();
    await settleWorkDir(context, runDir, active.stopReason === 'lost');
    return;
  }
  if (!completed) {
    return fail(
      `trainer exited with ${exit.signal ?? `code ${exit.code}`}${stderrTail.length ? `: ${stderrTail.join(' | ')}` : ''}`,
      exit.code,
    );
  }
  await telemetry.close();
  const delivered = await deliver(context, fence, runDir, paths.outputDir, artifactKinds, done);
  if (delivered && scores) await storeScores(context, fence, claim.run.project_id!, scores);
}

/**
 * After a reward model trained on a project's snapshot: its uncertainty on the project's open items, for the
 * uncertainty-first queue. A failure is logged and leaves the run as it is (the model is still good).
 */
async function scoreForQueue(
  context: ExecutorContext,
  projectId: string,
  runDir: string,
  modelDir: string,
  env: Record<string, string>,
  active: ActiveRun,
  telemetry: TelemetryBuffer,
): Promise<ItemScoreRecord[] | null> {
  try {
    const scores = await scoreOpenItems({
      db: context.db,
      projectId,
      modelDir,
      workDir: join(runDir, 'scoring'),
      python: context.python,
      device: env.CUDA_VISIBLE_DEVICES ? 'cuda' : 'cpu',
      env: trainerEnvironment(process.env, { ...env, CLINRANK_AGENT_PID: String(context.agentPid) }),
      started: (child) => {
        active.process = child;
        if (active.stopReason) child.killGroup('SIGTERM');
      },
    });
    telemetry.log('agent', scores ? `scored ${scores.length} open items for the queue` : 'no open items to score');
    return scores;
  } catch (error) {
    telemetry.log(
      'agent',
      `uncertainty scoring failed, the queue keeps its previous scores: ${(error as Error).message}`,
    );
    return null;
  }
}

async function storeScores(
  context: ExecutorContext,
  fence: AttemptFence,
  projectId: string,
  scores: ItemScoreRecord[],
): Promise<void> {
  try {
    const stored = await storeUncertainty(context.db, fence.runId, projectId, scores);
    await appendLogs(context.db, fence, [{ stream: 'agent', line: `stored ${stored} uncertainty scores` }]);
  } catch (error) {
    context.log(`run ${fence.runId}: could not store uncertainty scores: ${(error as Error).message}`);
  }
}

/**
 * Uploads a completed attempt's outputs to `<run>/attempt-<n>/` and promotes them with the run's success, only while
 * the attempt still owns the run; otherwise the upload is refused, logged and audited, and nothing of the run changes.
 */
async function deliver(
  context: ExecutorContext,
  fence: AttemptFence,
  runDir: string,
  outputDir: string,
  artifactKinds: Map<string, string>,
  summary: Record<string, unknown> | null,
): Promise<boolean> {
  const { db } = context;
  const refuse = async (reason: string): Promise<false> => {
    const state = await auditRefusedUpload(db, fence, context.actor, reason);
    const now = state
      ? `the run is ${state.status}, attempt ${state.attempt}${state.nodeName ? ` on ${state.nodeName}` : ''}`
      : 'the run is gone';
    context.log(`run ${fence.runId} attempt ${fence.attempt}: upload refused (${reason}): ${now}`);
    await settleWorkDir(context, runDir, true);
    return false;
  };
  if (!(await ownsLiveRun(db, fence))) return refuse('the attempt no longer owns the run');
  let stored;
  try {
    stored = await uploadDirectory(context.store, fence.runId, fence.attempt, outputDir);
  } catch (error) {
    const message = `could not upload artifacts: ${(error as Error).message}`;
    await appendLogs(db, fence, [{ stream: 'agent', line: message }]);
    await finishRun(db, fence, { status: 'failed', exitCode: 0, error: message, summary: null });
    await settleWorkDir(context, runDir, true);
    return false;
  }
  const artifacts = stored.map((artifact) => ({ ...artifact, kind: kindOf(artifact.name, artifactKinds) }));
  await appendLogs(db, fence, [
    { stream: 'agent', line: `uploaded ${stored.length} artifacts to attempt-${fence.attempt}/` },
  ]);
  if (!(await finishRun(db, fence, { status: 'succeeded', exitCode: 0, error: null, summary }, artifacts))) {
    return refuse('the attempt lost the run during its upload');
  }
  await settleWorkDir(context, runDir, false);
  return true;
}

/** The kind the trainer announced for a file or for the directory holding it ('file' otherwise). */
function kindOf(name: string, announced: Map<string, string>): string {
  if (announced.has(name)) return announced.get(name)!;
  let best: [string, string] | null = null;
  for (const [path, kind] of announced) {
    const prefix = path === '' ? '' : `${path}/`;
    if (name.startsWith(prefix) && (!best || path.length > best[0].length)) best = [path, kind];
  }
  return best?.[1] ?? 'file';
}
