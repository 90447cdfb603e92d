import { describe, expect, it } from '@jest/globals';
import { signedStrength } from './labels.js';
import { parseScale } from './project.js';

describe('signedStrength', () => {
  it('maps choices onto the much A … tie … much B scale', () => {
    expect(signedStrength({ choice: 'a', strength: 'much' })).toBe(-2);
    expect(signedStrength({ choice: 'a' })).toBe(-1);
    expect(signedStrength({ choice: 'tie' })).toBe(0);
    expect(signedStrength({ choice: 'b', strength: 'slightly' })).toBe(1);
    expect(signedStrength({ choice: 'b', strength: 'much' })).toBe(2);
    expect(signedStrength({ choice: 'both_bad' })).toBeNull();
  });
});

describe('parseScale', () => {
  it('reads min-max and refuses nonsense', () => {
    expect(parseScale('1-4')).toEqual({ min: 1, max: 4 });
    expect(() => parseScale('5-1')).toThrow(/exceed/);
    expect(() => parseScale('abc')).toThrow(/look like/);
  });
});
