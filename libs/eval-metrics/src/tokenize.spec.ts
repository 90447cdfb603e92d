import { describe, expect, it } from '@jest/globals';
import { normaliseArabic, tokenize } from './tokenize.js';

describe('tokenize', () => {
  it('splits Chinese by character and keeps Latin/digit runs whole', () => {
    expect(tokenize('阿司匹林100mg')).toEqual(['阿', '司', '匹', '林', '100mg']);
    expect(tokenize('每日两次，饭后服用。')).toEqual(['每', '日', '两', '次', '饭', '后', '服', '用']);
  });

  it('gives each kana its own token', () => {
    // ひらがな and カタカナ characters are single tokens; the Latin run stays together.
    expect(tokenize('くすりをDrug飲む')).toEqual(['く', 'す', 'り', 'を', 'drug', '飲', 'む']);
  });

  it('lowercases and drops punctuation, keeping accented letters inside words', () => {
    expect(tokenize("Take 2 tablets (500-mg) daily; don't stop!")).toEqual([
      'take',
      '2',
      'tablets',
      '500',
      'mg',
      'daily',
      'don',
      't',
      'stop',
    ]);
    expect(tokenize('Fièvre ÉLEVÉE')).toEqual(['fièvre', 'élevée']);
    expect(tokenize(' \t…—')).toEqual([]);
  });

  it('normalises Arabic diacritics, tatweel, alef forms and alef maqsura', () => {
    // أَحْمَد: أ → ا, fatha/sukun/fatha removed → احمد; إلى → الي; مستشفـى: tatweel removed, ى → ي.
    expect(normaliseArabic('أَحْمَد')).toBe('احمد');
    expect(tokenize('أَحْمَد ذهب إلى المستشفـى')).toEqual(['احمد', 'ذهب', 'الي', 'المستشفي']);
    expect(tokenize('آمن ٱلله')).toEqual(['امن', 'الله']);
  });
});
