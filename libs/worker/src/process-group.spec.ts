import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { spawnGroup } from './process-group.js';

/** Running (a killed orphan may linger as a zombie until PID 1 reaps it: that counts as ended). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

describe('spawnGroup', () => {
  it('kills the whole process group, grandchildren included', async () => {
    // The shell starts a background sleep (a grandchild), prints its pid, then waits.
    const group = spawnGroup('/bin/sh', ['-c', 'sleep 30 & echo $!; wait'], { cwd: '/tmp', env: process.env });
    const grandchild = await new Promise<number>((resolve) =>
      group.child.stdout!.once('data', (chunk) => resolve(Number(String(chunk).trim()))),
    );
    expect(alive(grandchild)).toBe(true);
    await group.stop(2000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(grandchild)).toBe(false);
  });

  it('reports the exit code of a finished command', async () => {
    const group = spawnGroup('/bin/sh', ['-c', 'exit 3'], { cwd: '/tmp', env: process.env });
    expect(await group.exited).toEqual({ code: 3, signal: null });
  });
});
