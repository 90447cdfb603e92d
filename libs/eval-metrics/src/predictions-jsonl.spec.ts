import { describe, expect, it } from '@jest/globals';
import { parsePredictionsJsonl } from './predictions-jsonl.js';

describe('parsePredictionsJsonl', () => {
  it('reads good lines and reports each bad one with its line number', () => {
    const text = [
      '{"id": "q1", "language": "en", "prediction": "take it", "references": ["take it daily"]}',
      '',
      '{"id": 2, "prediction": "每日", "references": ["每日两次"]}',
      '{"id": "q3", "prediction": "x", "references": ["y"]',
      '{"id": "q4", "references": ["y"]}',
      '{"id": "q5", "prediction": "x", "references": []}',
      '{"id": "q6", "prediction": "x", "references": ["ok", "  "]}',
      '["q7"]',
      '{"id": "q1", "prediction": "again", "references": ["y"]}',
      '{"prediction": "x", "references": ["y"]}',
      '{"id": "q8", "prediction": 3, "references": ["y"]}',
    ].join('\n');
    const { items, problems } = parsePredictionsJsonl(text);
    expect(items).toEqual([
      { id: 'q1', language: 'en', prediction: 'take it', references: ['take it daily'] },
      { id: '2', language: 'und', prediction: '每日', references: ['每日两次'] },
    ]);
    expect(problems.map((p) => p.line)).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    expect(problems[0].message).toMatch(/invalid JSON/);
    expect(problems[1].message).toMatch(/missing "prediction"/);
    expect(problems[2].message).toMatch(/references/);
    expect(problems[3].message).toMatch(/references\[1\]/);
    expect(problems[4].message).toMatch(/JSON object/);
    expect(problems[5].message).toMatch(/already used on line 1/);
    expect(problems[6].message).toMatch(/missing "id"/);
    expect(problems[7].message).toMatch(/"prediction" must be a string/);
  });

  it('accepts Windows line endings', () => {
    const { items, problems } = parsePredictionsJsonl(
      '{"id":"a","prediction":"x","references":["x"]}\r\n{"id":"b","prediction":"y","references":["y"]}\r\n',
    );
    expect(problems).toEqual([]);
    expect(items.map((i) => i.id)).toEqual(['a', 'b']);
  });
});
