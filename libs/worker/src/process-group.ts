import { spawn, type ChildProcess } from 'node:child_process';

export interface GroupProcess {
  child: ChildProcess;
  /** Resolves with the exit code (or 128 + signal number style: null code and the signal name). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Signals the whole process group (the trainer and anything it started, e.g. accelerate's workers). */
  killGroup(signal?: NodeJS.Signals): void;
  /** SIGTERM to the group, then SIGKILL after the grace period if it is still there. */
  stop(graceMs: number): Promise<void>;
}

/** Starts a command as the leader of a new process group, so cancelling can end everything it spawned. */
export function spawnGroup(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): GroupProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', () => resolve({ code: 127, signal: null }));
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  let done = false;
  void exited.then(() => (done = true));
  const killGroup = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // the group is already gone
    }
  };
  return {
    child,
    exited,
    killGroup,
    async stop(graceMs: number) {
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      if (!done) killGroup('SIGKILL');
    },
  };
}
