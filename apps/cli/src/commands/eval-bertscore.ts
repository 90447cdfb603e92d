import { DomainError, ErrorCode } from '@clinrank/domain';
import { TERMINAL_STATUSES } from '@clinrank/worker';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { bertScoreCsv, bertScoreMarkdown, parseBertScorePredictions } from '@clinrank/eval-metrics';
import type { BertScoreResults, TrainingRun } from '@clinrank/server-training';
import type { Services } from '@clinrank/server-app';
import { printJson, withDatabase } from '../cli-context.js';
import { UsageError } from '../cli-errors.js';
import { assertTrainerPython, checkedFlags, runTrainerCaptured } from '../trainer-process.js';

export interface BertScoreOptions {
  project?: string;
  input?: string;
  results?: boolean;
  wait?: boolean;
  timeout?: number;
  encoder?: string;
  layer?: number;
  gpus?: number;
  device?: 'cpu' | 'cuda';
  language?: string;
  format?: 'json' | 'csv' | 'md';
}

type Mode = 'input' | 'results' | 'request';

const FLAGS: Record<keyof BertScoreOptions, string> = {
  project: '--project',
  input: '--input',
  results: '--results',
  wait: '--wait',
  timeout: '--timeout',
  encoder: '--encoder',
  layer: '--layer',
  gpus: '--gpus',
  device: '--device',
  language: '--language',
  format: '--format',
};

/** Options each mode refuses, so a flag that would be silently ignored is an error instead. */
const REFUSED: Record<Mode, (keyof BertScoreOptions)[]> = {
  input: ['results', 'wait', 'timeout', 'gpus', 'language', 'format'],
  results: ['encoder', 'layer', 'gpus', 'device', 'wait', 'timeout'],
  request: ['device'],
};

const DEFAULT_TIMEOUT_SECONDS = 3600;
const POLL_MS = 1000;

/** Which of the three things the command does, after checking the options go together. */
export function bertScoreMode(options: BertScoreOptions): Mode {
  if (options.input !== undefined && options.project !== undefined)
    throw new UsageError('give either --input or --project, not both');
  if (options.input === undefined && options.project === undefined)
    throw new UsageError('give --project SLUG (queue a run, or --results) or --input FILE (score locally)');
  const mode: Mode = options.input !== undefined ? 'input' : options.results ? 'results' : 'request';
  const context = mode === 'input' ? '--input' : mode === 'results' ? '--results' : '--project without --results';
  const refused = REFUSED[mode].filter((name) => options[name] !== undefined && options[name] !== false);
  if (refused.length)
    throw new UsageError(`${refused.map((name) => FLAGS[name]).join(', ')} cannot be used with ${context}`);
  if (mode === 'request' && !options.wait) {
    const waitOnly = (['timeout', 'language', 'format'] as const).filter((name) => options[name] !== undefined);
    if (waitOnly.length)
      throw new UsageError(
        `${waitOnly.map((name) => FLAGS[name]).join(', ')} can only be used with --wait or --results`,
      );
  }
  if (options.timeout !== undefined && options.timeout < 1)
    throw new UsageError(`option --timeout must be at least 1 second, got ${options.timeout}`);
  return mode;
}

function printResults(results: BertScoreResults, format: BertScoreOptions['format']) {
  if (format === 'csv') process.stdout.write(bertScoreCsv(results.rows));
  else if (format === 'md') process.stdout.write(bertScoreMarkdown(results.rows));
  else printJson(results);
}

async function latestResults(services: Services, slug: string, language: string | null): Promise<BertScoreResults> {
  const results = await services.bertScore.latest(slug, language);
  if (!results)
    throw new DomainError(
      ErrorCode.BadUserInput,
      `project "${slug}" has no succeeded BERTScore run yet; queue one with: clinrank eval bertscore --project ${slug} --wait`,
      'project',
    );
  return results;
}

