import { describe, expect, it } from '@jest/globals';
import { isProjectSlug, isUuid } from './identifiers.js';

describe('isUuid', () => {
  it('accepts canonical UUIDs in either case', () => {
    expect(isUuid('3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toBe(true);
    expect(isUuid('3F2504E0-4F89-11D3-9A0C-0305E82C3301')).toBe(true);
  });

  it('rejects slugs, 36 dashes-and-hex that are not a UUID, and padded values', () => {
    expect(isUuid('demo-pairwise')).toBe(false);
    expect(isUuid('3f2504e0-4f89-11d3-9a0c-0305e82c330')).toBe(false);
    expect(isUuid('------------------------------------')).toBe(false);
    expect(isUuid('3f2504e04f8911d39a0c0305e82c3301abcd')).toBe(false);
    expect(isUuid(' 3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toBe(false);
  });
});

describe('isProjectSlug', () => {
  it('accepts lowercase words with digits and dashes, up to 63 characters', () => {
    expect(isProjectSlug('demo-pairwise')).toBe(true);
    expect(isProjectSlug('a'.repeat(63))).toBe(true);
  });

  it('rejects upper case, a leading dash, other characters and overlong slugs', () => {
    expect(isProjectSlug('Demo')).toBe(false);
    expect(isProjectSlug('-demo')).toBe(false);
    expect(isProjectSlug('demo_pairwise')).toBe(false);
    expect(isProjectSlug('a'.repeat(64))).toBe(false);
    expect(isProjectSlug('')).toBe(false);
  });
});
