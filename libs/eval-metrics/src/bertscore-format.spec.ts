import { describe, expect, it } from '@jest/globals';
import { bertScoreCsv, bertScoreMarkdown } from './bertscore-format.js';

const rows = [
  { model: 'base', precision: 0.71234, recall: 0.6, f1: 0.65556, answers: 3 },
  { model: '=tuned, v2', precision: 1, recall: 0.99999, f1: 0.999995, answers: 12 },
];

describe('BERTScore tables', () => {
  it('writes fractions with four decimals in CSV, guarding formula-like model names', () => {
    expect(bertScoreCsv(rows)).toBe(
      'Model,Precision,Recall,F1,Answers\nbase,0.7123,0.6000,0.6556,3\n"\'=tuned, v2",1.0000,1.0000,1.0000,12\n',
    );
  });

  it('writes percentages with one decimal in Markdown, numbers right-aligned', () => {
    expect(bertScoreMarkdown(rows).split('\n')).toEqual([
      '| Model | Precision | Recall | F1 | Answers |',
      '| --- | ---: | ---: | ---: | ---: |',
      '| base | 71.2 | 60.0 | 65.6 | 3 |',
      '| =tuned, v2 | 100.0 | 100.0 | 100.0 | 12 |',
      '',
    ]);
  });
});