/** `--results`: the latest succeeded run of the project, of one language or all. */
export async function printLatestBertScore(options: BertScoreOptions): Promise<void> {
  const slug = options.project!;
  printResults(
    await withDatabase(({ services }) => latestResults(services, slug, options.language ?? null)),
    options.format,
  );
}

function runSummary(run: TrainingRun) {
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    projectId: run.projectId,
    gpus: run.gpus,
    options: (run.config as { options?: unknown }).options,
    createdAt: run.createdAt,
  };
}

async function waitForRun(services: Services, runId: string, timeoutSeconds: number): Promise<TrainingRun> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const run = await services.training.run(runId);
    if (TERMINAL_STATUSES.includes(run.status)) return run;
    if (Date.now() >= deadline)
      throw new Error(
        `BERTScore run ${runId} is still ${run.status} after ${timeoutSeconds} s; it stays queued (see it later with --results)`,
      );
    await sleep(POLL_MS);
  }
}

/** Queues a run (audited by the service); with --wait, waits for a worker to finish it and prints its results. */
export async function requestBertScore(options: BertScoreOptions): Promise<void> {
  const slug = options.project!;
  await withDatabase(async ({ services, actor }) => {
    const run = await services.bertScore.request(
      slug,
      { encoderPath: options.encoder ?? null, layer: options.layer ?? null, gpus: options.gpus ?? null },
      actor,
    );
    if (!options.wait) return printJson(runSummary(run));
    process.stderr.write(
      `clinrank: queued BERTScore run ${run.id}; waiting for a worker to run it (start one with: clinrank worker)\n`,
    );
    const done = await waitForRun(services, run.id, options.timeout ?? DEFAULT_TIMEOUT_SECONDS);
    if (done.status !== 'succeeded')
      throw new Error(`BERTScore run ${done.id} ${done.status}: ${done.error ?? 'no error was recorded'}`);
    printResults(await latestResults(services, slug, options.language ?? null), options.format);
  });
}

/** The trainer's input from a predictions file; every bad line goes to stderr with its number, as `eval metrics --input` does. */
function readPredictions(file: string): string {
  if (!existsSync(file)) throw new UsageError(`cannot read ${file}: no such file`);
  const { jsonl, items, problems } = parseBertScorePredictions(readFileSync(file, 'utf8'));
  if (problems.length) {
    for (const problem of problems) process.stderr.write(`${file}:${problem.line}: ${problem.message}\n`);
    throw new UsageError(`${problems.length} bad line(s) in ${file}; nothing was scored`);
  }
  if (items === 0) throw new UsageError(`${file} has no predictions`);
  return jsonl;
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}

/** `--input`: scores a predictions file with the local trainer, outside any project, and prints its metrics.json. */
export async function scoreBertScoreFile(options: BertScoreOptions): Promise<void> {
  const file = options.input!;
  const flags = checkedFlags('bertscore', { input: file, encoder: options.encoder, layer: options.layer });
  if (options.encoder !== undefined && !existsSync(options.encoder))
    throw new UsageError(`--encoder ${options.encoder}: no such file or directory`);
  const jsonl = readPredictions(file);
  assertTrainerPython();
  const work = mkdtempSync(join(tmpdir(), 'clinrank-bertscore-'));
  try {
    writeFileSync(join(work, 'input.jsonl'), jsonl, 'utf8');
    const output = join(work, 'output');
    const result = await runTrainerCaptured([
      'bertscore',
      '--input',
      join(work, 'input.jsonl'),
      '--output',
      output,
      '--device',
      options.device ?? 'cpu',
      ...flags,
    ]);
    // Exit 2 is the trainer's one-line usage error (bad --encoder, --layer out of range, no CUDA).
    if (result.code === 2)
      throw new UsageError(lastLine(result.stderr).replace(/^clinrank_trainer bertscore: error: /, ''));
    if (result.code !== 0) {
      process.stderr.write(result.stderr);
      throw new Error(`the BERTScore trainer failed with exit code ${result.code}`);
    }
    printJson(JSON.parse(readFileSync(join(output, 'metrics.json'), 'utf8')));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
