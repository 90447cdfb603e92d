import { describe, expect, it } from '@jest/globals';
import { DomainError } from './errors.js';
import { normaliseFlags, pairKey, validateLabelContent, type LabelRules } from './label-validation.js';

const pairwise: LabelRules = {
  kind: 'pairwise',
  criteria: ['accuracy', 'safety'],
  scale: { min: 1, max: 5 },
  allowTies: false,
};
const fullJudgements = {
  accuracy: { choice: 'a', strength: 'much' },
  safety: { choice: 'tie' },
  overall: { choice: 'a' },
};

function fieldOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error.field;
    throw error;
  }
  return undefined;
}

describe('validateLabelContent', () => {
  it('stores pairwise choices against the response ids that were shown as A and B', () => {
    const content = validateLabelContent({ judgements: fullJudgements }, pairwise, ['r-left', 'r-right']);
    expect(content).toEqual({
      kind: 'pairwise',
      a: 'r-left',
      b: 'r-right',
      judgements: {
        accuracy: { choice: 'a', strength: 'much' },
        safety: { choice: 'tie', strength: null },
        overall: { choice: 'a', strength: null },
      },
    });
  });

  it('names the missing criterion, a bad choice and a strength on a tie', () => {
    expect(() => validateLabelContent({ judgements: { accuracy: { choice: 'a' } } }, pairwise, ['x', 'y'])).toThrow(
      /missing a choice for: safety, overall/,
    );
    expect(
      fieldOf(() =>
        validateLabelContent({ judgements: { ...fullJudgements, safety: { choice: 'c' } } }, pairwise, ['x', 'y']),
      ),
    ).toBe('judgements.safety.choice');
    expect(() =>
      validateLabelContent(
        { judgements: { ...fullJudgements, safety: { choice: 'tie', strength: 'much' } } },
        pairwise,
        ['x', 'y'],
      ),
    ).toThrow(/cannot have a strength/);
  });

  it('accepts a full ranking and refuses ties unless the project allows them', () => {
    const rules: LabelRules = { ...pairwise, kind: 'ranking' };
    expect(validateLabelContent({ ranking: ['c', 'a', 'b'] }, rules, ['a', 'b', 'c'])).toEqual({
      kind: 'ranking',
      ranking: [['c'], ['a'], ['b']],
    });
    expect(() => validateLabelContent({ ranking: [['c', 'a'], 'b'] }, rules, ['a', 'b', 'c'])).toThrow(
      /does not allow ties/,
    );
    expect(
      validateLabelContent({ ranking: [['c', 'a'], 'b'] }, { ...rules, allowTies: true }, ['a', 'b', 'c']),
    ).toEqual({ kind: 'ranking', ranking: [['c', 'a'], ['b']] });
    expect(() => validateLabelContent({ ranking: ['a', 'b'] }, rules, ['a', 'b', 'c'])).toThrow(/exactly the 3 shown/);
    expect(() => validateLabelContent({ ranking: ['a', 'a', 'b'] }, rules, ['a', 'b', 'c'])).toThrow(/appears twice/);
  });

  it('checks rating scores against the scale for every criterion and shown response', () => {
    const rules: LabelRules = { ...pairwise, kind: 'rating', scale: { min: 1, max: 4 } };
    const scores = { accuracy: { r1: 4, r2: 1 }, safety: { r1: 3, r2: 2 } };
    expect(validateLabelContent({ scores }, rules, ['r1', 'r2'])).toEqual({ kind: 'rating', scores });
    expect(() =>
      validateLabelContent({ scores: { ...scores, safety: { r1: 5, r2: 2 } } }, rules, ['r1', 'r2']),
    ).toThrow(/from 1 to 4/);
    expect(() => validateLabelContent({ scores: { accuracy: scores.accuracy } }, rules, ['r1', 'r2'])).toThrow(
      /missing scores for "safety"/,
    );
  });

  it('requires corrected text for a validation fix', () => {
    const rules: LabelRules = { ...pairwise, kind: 'validation' };
    expect(() => validateLabelContent({ verdict: 'fix' }, rules, ['r1'])).toThrow(/corrected text/);
    expect(validateLabelContent({ verdict: 'fix', fixedText: ' better ' }, rules, ['r1'])).toMatchObject({
      verdict: 'fix',
      fixedText: 'better',
    });
  });

  it('refuses content of another task kind', () => {
    expect(() => validateLabelContent({ kind: 'ranking', ranking: [] }, pairwise, ['a', 'b'])).toThrow(
      /pairwise project/,
    );
  });
});

describe('normaliseFlags and pairKey', () => {
  it('dedupes flags in canonical order and refuses unknown ones', () => {
    expect(normaliseFlags(['wrong_language', 'unsafe', 'unsafe'])).toEqual(['unsafe', 'wrong_language']);
    expect(() => normaliseFlags(['dangerous'])).toThrow(/unknown flags: dangerous/);
  });

  it('keys a pair independently of display order', () => {
    expect(pairKey('pairwise', ['b', 'a'])).toBe('a|b');
    expect(pairKey('ranking', ['b', 'a'])).toBe('');
  });
});
