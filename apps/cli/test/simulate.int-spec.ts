import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from './support/run-cli.js';

// Five hand-written items whose responses carry a rating on "overall": 10 pairs with different ratings at K = 3.
const FIXTURE = 'apps/cli/test/fixtures/rated-answers.jsonl';
const PANEL = ['--annotator-accuracy', '0.9,0.85,0.8,0.75,0.6'];

let dir: string;

/** `clinrank simulate …` needs no database: it reads a file and prints JSON. */
async function simulate(args: string[]): Promise<CliRun> {
  return runCli(['simulate', ...args], {});
}

/** Runs commands one after another: concurrent `clinrank` starts may race rebuilding dist/ when sources just changed. */
async function each(commands: string[][]): Promise<CliRun[]> {
  const runs: CliRun[] = [];
  for (const args of commands) runs.push(await simulate(args));
  return runs;
}

function json(run: CliRun): Record<string, unknown> {
  expect({ code: run.code, stderr: run.stderr.replace(/^build: .*\n/m, '') }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clinrank-simulate-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('clinrank simulate labelling', () => {
  it('prints {strategy, labels, pairs, accuracy} for fixed and adaptive overlap, reproducibly for a seed', async () => {
    const [fixed, adaptive, again] = await each([
      ['labelling', '--input', FIXTURE, ...PANEL, '--strategy', 'fixed', '--overlap', '3', '--seed', '4'],
      [
        'labelling',
        '--input',
        FIXTURE,
        ...PANEL,
        '--strategy',
        'adaptive',
        '--overlap-min',
        '2',
        '--overlap-max',
        '5',
        '--confidence',
        '0.95',
        '--seed',
        '4',
      ],
      [
        'labelling',
        '--input',
        FIXTURE,
        ...PANEL,
        '--strategy',
        'adaptive',
        '--overlap-min',
        '2',
        '--overlap-max',
        '5',
        '--confidence',
        '0.95',
        '--seed',
        '4',
      ],
    ]);
    const fixedResult = json(fixed);
    expect(Object.keys(fixedResult)).toEqual(['strategy', 'labels', 'pairs', 'accuracy']);
    expect(fixedResult).toMatchObject({ strategy: 'fixed', labels: 30, pairs: 10 });
    const adaptiveResult = json(adaptive);
    expect(adaptiveResult).toMatchObject({ strategy: 'adaptive', pairs: 10 });
    expect(adaptiveResult.labels).toBeGreaterThanOrEqual(20);
    expect(adaptiveResult.labels).toBeLessThanOrEqual(50);
    for (const result of [fixedResult, adaptiveResult]) {
      expect(result.accuracy).toBeGreaterThanOrEqual(0);
      expect(result.accuracy).toBeLessThanOrEqual(1);
    }
    expect(again.stdout).toBe(adaptive.stdout);
  });

  it('gets every pair right with perfect annotators, and spends min labels per pair when they agree', async () => {
    const [run] = await each([
      [
        'labelling',
        '--input',
        FIXTURE,
        '--annotator-accuracy',
        '1,1,1',
        '--strategy',
        'adaptive',
        '--overlap-min',
        '2',
        '--overlap-max',
        '3',
      ],
    ]);
    expect(json(run)).toEqual({ strategy: 'adaptive', labels: 20, pairs: 10, accuracy: 1 });
  });

  it('exits 2 with a clear message on a bad option or input', async () => {
    const missingRating = join(dir, 'missing-rating.jsonl');
    writeFileSync(
      missingRating,
      JSON.stringify({
        id: 'q1',
        language: 'en',
        prompt: 'p',
        responses: [
          { id: 'a', text: 'x' },
          { id: 'b', text: 'y' },
        ],
        annotations: [{ annotator: 'n', kind: 'rating', response: 'a', criterion: 'overall', score: 2 }],
      }) + '\n',
    );
    const cases: Array<[string[], string]> = [
      [
        ['labelling', '--input', FIXTURE, '--annotator-accuracy', '0.9,1.5'],
        'option --annotator-accuracy must list probabilities from 0 to 1',
      ],
      [
        ['labelling', '--input', FIXTURE, ...PANEL, '--strategy', 'greedy'],
        'option --strategy must be one of fixed, adaptive, got "greedy"',
      ],
      [
        ['labelling', '--input', FIXTURE, ...PANEL, '--strategy', 'fixed', '--confidence', '0.9'],
        '--confidence go with --strategy adaptive',
      ],
      [['labelling', '--input', FIXTURE, '--annotator-accuracy', '0.9,0.8', '--strategy', 'adaptive'], 'overlap.max'],
      [['labelling', '--input', join(dir, 'absent.jsonl'), ...PANEL], 'no such file'],
      [['labelling', '--input', missingRating, ...PANEL], 'line 1: responses: response "b" has no rating annotation'],
      [['campaign', '--votes', '100', '--strategy', 'greedy'], 'option --strategy must be one of uniform, active'],
      [['campaign', '--votes', '0'], 'option --votes must be a whole number ≥ 1'],
      [['campaign', '--votes', '100', '--models', '9'], 'option --models must be from 2 to 8'],
    ];
    const runs = await each(cases.map(([args]) => args));
    runs.forEach((run, index) => {
      expect({ args: cases[index][0], code: run.code, stdout: run.stdout }).toEqual({
        args: cases[index][0],
        code: 2,
        stdout: '',
      });
      expect(run.stderr).toContain(cases[index][1]);
    });
  });
});

describe('clinrank simulate campaign', () => {
  it('prints {strategy, votes, kendallTau, meanIntervalWidth, topGapIntervalWidth, topModelCorrect} with sane values', async () => {
    const runs = await each([
      ['campaign', '--models', '8', '--votes', '300', '--strategy', 'uniform', '--seed', '1', '--resamples', '200'],
      ['campaign', '--models', '8', '--votes', '300', '--strategy', 'active', '--seed', '1', '--resamples', '200'],
    ]);
    for (const [index, strategy] of (['uniform', 'active'] as const).entries()) {
      const result = json(runs[index]);
      expect(Object.keys(result)).toEqual([
        'strategy',
        'votes',
        'kendallTau',
        'meanIntervalWidth',
        'topGapIntervalWidth',
        'topModelCorrect',
      ]);
      expect(result).toMatchObject({ strategy, votes: 300 });
      expect(result.kendallTau).toBeGreaterThan(0);
      expect(result.kendallTau).toBeLessThanOrEqual(1);
      expect(result.meanIntervalWidth).toBeGreaterThan(0);
      expect(result.topGapIntervalWidth).toBeGreaterThan(0);
      expect(typeof result.topModelCorrect).toBe('boolean');
    }
  });
});
