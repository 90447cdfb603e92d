import { describe, expect, it } from '@jest/globals';
import { flatOrder, isTiedWithAbove, moveOnto, moveStep, toggleTie } from './ranking-model.js';

describe('ranking model (best first, ties grouped)', () => {
  it('moves an untied answer by swapping it with the neighbouring group', () => {
    // [a] [b] [c]: b up → [b] [a] [c]; c down is already last → unchanged.
    expect(moveStep([['a'], ['b'], ['c']], 'b', -1)).toEqual([['b'], ['a'], ['c']]);
    expect(moveStep([['a'], ['b'], ['c']], 'c', 1)).toEqual([['a'], ['b'], ['c']]);
    // Swapping with a tied group moves past the whole group: [a] [b c] → a down → [b c] [a].
    expect(moveStep([['a'], ['b', 'c']], 'a', 1)).toEqual([['b', 'c'], ['a']]);
  });

  it('takes a tied answer out of its tie first, just above or below it', () => {
    expect(moveStep([['a', 'b'], ['c']], 'b', -1)).toEqual([['b'], ['a'], ['c']]);
    expect(moveStep([['a', 'b'], ['c']], 'a', 1)).toEqual([['b'], ['a'], ['c']]);
  });

  it('ties an answer with the one above, and unties it again', () => {
    const tied = toggleTie([['a'], ['b'], ['c']], 'c');
    expect(tied).toEqual([['a'], ['b', 'c']]);
    expect(isTiedWithAbove(tied, 'c')).toBe(true);
    expect(isTiedWithAbove(tied, 'b')).toBe(false);
    expect(toggleTie(tied, 'c')).toEqual([['a'], ['b'], ['c']]);
    // The best answer has nothing above it to tie with.
    expect(toggleTie([['a'], ['b']], 'a')).toEqual([['a'], ['b']]);
  });

  it('drops a dragged answer as its own group at the target place', () => {
    // Dragging c onto a (upwards) puts c before a's group; dragging a onto c (downwards) puts a after c's group.
    expect(moveOnto([['a'], ['b'], ['c']], 'c', 'a')).toEqual([['c'], ['a'], ['b']]);
    expect(moveOnto([['a'], ['b', 'c']], 'a', 'c')).toEqual([['b', 'c'], ['a']]);
    expect(flatOrder([['b', 'c'], ['a']])).toEqual(['b', 'c', 'a']);
  });
});
