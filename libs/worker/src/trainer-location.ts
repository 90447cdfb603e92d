import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The Python that runs the trainer: `CLINRANK_PYTHON`, else Debian's /usr/bin/python3 (which has torch here). */
export function trainerPython(env: NodeJS.ProcessEnv = process.env): string {
  return env.CLINRANK_PYTHON?.trim() || '/usr/bin/python3';
}

/** The directory to put on PYTHONPATH: `CLINRANK_TRAINER_ROOT`, else the nearest `libs/trainer` above `from`. */
export function trainerRoot(from: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.CLINRANK_TRAINER_ROOT?.trim()) return resolve(env.CLINRANK_TRAINER_ROOT.trim());
  let dir = resolve(from);
  for (;;) {
    const candidate = join(dir, 'libs', 'trainer');
    if (existsSync(join(candidate, 'clinrank_trainer', '__main__.py'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find libs/trainer above ${from}; set CLINRANK_TRAINER_ROOT`);
    dir = parent;
  }
}
