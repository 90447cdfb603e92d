import { afterAll, describe, expect, it } from '@jest/globals';
import { DomainError } from '@clinrank/domain';
import type { CampaignJudgement } from '@clinrank/eval-metrics';
import { inlineCompute, pooledCompute } from './heavy-compute.js';

const judgements: CampaignJudgement[] = Array.from({ length: 40 }, (_, index) => ({
  item: `i${index}`,
  annotator: `dr-${index % 3}`,
  modelA: index % 2 ? 'new-model' : 'baseline',
  modelB: index % 2 ? 'baseline' : 'new-model',
  choice: (['a', 'b', 'tie'] as const)[index % 3],
  criterion: 'overall',
  isJudge: false,
  language: 'en',
}));
const input = {
  judgements,
  criteria: ['overall'],
  options: { criterion: 'overall', baseline: 'baseline', resamples: 200, seed: 7 },
};

describe('pooledCompute', () => {
  const pool = pooledCompute(1);
  afterAll(() => pool.close());

  it('gives in a worker thread exactly what the calling thread computes', async () => {
    expect(await pool.run('evaluationReport', input)).toEqual(await inlineCompute.run('evaluationReport', input));
  });

  it('bootstraps alphas over compact typed arrays in a worker thread, as the calling thread does', async () => {
    const units = {
      start: Int32Array.from([0, 3, 6, 8, 11]),
      values: Int32Array.from([0, 0, 1, 1, 1, 1, 0, 1, 2, 2, 0]),
    };
    const task = {
      seed: 5,
      jobs: [{ key: 'overall', units: { ...units, valueList: [1, 2, 3] }, level: 'interval' as const, resamples: 100 }],
    };
    const pooled = await pool.run('alphaIntervals', task);
    expect(pooled).toEqual(await inlineCompute.run('alphaIntervals', task));
    expect(pooled[0].resamples).toBeGreaterThan(0);
  });

  it("rethrows a task's DomainError with its code and field", async () => {
    const wrong = { ...input, options: { ...input.options, baseline: 'no-such-model' } };
    const inline = await inlineCompute.run('evaluationReport', wrong).catch((error: unknown) => error);
    const pooled = await pool.run('evaluationReport', wrong).catch((error: unknown) => error);
    expect(inline).toBeInstanceOf(DomainError);
    expect(pooled).toBeInstanceOf(DomainError);
    expect({ ...(pooled as DomainError), message: (pooled as DomainError).message }).toEqual({
      ...(inline as DomainError),
      message: (inline as DomainError).message,
    });
  });
});
