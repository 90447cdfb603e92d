import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let cached: string | null = null;

/** `clinrank@<package version>+<git commit>` (commit left out outside a checkout); CLINRANK_CODE_VERSION overrides it. */
export function codeVersion(env: Record<string, string | undefined> = process.env, start = process.cwd()): string {
  const override = env.CLINRANK_CODE_VERSION?.trim();
  if (override) return override;
  if (cached) return cached;
  const root = findPackageRoot(start);
  const version = root
    ? ((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0')
    : '0.0.0';
  const commit = root ? gitCommit(root) : null;
  cached = `clinrank@${version}${commit ? `+${commit}` : ''}`;
  return cached;
}

function findPackageRoot(start: string): string | null {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'clinrank')
      return dir;
    if (dirname(dir) === dir) return null;
  }
}

function gitCommit(root: string): string | null {
  try {
    return (
      execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 5000,
      })
        .toString()
        .trim() || null
    );
  } catch {
    return null;
  }
}
