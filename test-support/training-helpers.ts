import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import {
  LIVEQA_DIR,
  liveQaPresent,
  readLiveQaJudgments,
  readLiveQaQuestions,
  type LiveQaJudgment,
} from './liveqa-med.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PYTHON = process.env.CLINRANK_PYTHON || '/usr/bin/python3';

/** Whether the trainer can run here: the data is present and Python has torch. Under CI=true a missing torch is an error. */
export function trainingPrerequisites(): { ok: true } | { ok: false; reason: string } {
  if (!liveQaPresent()) return { ok: false, reason: `LiveQA-Med data not found at ${LIVEQA_DIR}` };
  return torchPrerequisite();
}

/** Whether the trainer's Python has torch (enough for jobs that need no data set, like BERTScore); under CI=true its absence is an error. */
export function torchPrerequisite(): { ok: true } | { ok: false; reason: string } {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    const reason = `${PYTHON} cannot import torch (${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()})`;
    if (process.env.CI === 'true') throw new Error(`CI=true and ${reason}: install python3-torch`);
    return { ok: false, reason };
  }
  return { ok: true };
}

/**
 * LiveQA-Med graded answers as trl pairs (the higher-graded answer is chosen; equal grades give no pair), split by
 * question so no question is in two splits. Grade −2 is not on the 1..4 scale and is excluded explicitly.
 */
export function liveQaTrlSplits(): {
  train: string[];
  validation: string[];
  test: string[];
  excluded: number;
  questions: Record<string, number>;
} {
  const questions = new Map(readLiveQaQuestions().map((question) => [question.qid, question.message]));
  const byQuestion = new Map<number, LiveQaJudgment[]>();
  let excluded = 0;
  for (const judgment of readLiveQaJudgments()) {
    if (![1, 2, 3, 4].includes(judgment.grade)) {
      excluded += 1;
      continue;
    }
    byQuestion.set(judgment.qid, [...(byQuestion.get(judgment.qid) ?? []), judgment]);
  }
  const splits = { train: [] as string[], validation: [] as string[], test: [] as string[] };
  const counts: Record<string, number> = { train: 0, validation: 0, test: 0 };
  [...byQuestion.keys()].sort().forEach((qid, index) => {
    const split = index % 5 === 3 ? 'validation' : index % 5 === 4 ? 'test' : 'train';
    const answers = byQuestion.get(qid)!;
    let pairs = 0;
    for (const better of answers) {
      for (const worse of answers) {
        if (better.grade > worse.grade) {
          splits[split].push(
            JSON.stringify({ prompt: questions.get(qid) ?? qid, chosen: better.answer, rejected: worse.answer }),
          );
          pairs += 1;
        }
      }
    }
    if (pairs > 0) counts[split] += 1;
  });
  return { ...splits, excluded, questions: counts };
}

/** Writes a snapshot directory (train/validation/test.jsonl + manifest.json) and its dataset_snapshots row, like an export would. */
export async function createSnapshot(
  client: pg.Client,
  directory: string,
): Promise<{ id: string; pairs: Record<string, number> }> {
  const splits = liveQaTrlSplits();
  mkdirSync(directory, { recursive: true });
  for (const split of ['train', 'validation', 'test'] as const)
    writeFileSync(join(directory, `${split}.jsonl`), splits[split].join('\n') + '\n');
  const pairs = { train: splits.train.length, validation: splits.validation.length, test: splits.test.length };
  // counts.splits as an export writes it: training checks the train and validation splits are not empty.
  const counts = {
    splits: Object.fromEntries(Object.entries(pairs).map(([split, records]) => [split, { items: records, records }])),
  };
  const manifest = {
    format: 'trl',
    source: 'liveqa-med-2017 graded answers',
    excluded_not_on_scale: splits.excluded,
    pairs,
    questions: splits.questions,
    counts,
  };
  writeFileSync(join(directory, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const { rows } = await client.query(
    `INSERT INTO dataset_snapshots (name, request, manifest, directory, status, created_by) VALUES ($1, $2, $3, $4, 'ready', 'test') RETURNING id`,
    ['liveqa-trl', JSON.stringify({ format: 'trl' }), JSON.stringify(manifest), directory],
  );
  return { id: rows[0].id, pairs };
}

export interface AgentProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Resolves with the first capture group of a line matching `pattern` in the agent's stderr. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<string>;
}

/** Starts a real node agent (`node bin/clinrank.mjs worker …`) against the test database. */
export function startAgent(
  databaseUrl: string,
  artifactDir: string,
  args: string[],
  env: Record<string, string> = {},
): AgentProcess {
  let output = '';
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/clinrank.mjs'), 'worker', ...args], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ARTIFACT_DIR: artifactDir,
      LOG_LEVEL: 'silent',
      CLINRANK_PYTHON: PYTHON,
      NODE_OPTIONS: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (!match) return false;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(match[1] ?? match[0]);
          return true;
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`agent output did not match ${pattern} within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
  };
}

/** Polls until `read` returns a value that `done` accepts, or fails after `timeoutMs` with the last value. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  intervalMs = 300,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms; last value: ${JSON.stringify(last).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    last = await read();
  }
  return last;
}
