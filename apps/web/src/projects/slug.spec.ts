import { describe, expect, it } from '@jest/globals';
import { slugFromName } from './slug.js';

describe('slugFromName', () => {
  it('lowercases, drops accents and joins words with single dashes', () => {
    expect(slugFromName('Cardiology answers 2026')).toBe('cardiology-answers-2026');
    expect(slugFromName('  Réponses — Pédiatrie !! ')).toBe('reponses-pediatrie');
  });

  it('gives an empty slug for a name without Latin letters or digits, and stays within 63 characters', () => {
    expect(slugFromName('أسئلة المرضى')).toBe('');
    expect(slugFromName('a'.repeat(80))).toHaveLength(63);
  });
});
