import { describe, expect, it } from '@jest/globals';
import { longestCommonSubsequence, rougeLF1, rougeNF1 } from './rouge.js';
import { tokenize } from './tokenize.js';

describe('ROUGE', () => {
  const hyp = tokenize('the cat sat on the mat');
  const ref = tokenize('the cat is on the mat');

  it('computes ROUGE-1, ROUGE-2 and ROUGE-L F1 by hand', () => {
    // unigram overlap 5 (the×2, cat, on, mat) → 2·5/(6+6) = 0.833…; bigram overlap 3 of 5 and 5 → 2·3/10 = 0.6
    // LCS "the cat on the mat" = 5 → 2·5/12
    expect(rougeNF1(hyp, ref, 1)).toBeCloseTo(5 / 6, 12);
    expect(rougeNF1(hyp, ref, 2)).toBeCloseTo(0.6, 12);
    expect(longestCommonSubsequence(hyp, ref)).toBe(5);
    expect(rougeLF1(hyp, ref)).toBeCloseTo(5 / 6, 12);
  });

  it('distinguishes order through ROUGE-L in Chinese', () => {
    // 阿 司 匹 林 100mg 每 日 vs 每 日 阿 司 匹 林 100mg: ROUGE-1 = 1; bigrams match 5 of 6 and 6 → 10/12;
    // LCS = 阿司匹林100mg (5) → 2·5/14 = 0.7142857
    const a = tokenize('阿司匹林100mg每日');
    const b = tokenize('每日阿司匹林100mg');
    expect(rougeNF1(a, b, 1)).toBe(1);
    expect(rougeNF1(a, b, 2)).toBeCloseTo(10 / 12, 12);
    expect(rougeLF1(a, b)).toBeCloseTo(10 / 14, 12);
  });

  it('handles an Arabic pair after normalisation', () => {
    // 4 hyp tokens all in the 5-token ref: ROUGE-1 = 2·4/9; bigrams 3 of 3 and 4 → 6/7; LCS 4 → 8/9
    const a = tokenize('أَحْمَد ذهب إلى المستشفى');
    const b = tokenize('احمـد ذهب الى المستشفي اليوم');
    expect(rougeNF1(a, b, 1)).toBeCloseTo(8 / 9, 12);
    expect(rougeNF1(a, b, 2)).toBeCloseTo(6 / 7, 12);
    expect(rougeLF1(a, b)).toBeCloseTo(8 / 9, 12);
  });

  it('is 0 for empty inputs and for no overlap', () => {
    expect(rougeNF1([], [], 1)).toBe(0);
    expect(rougeLF1([], ['a'])).toBe(0);
    expect(rougeNF1(['a'], ['b'], 1)).toBe(0);
  });
});
