import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { assignSplit, hashUnit, splitOfUnit } from './split.js';
import { request } from './test-fixtures.js';

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
  const ids = Array.from({ length: 2000 }, (_, i) => `item-${i}`);
  const req = request({ seed: 's1' });

  it('depends only on seed and item id, so adding items never moves old ones', () => {
    const before = new Map(ids.slice(0, 1000).map((id) => [id, assignSplit({ id, language: 'en', specialty: null }, req)]));
    const after = new Map(ids.map((id) => [id, assignSplit({ id, language: 'en', specialty: null }, req)]));
    for (const [id, split] of before) expect(after.get(id)).toBe(split);
  });

  it('matches the target fractions roughly and changes with the seed', () => {
    const splits = ids.map((id) => assignSplit({ id, language: 'en', specialty: null }, req));
    const train = splits.filter((s) => s === 'train').length / ids.length;
    // 2000 draws at p = 0.8: sd = sqrt(0.8·0.2/2000) ≈ 0.009, so ±0.04 is over 4 sd.
    expect(Math.abs(train - 0.8)).toBeLessThan(0.04);
    const other = ids.map((id) => assignSplit({ id, language: 'en', specialty: null }, request({ seed: 's2' })));
    expect(other).not.toEqual(splits);
  });

  it('stratified: hashes within the stratum, stable under additions, each stratum near the target', () => {
    const stratified = request({ seed: 's1', stratify: ['language', 'specialty'] });
    const strata = ['en|cardiology', 'zh|心血管科'];
    for (const stratum of strata) {
      const [language, specialty] = stratum.split('|');
      const splits = ids.map((id) => assignSplit({ id, language, specialty }, stratified));
      const train = splits.filter((s) => s === 'train').length / ids.length;
      expect(Math.abs(train - 0.8)).toBeLessThan(0.04);
      const unit = hashUnit(`s1:${stratum}:${ids[0]}`);
      expect(splits[0]).toBe(splitOfUnit(unit, stratified.split));
    }
  });
});
