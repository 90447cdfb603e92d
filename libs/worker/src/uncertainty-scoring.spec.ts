import { describe, expect, it } from '@jest/globals';
import { parseScoreLines, scoringItemsJsonLines } from './uncertainty-scoring.js';

describe('uncertainty scoring files', () => {
  it('writes one line per item, the prompt as chat messages when the item has them', () => {
    const text = scoringItemsJsonLines([
      { id: 'i1', prompt: 'Is it safe?', messages: null, responses: [{ id: 'r1', text: 'Yes' }] },
      {
        id: 'i2',
        prompt: null,
        messages: [{ role: 'user', content: 'Dose?' }],
        responses: [
          { id: 'r2', text: 'One' },
          { id: 'r3', text: 'Two' },
        ],
      },
    ]);
    expect(text.split('\n')).toEqual([
      '{"id":"i1","prompt":"Is it safe?","responses":[{"id":"r1","text":"Yes"}]}',
      '{"id":"i2","prompt":[{"role":"user","content":"Dose?"}],"responses":[{"id":"r2","text":"One"},{"id":"r3","text":"Two"}]}',
      '',
    ]);
  });

  it("reads the scorer's lines and refuses one without a finite score", () => {
    expect(parseScoreLines('{"id":"i1","rewards":{},"reward_gap":0.5,"score":-0.5}\n\n')).toEqual([
      { itemId: 'i1', score: -0.5, rewardGap: 0.5 },
    ]);
    expect(() => parseScoreLines('{"id":"i1","reward_gap":null,"score":1}')).toThrow(/line 1 lacks/);
  });
});
