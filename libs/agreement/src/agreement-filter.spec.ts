import { describe, expect, it } from '@jest/globals';
import { normaliseFilter } from './agreement-filter.js';

describe('normaliseFilter', () => {
  it('drops blanks and canonicalises dates so equal filters share a cache key', () => {
    expect(normaliseFilter({ criterion: ' ', language: 'en', from: '2026-01-05' })).toEqual({
      criterion: null,
      language: 'en',
      specialty: null,
      from: '2026-01-05T00:00:00.000Z',
      to: null,
    });
  });

  it('refuses an unreadable date and an empty range, naming the field', () => {
    expect(() => normaliseFilter({ from: 'yesterday' })).toThrow(/filter\.from/);
    expect(() => normaliseFilter({ from: '2026-02-01', to: '2026-01-01' })).toThrow(/filter\.to/);
  });
});
