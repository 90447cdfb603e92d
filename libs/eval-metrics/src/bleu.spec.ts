import { describe, expect, it } from '@jest/globals';
import {
  brevityPenalty,
  closestReferenceLength,
  corpusBleu,
  smoothedSentenceBleu,
  type TokenizedItem,
} from './bleu.js';
import { corpusGleu } from './gleu.js';
import { tokenize } from './tokenize.js';

const item = (hypothesis: string, ...references: string[]): TokenizedItem => ({
  hypothesis: tokenize(hypothesis),
  references: references.map(tokenize),
});
const bleuAll = (items: TokenizedItem[]) => [1, 2, 3, 4].map((n) => corpusBleu(items, n));

describe('corpus BLEU (nltk corpus_bleu)', () => {
  it('computes the classic cat example by hand', () => {
    // hyp "the cat sat on the mat", ref "the cat is on the mat" (both 6 tokens → BP = 1)
    // p1 = 5/6 (sat unmatched), p2 = 3/5 (the cat, on the, the mat), p3 = 1/4 (on the mat), p4 = 0/3
    // BLEU-1 = 5/6; BLEU-2 = √(5/6·3/5) = √½; BLEU-3 = ∛(5/6·3/5·1/4) = ∛⅛ = ½; BLEU-4 = 0 (no 4-gram match)
    // nltk 3.10.3 gives 0.8333333, 0.7071068, 0.5, 7.3e-78.
    const [b1, b2, b3, b4] = bleuAll([item('the cat sat on the mat', 'the cat is on the mat')]);
    expect(b1).toBeCloseTo(5 / 6, 12);
    expect(b2).toBeCloseTo(Math.SQRT1_2, 12);
    expect(b3).toBeCloseTo(0.5, 12);
    expect(b4).toBe(0);
  });

  it('applies the brevity penalty', () => {
    // hyp "the cat" (c = 2) vs ref of r = 6: BP = exp(1 − 6/2) = e⁻² = 0.1353353; p1 = p2 = 1 → BLEU-1 = BLEU-2 = e⁻²
    // (nltk: 0.1353352832366127 for both). Trigram: the hypothesis has none, numerator 0 → BLEU-3 = 0.
    const [b1, b2, b3] = bleuAll([item('the cat', 'the cat sat on the mat')]);
    expect(b1).toBeCloseTo(Math.exp(-2), 12);
    expect(b2).toBeCloseTo(Math.exp(-2), 12);
    expect(b3).toBe(0);
    expect(brevityPenalty(6, 0)).toBe(0);
    expect(brevityPenalty(6, 7)).toBe(1);
  });

  it('uses the closest reference length, ties going to the shorter one, and clips by the best reference', () => {
    // hyp length 5, refs of 4 and 6: both 1 away, the shorter (4) is used → c > r → BP = 1, all precisions 1.
    // Had the tie gone to 6, BP would be exp(1 − 6/5) = 0.8187.
    expect(closestReferenceLength([[...'abcd'], [...'abcdef']], 5)).toBe(4);
    expect(bleuAll([item('a b c d e', 'a b c d', 'a b c d e f')])).toEqual([1, 1, 1, 1]);
    // "the" ×4 in the hypothesis; the most any reference has is 2 → p1 = 2/4. Reference lengths 2 and 3, c = 4 → BP 1.
    expect(corpusBleu([item('the the the the', 'the cat', 'the the dog')], 1)).toBeCloseTo(0.5, 12);
  });

  it('pools counts over the corpus rather than averaging items', () => {
    // item 1: p1 = 2/2; item 2: p1 = 1/4 → corpus p1 = 3/6 = 0.5 (the item mean would be 0.625); lengths 6 vs 6 → BP 1.
    expect(corpusBleu([item('a b', 'a b'), item('c d e f', 'c x y z')], 1)).toBeCloseTo(0.5, 12);
  });

  it('scores a Chinese pair by character', () => {
    // hyp 阿 司 匹 林 100mg 每 日, ref 每 日 阿 司 匹 林 100mg (7 tokens each, BP 1)
    // p1 = 7/7; p2 = 5/6 (阿司 司匹 匹林 林100mg 每日); p3 = 3/5 (阿司匹 司匹林 匹林100mg); p4 = 2/4 (阿司匹林 司匹林100mg)
    // BLEU-2 = √(5/6) = 0.9128709; BLEU-3 = ∛(1·5/6·3/5) = ∛½ = 0.7937005; BLEU-4 = ∜(½·½) = 0.7071068 (nltk agrees)
    const [b1, b2, b3, b4] = bleuAll([item('阿司匹林100mg每日', '每日阿司匹林100mg')]);
    expect(b1).toBeCloseTo(1, 12);
    expect(b2).toBeCloseTo(Math.sqrt(5 / 6), 12);
    expect(b3).toBeCloseTo(Math.cbrt(0.5), 12);
    expect(b4).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('scores an Arabic pair after normalisation', () => {
    // hyp → احمد ذهب الي المستشفي (4), ref "احمـد ذهب الى المستشفي اليوم" → 5 tokens; all hyp n-grams match,
    // so every precision is 1 and BLEU-n = BP = exp(1 − 5/4) = 0.7788008 for n = 1..4 (nltk: 0.7788007830714049).
    const scores = bleuAll([item('أَحْمَد ذهب إلى المستشفى', 'احمـد ذهب الى المستشفي اليوم')]);
    for (const score of scores) expect(score).toBeCloseTo(Math.exp(-0.25), 12);
  });
});

describe('smoothed sentence BLEU (nltk method1, epsilon 0.1)', () => {
  it('replaces a zero match count by 0.1', () => {
    // cat example: p4 = 0.1/3 → (5/6 · 3/5 · 1/4 · 0.1/3)^¼ = (1/240)^¼ = 0.2540664 (nltk: 0.25406637407730737)
    expect(smoothedSentenceBleu(item('the cat sat on the mat', 'the cat is on the mat'), 4)).toBeCloseTo(
      0.25406637407730737,
      12,
    );
    // "the cat": p3 = p4 = 0.1/1 → (1·1·0.1·0.1)^¼ · e⁻² = 0.3162278 · 0.1353353 = 0.0427968 (nltk: 0.04279677428117006)
    expect(smoothedSentenceBleu(item('the cat', 'the cat sat on the mat'), 4)).toBeCloseTo(0.04279677428117006, 12);
  });

  it('is 0 without any unigram match, as nltk', () => {
    expect(smoothedSentenceBleu(item('x y', 'a b'), 4)).toBe(0);
    expect(smoothedSentenceBleu(item('', 'a b'), 4)).toBe(0);
  });
});

describe('corpus GLEU (nltk corpus_gleu)', () => {
  it('divides matching 1-4-grams by the larger n-gram total', () => {
    // cat example: hyp 6+5+4+3 = 18 n-grams, ref 18; matches 5+3+1+0 = 9 → 9/18 = 0.5
    expect(corpusGleu([item('the cat sat on the mat', 'the cat is on the mat')])).toBeCloseTo(0.5, 12);
    // "the cat": hyp 2+1 = 3, ref 6+5+4+3 = 18, matches 3 → 3/18 (nltk: 0.16666666666666666)
    expect(corpusGleu([item('the cat', 'the cat sat on the mat')])).toBeCloseTo(1 / 6, 12);
  });

  it('pools items and picks, per item, the reference with the best ratio', () => {
    // Item 1 "a b" vs refs "a x" (matches 1 [a] of max(3, 3) = 1/3) and "a b" (3/3): the second is chosen → 3, 3.
    // Item 2 "c" vs "c d e": matches 1 of max(1, 6) → 1, 6. Corpus: (3 + 1)/(3 + 6) = 4/9.
    expect(corpusGleu([item('a b', 'a x', 'a b'), item('c', 'c d e')])).toBeCloseTo(4 / 9, 12);
  });

  it('handles Chinese and Arabic', () => {
    // Chinese: hyp 7+6+5+4 = 22 n-grams, ref 22, matches 7+5+3+2 = 17 → 17/22 (nltk: 0.7727272727272727)
    expect(corpusGleu([item('阿司匹林100mg每日', '每日阿司匹林100mg')])).toBeCloseTo(17 / 22, 12);
    // Arabic: hyp 4+3+2+1 = 10, ref 5+4+3+2 = 14, all 10 hyp n-grams match → 10/14 (nltk: 0.7142857142857143)
    expect(corpusGleu([item('أَحْمَد ذهب إلى المستشفى', 'احمـد ذهب الى المستشفي اليوم')])).toBeCloseTo(10 / 14, 12);
  });
});
