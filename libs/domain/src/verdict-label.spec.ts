import { describe, expect, it } from '@jest/globals';
import { firstWords, verdictLabel } from './verdict-label.js';

const responses = [
  { id: '0b7c…-first', text: 'Stop **ibuprofen** and call your doctor today if the bleeding continues.' },
  { id: '9f1e…-second', text: 'Yes.' },
  { id: '41aa…-third', text: 'It depends on the dose.' },
];

describe('verdictLabel', () => {
  it("names a single response by its letter in the item's order, with its first words", () => {
    expect(verdictLabel('0b7c…-first', responses)).toEqual({
      label: 'A',
      excerpt: 'Stop ibuprofen and call your doctor today if…',
    });
    expect(verdictLabel('9f1e…-second', responses)).toEqual({ label: 'B', excerpt: 'Yes.' });
  });

  it('names responses tied at the top by their letters in order, and passes tie and both_bad through', () => {
    expect(verdictLabel('41aa…-third=0b7c…-first', responses)).toEqual({ label: 'A = C', excerpt: null });
    expect(verdictLabel('tie', responses)).toEqual({ label: 'tie', excerpt: null });
    expect(verdictLabel('both_bad', responses)).toEqual({ label: 'both_bad', excerpt: null });
    expect(verdictLabel(null, responses)).toBeNull();
  });

  it('cuts long answers to their first words', () => {
    expect(firstWords('one two  three\nfour', 3)).toBe('one two three…');
  });
});
