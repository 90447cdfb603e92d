import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { confineModelPaths, parseModelRoots, trainerEnvironment } from './sandbox.js';
import { uploadDirectory, type ArtifactStore } from './artifact-store.js';
import { validateJobSpec } from './job-spec.js';
import { materializeRunOutput, materializeSnapshot } from './materialize.js';
import { spawnGroup, type GroupProcess } from './process-group.js';
import { addArtifacts, appendLogs, appendMetrics, finishRun, markRunning, type Claim, type Sql } from './run-store.js';
import { launchPlan, type RunPaths } from './trainer-command.js';
import { LineSplitter, metricPoints, parseTrainerLine, type MetricPoint } from './trainer-events.js';

export interface ExecutorContext {
  db: Sql;
  store: ArtifactStore;
  nodeId: string;
  workDir: string;
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

  constructor(private readonly db: Sql, private readonly runId: string, private readonly attempt: number) {
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
    this.writing = this.writing.then(async () => {
      await appendMetrics(this.db, this.runId, this.attempt, points);
      await appendLogs(this.db, this.runId, this.attempt, lines);
    }).catch((error) => {
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
  const active: ActiveRun = { runId: claim.run.id, attempt: claim.attempt, gpuIndices, stopReason: null, process: null, done: Promise.resolve() };
  active.done = runAttempt(context, claim, active).catch((error) => context.log(`run ${claim.run.id}: ${(error as Error).message}`));
  return active;
}

async function runAttempt(context: ExecutorContext, claim: Claim, active: ActiveRun): Promise<void> {
  const { db, nodeId } = context;
  const runId = claim.run.id;
  const telemetry = new TelemetryBuffer(db, runId, claim.attempt);
  const runDir = resolve(context.workDir, runId, `attempt-${claim.attempt}`);
  const fail = async (error: string, exitCode: number | null = null) => {
    telemetry.log('agent', error);
    await telemetry.close();
    await finishRun(db, runId, claim.attempt, nodeId, { status: 'failed', exitCode, error, summary: null });
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
    if (nodeRoots.length) spec.options = confineModelPaths(spec.kind, spec.options as Record<string, unknown>, nodeRoots) as typeof spec.options;
    plan = launchPlan(spec, paths, { python: context.python, trainerRoot: context.trainerRoot, gpuIndices: active.gpuIndices, configPath: join(runDir, 'accelerate.yaml') });
    if (plan.accelerateConfig) await writeFile(join(runDir, 'accelerate.yaml'), plan.accelerateConfig);
  } catch (error) {
    return fail(`could not prepare the run: ${(error as Error).message}`);
  }
  if (!(await markRunning(db, runId, claim.attempt, nodeId))) {
    await telemetry.close();
    return;
  }
  telemetry.log('agent', `node ${nodeId} attempt ${claim.attempt}: ${plan.command} ${plan.args.join(' ')}`);
  const child = spawnGroup(plan.command, plan.args, { cwd: runDir, env: trainerEnvironment(process.env, plan.env) });
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
    else if (event.type === 'artifact') artifactKinds.set(relative(paths.outputDir, resolve(runDir, event.path)), event.kind);
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
  if (active.stopReason) {
    telemetry.log('agent', `trainer stopped (${active.stopReason})`);
    await telemetry.close();
    return;
  }
  if (exit.code !== 0 || !done) {
    return fail(`trainer exited with ${exit.signal ?? `code ${exit.code}`}${stderrTail.length ? `: ${stderrTail.join(' | ')}` : ''}`, exit.code);
  }
  try {
    const stored = await uploadDirectory(context.store, runId, paths.outputDir);
    await addArtifacts(db, runId, stored.map((artifact) => ({ ...artifact, kind: kindOf(artifact.name, artifactKinds) })));
    telemetry.log('agent', `uploaded ${stored.length} artifacts`);
  } catch (error) {
    return fail(`could not upload artifacts: ${(error as Error).message}`, exit.code);
  }
  await telemetry.close();
  await finishRun(db, runId, claim.attempt, nodeId, { status: 'succeeded', exitCode: 0, error: null, summary: done });
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
