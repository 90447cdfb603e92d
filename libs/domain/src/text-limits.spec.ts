import { describe, expect, it } from '@jest/globals';
import { JSON_LIMITS, findTextDefect, jsonDepth, jsonLimitProblem, textDefect, textProblem } from './text-limits.js';

describe('text rules', () => {
  it('finds NUL and lone surrogates, and accepts paired surrogates', () => {
    expect(textDefect('a\u0000b')).toMatch(/NUL/);
    expect(textDefect('a\ud800')).toMatch(/lone surrogate/);
    expect(textDefect('\udc00b')).toMatch(/lone surrogate/);
    expect(textDefect('emoji \ud83d\ude00 and 中文')).toBeNull();
  });

  it('names the path of the first bad string, keys included', () => {
    expect(findTextDefect({ a: [{ b: 'ok' }, { c: 'x\u0000' }] }, 'input')).toEqual({
      path: 'input.a[1].c',
      reason: expect.stringMatching(/NUL/),
    });
    expect(findTextDefect({ ['k\ud800']: 1 }, 'meta')?.path).toBe('meta.k\ud800');
    expect(findTextDefect({ a: 'fine', b: [1, null, true] }, 'x')).toBeNull();
  });

  it('measures depth without recursion, even 100,000 deep', () => {
    let deep: unknown = 1;
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(jsonDepth(deep)).toBe(100_000);
    expect(jsonLimitProblem(deep)).toMatch(/100000 levels deep/);
    expect(jsonDepth({ a: { b: 1 } })).toBe(2);
  });

  it('caps JSON size and text length', () => {
    expect(jsonLimitProblem({ blob: 'x'.repeat(JSON_LIMITS.maxBytes) })).toMatch(/bytes/);
    expect(jsonLimitProblem({ blob: 'x'.repeat(100) })).toBeNull();
    expect(textProblem('validationReason', 'r'.repeat(501))).toMatch(/at most 500/);
    expect(textProblem('validationReason', 'hallucination')).toBeNull();
  });
});
