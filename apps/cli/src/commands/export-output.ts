import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../cli-errors.js';

/**
 * Copies a finished snapshot to --out through a temp folder beside it, renamed into place only once complete, so --out
 * never holds half a snapshot. Runs before the snapshot is registered: a failure here leaves nothing behind.
 */
export function placeOutput(snapshotDir: string, out: string): void {
  let temp: string | null = null;
  try {
    mkdirSync(dirname(out), { recursive: true });
    temp = mkdtempSync(join(dirname(out), `.${basename(out)}.partial-`));
    cpSync(snapshotDir, temp, { recursive: true, errorOnExist: true, force: false });
    if (existsSync(out)) rmdirSync(out); // assertFreshOut allowed only an empty folder here
    renameSync(temp, out);
    temp = null;
  } catch (error) {
    throw new UsageError(
      `option --out: cannot write ${out} (${(error as Error).message}); nothing was exported or registered`,
    );
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}
