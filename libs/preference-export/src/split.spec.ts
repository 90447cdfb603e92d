import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { assignSplit, hashUnit, promptKey, splitOfUnit } from './split.js';
import { memorySink } from './sinks.js';
import { exportSnapshot } from './snapshot.js';
import { item, label, pairwise, request, response, streamOf } from './test-fixtures.js';

describe('hashUnit', () => {
  it('reads the first 48 bits of sha256 as a fraction of 2^48', () => {
    const digest = createHash('sha256').update('clinrank:item-1').digest('hex');
    expect(hashUnit('clinrank:item-1')).toBe(parseInt(digest.slice(0, 12), 16) / 2 ** 48);
  });
});

describe('splitOfUnit', () => {
  it('cuts [0,1) at the cumulative fractions', () => {
    const fractions = { train: 0.8, validation: 0.1, test: 0.1 };
    expect(splitOfUnit(0, fractions)).toBe('train');
    expect(splitOfUnit(0.79, fractions)).toBe('train');
    expect(splitOfUnit(0.85, fractions)).toBe('validation');
    expect(splitOfUnit(0.95, fractions)).toBe('test');
    expect(splitOfUnit(0.999, { train: 0.9, validation: 0.1, test: 0 })).toBe('validation');
    expect(splitOfUnit(0.999, { train: 1, validation: 0, test: 0 })).toBe('train');
  });
});

describe('assignSplit', () => {
  const prompts = Array.from({ length: 2000 }, (_, i) => `Is dose ${i} safe?`);
  const turns = (text: string) => [{ role: 'user' as const, content: text }];
  const req = request({ seed: 's1' });

  it('depends only on seed and the normalised prompt text, so adding items never moves old ones', () => {
    const before = new Map(prompts.slice(0, 1000).map((text) => [text, assignSplit(turns(text), req)]));
    const after = new Map(prompts.map((text) => [text, assignSplit(turns(text), req)]));
    for (const [text, split] of before) expect(after.get(text)).toBe(split);
    expect(hashUnit('s1:user: is dose 0 safe?')).toBe(hashUnit(`s1:${promptKey(turns('  IS dose\n0   safe? '))}`));
  });

  it('puts the same question in one split whatever its case and spacing', () => {
    for (const text of prompts.slice(0, 200))
      expect(assignSplit(turns(`  ${text.toUpperCase().replace(/ /g, '\n\t')} `), req)).toBe(
        assignSplit(turns(text), req),
      );
  });

  it('matches the target fractions roughly and changes with the seed', () => {
    const splits = prompts.map((text) => assignSplit(turns(text), req));
    const train = splits.filter((s) => s === 'train').length / prompts.length;
    // 2000 draws at p = 0.8: sd = sqrt(0.8·0.2/2000) ≈ 0.009, so ±0.04 is over 4 sd.
    expect(Math.abs(train - 0.8)).toBeLessThan(0.04);
    const other = prompts.map((text) => assignSplit(turns(text), request({ seed: 's2' })));
    expect(other).not.toEqual(splits);
  });
});

describe('splits of an export', () => {
  it('never puts one prompt text in two splits, even under two item ids, and counts answer texts that cross', async () => {
    // 200 questions each imported twice under different ids and spacing; answers shared across questions in pairs.
    const items = Array.from({ length: 400 }, (_, i) => {
      const q = i % 200;
      return item(`i${String(i).padStart(4, '0')}`, [label('x', pairwise('r1', 'r2', { overall: { choice: 'a' } }))], {
        prompt: i < 200 ? `Question ${q}?` : ` question  ${q}? `,
        responses: [
          response('r1', { text: `answer for ${q}` }),
          response('r2', { text: `shared answer ${Math.floor(q / 2)}` }),
        ],
      });
    });
    const sink = memorySink();
    const stats = await exportSnapshot(streamOf(items), request({ split: '0.5,0.25,0.25' }), sink);
    const splitOf = new Map<string, Set<string>>();
    for (const split of ['train', 'validation', 'test']) {
      for (const line of sink.text(`${split}.jsonl`).split('\n').filter(Boolean)) {
        const key = JSON.parse(line).prompt.replace(/\s+/g, ' ').trim().toLowerCase();
        splitOf.set(key, new Set([...(splitOf.get(key) ?? []), split]));
      }
    }
    expect(splitOf.size).toBe(200);
    for (const splits of splitOf.values()) expect(splits.size).toBe(1);
    // "shared answer k" is used by questions 2k and 2k+1: it crosses splits exactly when those two do.
    let crossing = 0;
    for (let k = 0; k < 100; k++) {
      const key = (q: number) => [...(splitOf.get(`question ${q}?`) as Set<string>)][0];
      if (key(2 * k) !== key(2 * k + 1)) crossing++;
    }
    expect(crossing).toBeGreaterThan(0);
    expect(stats.answerTextsInSeveralSplits).toBe(crossing);
  });
});
