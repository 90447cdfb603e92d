import { describe, expect, it } from '@jest/globals';
import {
  bertScoreInputJsonl,
  bertScoreLanguages,
  bertScoreRows,
  parseBertScorePredictions,
} from './bertscore-input.js';

describe('BERTScore job input and results', () => {
  it('writes one trainer line per answer with references, skipping unscorable ones', () => {
    const jsonl = bertScoreInputJsonl([
      { model: 'base', responseId: 'r1', language: 'ar', text: 'اشرب الماء', references: ['اشرب الماء كثيرا'] },
      { model: 'tuned', responseId: 'r2', language: 'en', text: 'rest', references: [] },
    ]);
    expect(jsonl.split('\n')).toEqual([
      JSON.stringify({
        id: 'r1',
        model: 'base',
        language: 'ar',
        prediction: 'اشرب الماء',
        references: ['اشرب الماء كثيرا'],
      }),
      '',
    ]);
  });

  it('reads per-model means from metrics.json in model order and drops malformed entries', () => {
    const metrics = {
      idf: false,
      models: {
        tuned: { precision: 0.9, recall: 0.8, f1: 0.85, n: 2 },
        base: { precision: 0.7, recall: 0.6, f1: 0.65, n: 3 },
        broken: { precision: null, recall: 1, f1: 1, n: 1 },
      },
    };
    expect(bertScoreRows(metrics)).toEqual([
      { model: 'base', precision: 0.7, recall: 0.6, f1: 0.65, answers: 3 },
      { model: 'tuned', precision: 0.9, recall: 0.8, f1: 0.85, answers: 2 },
    ]);
    expect(bertScoreRows(null)).toEqual([]);
    expect(bertScoreRows({ models: [] })).toEqual([]);
  });

  it('reads one language of by_language and lists the languages that have rows, sorted', () => {
    const base = { precision: 0.7, recall: 0.6, f1: 0.65, n: 1 };
    const metrics = {
      models: { base: { ...base, n: 3 } },
      by_language: { en: { base: { ...base, n: 2 } }, ar: { base }, fr: { base: { ...base, n: null } } },
    };
    expect(bertScoreRows(metrics, 'ar')).toEqual([
      { model: 'base', precision: 0.7, recall: 0.6, f1: 0.65, answers: 1 },
    ]);
    expect(bertScoreRows(metrics)).toEqual([{ model: 'base', precision: 0.7, recall: 0.6, f1: 0.65, answers: 3 }]);
    expect(bertScoreRows(metrics, 'de')).toEqual([]);
    expect(bertScoreLanguages(metrics)).toEqual(['ar', 'en']);
  });

  it('has no languages for a run written before the per-language breakdown', () => {
    const metrics = { models: { base: { precision: 0.7, recall: 0.6, f1: 0.65, n: 3 } } };
    expect(bertScoreLanguages(metrics)).toEqual([]);
    expect(bertScoreRows(metrics, 'ar')).toEqual([]);
    expect(bertScoreLanguages(null)).toEqual([]);
  });

  it('turns a predictions file into trainer input, defaulting the model and the language', () => {
    const text = [
      JSON.stringify({ id: 1, prediction: 'rest', references: ['rest well'] }),
      '',
      JSON.stringify({ id: 1, model: 'tuned', language: 'ar', prediction: 'نم', references: ['نم جيدا'], extra: true }),
    ].join('\n');
    const parsed = parseBertScorePredictions(text);
    expect(parsed).toMatchObject({ items: 2, problems: [] });
    expect(
      parsed.jsonl
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([
      { id: '1', model: 'predictions', language: 'und', prediction: 'rest', references: ['rest well'] },
      { id: '1', model: 'tuned', language: 'ar', prediction: 'نم', references: ['نم جيدا'] },
    ]);
  });

  it('reports every bad line with its number and scores nothing', () => {
    const good = { id: 'a', model: 'm', prediction: 'x', references: ['y'] };
    const text = [
      JSON.stringify(good),
      '{oops',
      JSON.stringify({ ...good, model: '' }),
      JSON.stringify(good),
      JSON.stringify({ ...good, references: [] }),
    ].join('\n');
    const parsed = parseBertScorePredictions(text);
    expect(parsed.jsonl).toBe('');
    expect(parsed.problems.map((problem) => problem.line)).toEqual([2, 3, 4, 5]);
    expect(parsed.problems[1].message).toBe('"model" must be a non-empty string when given');
    expect(parsed.problems[2].message).toBe('id "a" of model "m" already used on line 1');
    expect(parsed.problems[3].message).toMatch(/"references" must be a non-empty list/);
  });
});
