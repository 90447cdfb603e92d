import { DomainError, type ErrorCode } from '@clinrank/domain';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import {
  runHeavyTask,
  type HeavyTaskInput,
  type HeavyTaskName,
  type HeavyTaskOutput,
  type HeavyTaskReply,
} from './heavy-tasks.js';

export const HEAVY_COMPUTE = Symbol('HEAVY_COMPUTE');

/** Runs the heavy statistics: inline (CLI, scripts) or in a pool of worker threads (the API server). */
export interface HeavyCompute {
  run<N extends HeavyTaskName>(name: N, input: HeavyTaskInput<N>): Promise<HeavyTaskOutput<N>>;
  close(): Promise<void>;
}

function unwrap<T>(reply: HeavyTaskReply<T>): T {
  if (reply.ok) return reply.value;
  throw new DomainError(reply.code as ErrorCode, reply.message, reply.field);
}

/** On the calling thread: for one-shot processes, where blocking the event loop blocks nobody else. */
export const inlineCompute: HeavyCompute = {
  run: async (name, input) => unwrap(runHeavyTask(name, input)),
  close: async () => undefined,
};

/**
 * A worker-thread pool, so a bootstrap over a large project never stalls /health or other users' requests. From the
 * TypeScript sources (the tests) the workers load them through the repository's swc loader; from the build, the .js.
 */
export function pooledCompute(threads: number): HeavyCompute {
  const here = fileURLToPath(import.meta.url);
  const fromSources = here.endsWith('.ts');
  const worker = join(dirname(here), `heavy-tasks.worker.${fromSources ? 'ts' : 'js'}`);
  const loader = join(dirname(here), '../../../../scripts/ts-loader.mjs');
  const pool = new Piscina({
    filename: pathToFileURL(worker).href,
    // Started with the server (not on the first report), so loading the worker's modules never competes with the
    // first burst of requests; from the sources (tests) threads start on demand, as most tests never need one.
    minThreads: fromSources ? 0 : threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    // Below the main thread in the OS scheduler (Linux, per thread), so on a busy machine the event loop that serves
    // /health and labelling gets the CPU first.
    niceIncrement: 10,
    execArgv: fromSources ? ['--import', pathToFileURL(loader).href] : [],
  });
  return {
    run: async (name, input) => unwrap(await pool.run({ name, input })),
    close: () => pool.close({ force: true }),
  };
}
