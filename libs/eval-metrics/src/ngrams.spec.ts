import { describe, expect, it } from '@jest/globals';
import { createRng } from '@clinrank/statistics';
import { modifiedPrecision } from './bleu.js';
import { gleuStatistics } from './gleu.js';
import { NgramMatcher } from './ngrams.js';
import { longestCommonSubsequence, rougeLF1, rougeNF1 } from './rouge.js';

// Straightforward references: n-grams as joined strings in Maps, LCS by the full dynamic programme.
function counts(tokens: readonly string[], n: number): Map<string, number> {
  const result = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join('\u0001');
    result.set(key, (result.get(key) ?? 0) + 1);
  }
  return result;
}

function overlap(a: readonly string[], b: readonly string[], n: number): number {
  const bCounts = counts(b, n);
  let total = 0;
  for (const [key, count] of counts(a, n)) total += Math.min(count, bCounts.get(key) ?? 0);
  return total;
}

function clipped(hypothesis: readonly string[], references: readonly (readonly string[])[], n: number): number {
  const referenceCounts = references.map((reference) => counts(reference, n));
  let total = 0;
  for (const [key, count] of counts(hypothesis, n))
    total += Math.min(count, Math.max(0, ...referenceCounts.map((c) => c.get(key) ?? 0)));
  return total;
}

function lcsByTable(a: readonly string[], b: readonly string[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++)
      table[i][j] = a[i - 1] === b[j - 1] ? table[i - 1][j - 1] + 1 : Math.max(table[i - 1][j], table[i][j - 1]);
  }
  return table[a.length][b.length];
}

// Latin, Chinese, Arabic, accented and astral-plane tokens; a small alphabet so that n-grams repeat and match.
const ALPHABET = [
  'the',
  'a',
  'of',
  '阿',
  '司',
  '匹',
  '林',
  '每',
  '日',
  'احمد',
  'ذهب',
  'café',
  '100mg',
  '𠀋',
  '😀',
  'x',
];

function randomSequence(random: () => number, maxLength: number, alphabetSize = ALPHABET.length): string[] {
  // A quarter of the sequences are empty or a single token; the rest have random lengths up to maxLength.
  const shape = random();
  const length = shape < 0.15 ? 0 : shape < 0.25 ? 1 : Math.floor(random() * (maxLength + 1));
  return Array.from({ length }, () => ALPHABET[Math.floor(random() * alphabetSize)]);
}

describe('NgramMatcher against joined-string n-grams and the LCS table', () => {
  it('agrees on random items, one matcher reused across all of them', () => {
    const random = createRng(16);
    const matcher = new NgramMatcher(4);
    for (let trial = 0; trial < 400; trial++) {
      // Lengths around the 32-bit word boundaries and well past them; small alphabets make long repeated runs.
      const maxLength = [5, 31, 33, 64, 65, 200][trial % 6];
      const alphabetSize = 1 + Math.floor(random() * ALPHABET.length);
      const hypothesis = randomSequence(random, maxLength, alphabetSize);
      const references = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
        randomSequence(random, maxLength, alphabetSize),
      );
      matcher.match(hypothesis, references, true);
      expect(matcher.hypothesisLength).toBe(hypothesis.length);
      expect(matcher.referenceLengths).toEqual(references.map((reference) => reference.length));
      for (let n = 1; n <= 4; n++) {
        expect(matcher.clipped[n - 1]).toBe(clipped(hypothesis, references, n));
        references.forEach((reference, r) => expect(matcher.overlap(r, n)).toBe(overlap(hypothesis, reference, n)));
      }
      references.forEach((reference, r) => expect(matcher.lcs(r)).toBe(lcsByTable(hypothesis, reference)));
    }
  });

  it('computes the LCS of long sequences, with dense masks and with masks built from position lists', () => {
    const random = createRng(61);
    const long = (length: number, alphabetSize: number) =>
      Array.from({ length }, () => `t${Math.floor(random() * alphabetSize)}`);
    const [a, b] = [long(1500, 40), long(1200, 40)];
    expect(longestCommonSubsequence(a, b)).toBe(lcsByTable(a, b));
    expect(longestCommonSubsequence(b, a)).toBe(lcsByTable(a, b));
    // 12,000 distinct tokens × 375 words exceed the dense budget, so each symbol's mask is built on the fly.
    const distinct = Array.from({ length: 12_000 }, (_, i) => `w${i}`);
    const shuffled = Array.from({ length: 400 }, () => distinct[Math.floor(random() * distinct.length)]);
    expect(longestCommonSubsequence(distinct, shuffled)).toBe(lcsByTable(distinct, shuffled));
    expect(longestCommonSubsequence(distinct, [...distinct].reverse())).toBe(1);
    expect(longestCommonSubsequence(distinct, distinct)).toBe(12_000);
  });

  it('matches the reference through the public metric functions, empty sequences included', () => {
    const random = createRng(3);
    for (let trial = 0; trial < 200; trial++) {
      const hypothesis = randomSequence(random, 70);
      const reference = randomSequence(random, 70);
      const sizes = (n: number) => Math.max(0, hypothesis.length - n + 1) + Math.max(0, reference.length - n + 1);
      for (const n of [1, 2, 3])
        expect(rougeNF1(hypothesis, reference, n)).toBe(
          sizes(n) === 0 ? 0 : (2 * overlap(hypothesis, reference, n)) / sizes(n),
        );
      const lengths = hypothesis.length + reference.length;
      expect(rougeLF1(hypothesis, reference)).toBe(
        lengths === 0 ? 0 : (2 * lcsByTable(hypothesis, reference)) / lengths,
      );
      expect(modifiedPrecision({ hypothesis, references: [reference, hypothesis.slice(1)] }, 2)).toEqual({
        numerator: clipped(hypothesis, [reference, hypothesis.slice(1)], 2),
        denominator: Math.max(1, hypothesis.length - 1),
      });
      const everygrams = (tokens: readonly string[]) =>
        [1, 2, 3, 4].reduce((sum, n) => sum + Math.max(0, tokens.length - n + 1), 0);
      const total = Math.max(everygrams(hypothesis), everygrams(reference));
      const matches = [1, 2, 3, 4].reduce((sum, n) => sum + overlap(hypothesis, reference, n), 0);
      expect(gleuStatistics({ hypothesis, references: [reference] })).toEqual(total === 0 ? null : { matches, total });
    }
  });
});
