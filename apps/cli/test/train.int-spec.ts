import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { torchPrerequisite } from '../../../test-support/training-helpers.js';
import { runCli } from './support/run-cli.js';

const torch = torchPrerequisite();
if (!torch.ok) console.warn(`\n!! ${torch.reason}: the local training CLI test is SKIPPED\n`);
const describeIfTorch = torch.ok ? describe : describe.skip;

/** Pairs where the chosen answer names the question's drug: learnable in a few epochs. */
function pairs(prefix: string, count: number): string {
  const drugs = ['aspirin', 'metformin', 'insulin', 'warfarin'];
  return (
    Array.from({ length: count }, (_, i) =>
      JSON.stringify({
        prompt: `${prefix} ${i}: how do I take ${drugs[i % 4]}?`,
        chosen: `take ${drugs[i % 4]} with food`,
        rejected: 'drink water and rest',
      }),
    ).join('\n') + '\n'
  );
}

describeIfTorch('clinrank train', () => {
  let dir: string;
  const env = () => ({ CLINRANK_PYTHON: process.env.CLINRANK_PYTHON ?? '/usr/bin/python3' });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'clinrank-train-'));
    writeFileSync(join(dir, 'train.jsonl'), pairs('train', 12));
    writeFileSync(join(dir, 'eval.jsonl'), pairs('eval', 4));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes --keep and --patience to the trainer, which reports the kept epoch and an accuracy interval', async () => {
    const output = join(dir, 'rm');
    const run = await runCli(
      [
        'train',
        'reward-model',
        '--train',
        join(dir, 'train.jsonl'),
        '--eval',
        join(dir, 'eval.jsonl'),
        '--output',
        output,
        '--epochs',
        '3',
        '--keep',
        'last',
        '--patience',
        '2',
      ],
      env(),
    );
    expect(run.code).toBe(0);
    const metrics = JSON.parse(readFileSync(join(output, 'metrics.json'), 'utf8')) as Record<string, unknown>;
    expect(metrics).toMatchObject({ keep: 'last', epochs_run: 3, eval_prompts: 4 });
    expect(metrics.eval_accuracy_ci_low as number).toBeLessThanOrEqual(metrics.eval_accuracy as number);
    expect(run.stderr).toMatch(/only 4 validation prompts/);
  }, 120_000);

  it('refuses a --keep that is neither best nor last, and a zero --kl-horizon, before starting Python', async () => {
    const keep = await runCli(
      [
        'train',
        'reward-model',
        '--train',
        join(dir, 'train.jsonl'),
        '--eval',
        join(dir, 'eval.jsonl'),
        '--output',
        join(dir, 'x'),
        '--keep',
        'median',
      ],
      env(),
    );
    expect(keep.code).not.toBe(0);
    expect(keep.stderr).toMatch(/--keep must be one of best, last, got "median"/);
    const horizon = await runCli(
      [
        'train',
        'ppo',
        '--prompts',
        join(dir, 'train.jsonl'),
        '--reward-model',
        dir,
        '--output',
        join(dir, 'y'),
        '--kl-horizon',
        '0',
      ],
      env(),
    );
    expect(horizon.code).not.toBe(0);
    expect(horizon.stderr).toMatch(/--kl-horizon must be between 1/);
  }, 60_000);
});
