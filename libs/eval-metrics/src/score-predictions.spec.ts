import { describe, expect, it } from '@jest/globals';
import { NLTK_CORPUS_1, NLTK_CORPUS_2, type NltkCorpus } from './nltk-reference.fixture.js';
import { scorePredictions, scorePredictionsByLanguage, type PredictionItem } from './score-predictions.js';

const asItems = (corpus: NltkCorpus): PredictionItem[] =>
  corpus.items.map((entry, i) => ({
    id: `q${i}`,
    language: 'en',
    prediction: entry.prediction,
    references: entry.references,
  }));

describe('scorePredictions', () => {
  it.each([
    ['corpus 1 (no 4-gram match, empty hypotheses)', NLTK_CORPUS_1],
    ['corpus 2', NLTK_CORPUS_2],
  ])('equals nltk on %s', (_name, corpus) => {
    const scores = scorePredictions(asItems(corpus));
    const bleus = [scores.bleu1, scores.bleu2, scores.bleu3, scores.bleu4];
    // nltk returns ~1e-78 where an order has no match; we return exactly 0.
    bleus.forEach((bleu, i) => expect(Math.abs(bleu - corpus.bleu[i])).toBeLessThan(1e-12));
    expect(scores.gleu).toBeCloseTo(corpus.gleu, 12);
    expect(scores.sentenceBleu4).toBeCloseTo(corpus.sentenceBleu4, 12);
  });

  it('averages per-item ROUGE against the best reference', () => {
    // Item 1: "the cat sat on the mat" vs refs "the cat is on the mat" (R1 = 5/6) and "a dog" (0) → 5/6; R2 = 0.6; RL = 5/6.
    // Item 2: "每日两次" vs "每日两次" → all 1. Means: R1 = (5/6 + 1)/2 = 11/12, R2 = 0.8, RL = 11/12.
    const scores = scorePredictions([
      { id: 'a', language: 'en', prediction: 'the cat sat on the mat', references: ['a dog', 'the cat is on the mat'] },
      { id: 'b', language: 'zh', prediction: '每日两次', references: ['每日两次'] },
    ]);
    expect(scores.rouge1).toBeCloseTo(11 / 12, 12);
    expect(scores.rouge2).toBeCloseTo(0.8, 12);
    expect(scores.rougeL).toBeCloseTo(11 / 12, 12);
    expect(scores.items.map((i) => [i.id, i.predictionTokens])).toEqual([
      ['a', 6],
      ['b', 4],
    ]);
    expect(scores.items[1].gleu).toBe(1);
    const byLanguage = scorePredictionsByLanguage([
      { id: 'a', language: 'en', prediction: 'x', references: ['y'] },
      { id: 'b', language: 'zh', prediction: '每日', references: ['每日'] },
    ]);
    expect([...byLanguage.keys()]).toEqual(['en', 'zh']);
    expect(byLanguage.get('zh')?.bleu1).toBe(1);
    expect(byLanguage.get('en')?.bleu1).toBe(0);
  });

  it('rejects empty input, empty references and duplicate ids by field', () => {
    expect(() => scorePredictions([])).toThrow(/items/);
    expect(() => scorePredictions([{ id: 'a', language: 'en', prediction: 'x', references: [] }])).toThrow(
      /items\[0\]\.references/,
    );
    expect(() => scorePredictions([{ id: 'a', language: 'en', prediction: 'x', references: ['…'] }])).toThrow(
      /references\[0\]/,
    );
    const ok = { id: 'a', language: 'en', prediction: 'x', references: ['x'] };
    expect(() => scorePredictions([ok, ok])).toThrow(/items\[1\]\.id/);
  });
});
