import { describe, expect, it } from '@jest/globals';
import { cursorAfterChoice, cursorAfterStrength, type CriteriaCursor } from './pairwise-keys.js';

const ROWS = 4;

/** Replays keys ('1'–'4', 'Q', 'W') from the first row and returns which row each key acted on. */
function replay(keys: string[]): { acted: number[]; cursor: CriteriaCursor } {
  let cursor: CriteriaCursor = { row: 0, awaitingStrength: false };
  const acted: number[] = [];
  for (const key of keys) {
    const step =
      key === 'Q' || key === 'W' ? cursorAfterStrength(cursor, ROWS) : cursorAfterChoice(cursor, ROWS, Number(key) - 1);
    acted.push(step.answered);
    cursor = step.next;
  }
  return { acted, cursor };
}

describe('pairwise criteria cursor', () => {
  it('puts the strength on the row just answered, then moves on', () => {
    expect(replay(['2', 'W'])).toEqual({ acted: [0, 0], cursor: { row: 1, awaitingStrength: false } });
  });

  it('moves on with the next digit when no strength is given', () => {
    expect(replay(['1', '1', '3', '2']).acted).toEqual([0, 1, 2, 3]);
    expect(replay(['1', 'Q', '2', 'W', '3', '4']).acted).toEqual([0, 0, 1, 1, 2, 3]);
  });

  it('moves on at once after tie or both bad, which take no strength', () => {
    expect(replay(['3'])).toEqual({ acted: [0], cursor: { row: 1, awaitingStrength: false } });
    expect(replay(['4', 'Q']).acted).toEqual([0, 1]);
  });

  it('stays on the last row', () => {
    expect(replay(['1', '1', '1', '1', 'W'])).toEqual({
      acted: [0, 1, 2, 3, 3],
      cursor: { row: 3, awaitingStrength: false },
    });
    expect(replay(['1', '1', '1', '1', '2']).acted).toEqual([0, 1, 2, 3, 3]);
  });
});
