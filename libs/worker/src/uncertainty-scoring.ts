import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnGroup, type GroupProcess } from './process-group.js';
import { openItemsForScoring, type ItemScoreRecord, type ScoringItemRow, type Sql } from './run-store.repository.js';

/** The scorer's input: one JSON line per item, the prompt as chat messages when the item has them. */
export function scoringItemsJsonLines(rows: ScoringItemRow[]): string {
  return rows
    .map((row) =>
      JSON.stringify({
        id: row.id,
        prompt: row.messages && row.messages.length ? row.messages : (row.prompt ?? ''),
        responses: row.responses,
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** The scorer's output lines ({id, reward_gap, score}) as records; a line without finite numbers is an error. */
export function parseScoreLines(text: string): ItemScoreRecord[] {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line, index) => {
      const row = JSON.parse(line) as { id?: unknown; score?: unknown; reward_gap?: unknown };
      if (typeof row.id !== 'string' || !Number.isFinite(row.score) || !Number.isFinite(row.reward_gap))
        throw new Error(`uncertainty line ${index + 1} lacks an id or finite score and reward_gap`);
      return { itemId: row.id, score: row.score as number, rewardGap: row.reward_gap as number };
    });
}

export interface ScoringRun {
  db: Sql;
  projectId: string;
  /** The reward model the trainer just wrote. */
  modelDir: string;
  /** Where the items and scores files go (never uploaded). */
  workDir: string;
  python: string;
  device: 'cpu' | 'cuda';
  env: NodeJS.ProcessEnv;
  /** Called with the scorer's process, so a cancel or shutdown can stop it like the trainer. */
  started: (process: GroupProcess) => void;
}

/**
 * Scores the project's open items with a freshly trained reward model (`python -m clinrank_trainer score`): null when
 * the project has no open item with two responses; throws with the scorer's last stderr lines when it fails.
 */
export async function scoreOpenItems(run: ScoringRun): Promise<ItemScoreRecord[] | null> {
  const rows = await openItemsForScoring(run.db, run.projectId);
  if (rows.length === 0) return null;
  await mkdir(run.workDir, { recursive: true });
  const items = join(run.workDir, 'items.jsonl');
  const output = join(run.workDir, 'uncertainty.jsonl');
  await writeFile(items, scoringItemsJsonLines(rows));
  const args = ['-m', 'clinrank_trainer', 'score', '--model', run.modelDir, '--items', items, '--output', output];
  const child = spawnGroup(run.python, [...args, '--device', run.device], { cwd: run.workDir, env: run.env });
  run.started(child);
  let stderr = '';
  child.child.stdout!.resume();
  child.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
  const exit = await child.exited;
  if (exit.code !== 0) {
    const tail = stderr.trim().split('\n').slice(-3).join(' | ');
    throw new Error(`the scorer exited with ${exit.signal ?? `code ${exit.code}`}${tail ? `: ${tail}` : ''}`);
  }
  return parseScoreLines(await readFile(output, 'utf8'));
}
