import { DomainError } from '@clinrank/domain';
import {
  optionFlags,
  trainerEnvironment as allowListedEnvironment,
  trainerPython,
  trainerRoot,
  validateOptions,
  type JobKind,
} from '@clinrank/worker';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { UsageError } from './cli-errors.js';

/** Validates the tunable options like a queued job would be, so a local run and a queued run accept the same values. */
export function checkedFlags(kind: JobKind, options: Record<string, unknown>): string[] {
  try {
    return optionFlags(validateOptions(kind, options));
  } catch (error) {
    if (error instanceof DomainError)
      throw new UsageError(
        error.message.replace(
          /^options\.(\w+)/,
          (_match, name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
        ),
      );
    throw error;
  }
}

/** The environment of a local trainer run: allow-listed variables, the trainer package on PYTHONPATH, unbuffered output. */
export function trainerEnvironment(): NodeJS.ProcessEnv {
  return allowListedEnvironment(process.env, {
    PYTHONPATH: trainerRoot(fileURLToPath(import.meta.url)),
    PYTHONUNBUFFERED: '1',
  });
}

/** Throws one line saying what to install when the trainer's Python is missing or cannot import torch. */
export function assertTrainerPython(): void {
  const python = trainerPython();
  const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.error)
    throw new Error(
      `cannot run ${python} (${probe.error.message}): install Python 3 with PyTorch (Debian/Ubuntu: apt-get install python3-torch) or set CLINRANK_PYTHON`,
    );
  if (probe.status !== 0) {
    const reason = (probe.stderr || '').trim().split('\n').pop();
    throw new Error(
      `${python} cannot import torch (${reason}): install PyTorch for it (Debian/Ubuntu: apt-get install python3-torch) or set CLINRANK_PYTHON to a Python that has it`,
    );
  }
}

export interface TrainerResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `python -m clinrank_trainer ARGS` with its output captured (for commands that print their own result). */
export function runTrainerCaptured(args: string[]): Promise<TrainerResult> {
  const child = spawn(trainerPython(), ['-m', 'clinrank_trainer', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: trainerEnvironment(),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve({ code: code ?? (signal ? 1 : 0), stdout, stderr });
    });
  });
}
