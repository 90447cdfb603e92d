import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts `node bin/clinrank.mjs …` as an operator would: a minimal environment (PATH, HOME, USER, quiet logs,
 * NODE_ENV=test) plus `env`, which names the database and anything else the command needs.
 */
export function startCli(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['bin/clinrank.mjs', ...args], {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      USER: process.env.USER,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      ...env,
    },
  });
}

/** Runs a command to the end, feeding it `stdin`, and returns its exit code and output. */
export function runCli(args: string[], env: Record<string, string>, stdin = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = startCli(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
