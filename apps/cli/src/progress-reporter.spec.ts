import { describe, expect, it } from '@jest/globals';
import { formatProgress, progressReporter } from './progress-reporter.js';

function logStream() {
  const lines: string[] = [];
  return { lines, stream: { isTTY: false, write: (text: string) => lines.push(text) > 0 } };
}

describe('progress reporter', () => {
  it('prints the count with its own rounded percentage', () => {
    expect(formatProgress(8, 12)).toBe('8/12 (67 %)');
    expect(formatProgress(1, 12)).toBe('1/12 (8 %)');
    expect(formatProgress(12, 12)).toBe('12/12 (100 %)');
    expect(formatProgress(0, 0)).toBe('0/0 (100 %)');
  });

  it('writes one line per tenth crossed when the stream is not a terminal, ending at the total', () => {
    const { lines, stream } = logStream();
    const progress = progressReporter('exporting', stream);
    for (let done = 1; done <= 12; done++) progress.update(done, 12);
    progress.end();
    expect(lines).toContain('exporting: 8/12 (67 %)\n');
    expect(lines.at(-1)).toBe('exporting: 12/12 (100 %)\n');
    expect(lines).toHaveLength(11);
  });
});
