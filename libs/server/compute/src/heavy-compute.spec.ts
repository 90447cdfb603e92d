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
