import { describe, expect, it } from '@jest/globals';
import { wilsonInterval } from '@clinrank/statistics';
import { syntheticValidationStats } from './synthetic-validation.js';

describe('syntheticValidationStats', () => {
  it('computes lenient and strict acceptance and reason counts per generator', () => {
    const stats = syntheticValidationStats([
      { generator: 'g1', verdict: 'accept' },
      { generator: 'g1', verdict: 'accept' },
      { generator: 'g1', verdict: 'fix', reasons: ['dosage'] },
      { generator: 'g1', verdict: 'reject', reasons: ['hallucination', 'unsafe'] },
      { generator: 'g1', verdict: 'reject', reasons: ['hallucination'] },
      { generator: 'g0', verdict: 'accept' },
    ]);
    expect(stats.map((s) => s.generator)).toEqual(['g0', 'g1']);
    const g1 = stats[1];
    // accepted = accept 2 + fix 1 = 3 of 5 → 0.6; strict = 2/5 = 0.4
    expect(g1).toMatchObject({ n: 5, accepts: 2, fixes: 1, rejects: 2, acceptanceRate: 0.6, strictRate: 0.4 });
    expect(g1.acceptanceInterval).toEqual(wilsonInterval(3, 5));
    expect(g1.strictInterval).toEqual(wilsonInterval(2, 5));
    expect(g1.rejectionReasons).toEqual([
      { reason: 'hallucination', count: 2 },
      { reason: 'unsafe', count: 1 },
    ]);
    expect(g1.fixReasons).toEqual([{ reason: 'dosage', count: 1 }]);
    expect(stats[0]).toMatchObject({ n: 1, acceptanceRate: 1, strictRate: 1 });
  });

  it('rejects an unknown verdict by field', () => {
    expect(() => syntheticValidationStats([{ generator: 'g', verdict: 'maybe' as never }])).toThrow(
      /verdicts\[0\]\.verdict/,
    );
  });
});
