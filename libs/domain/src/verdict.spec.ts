import { describe, expect, it } from '@jest/globals';
import { labelVerdict, matchesGold, verdictAgreement } from './verdict.js';

describe('labelVerdict', () => {
  it('resolves pairwise choices to response ids whichever side they were shown on', () => {
    const shownAB = { kind: 'pairwise' as const, a: 'r1', b: 'r2', judgements: { overall: { choice: 'a' as const } } };
    const shownBA = { kind: 'pairwise' as const, a: 'r2', b: 'r1', judgements: { overall: { choice: 'b' as const } } };
    expect(labelVerdict(shownAB)).toBe('r1');
    expect(labelVerdict(shownBA)).toBe('r1');
    expect(labelVerdict({ ...shownAB, judgements: { overall: { choice: 'both_bad' } } })).toBe('both_bad');
    expect(labelVerdict(shownAB, 'safety')).toBeNull();
  });

  it('takes the top of a ranking and the best rating, joining ties', () => {
    expect(labelVerdict({ kind: 'ranking', ranking: [['r3'], ['r1', 'r2']] })).toBe('r3');
    expect(labelVerdict({ kind: 'ranking', ranking: [['r3', 'r1'], ['r2']] })).toBe('r1=r3');
    expect(labelVerdict({ kind: 'rating', scores: { overall: { r1: 4, r2: 2, r3: 4 } } })).toBe('r1=r3');
  });

  it('checks gold and measures agreement', () => {
    expect(matchesGold({ kind: 'ranking', ranking: [['r2'], ['r1']] }, { criterion: 'overall', preferred: 'r2' })).toBe(
      true,
    );
    expect(verdictAgreement(['r1', 'r1', 'r2', null])).toEqual({ majority: 'r1', share: 2 / 3, disagree: true });
    expect(verdictAgreement(['tie', 'tie'])).toEqual({ majority: 'tie', share: 1, disagree: false });
    expect(verdictAgreement([])).toEqual({ majority: null, share: 0, disagree: false });
  });
});
