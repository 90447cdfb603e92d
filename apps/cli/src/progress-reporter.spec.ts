import { describe, expect, it } from '@jest/globals';
import { formatProgress, formatThroughput, progressReporter, throughputReporter } from './progress-reporter.js';

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

  it('formats lines, bytes of the total and the rate', () => {
    expect(formatThroughput(12_345, 1024 * 1024, 4 * 1024 * 1024, 5)).toBe(
      '12,345 lines, 1.0/4.0 MB (25 %), 2,469 lines/s',
    );
    expect(formatThroughput(0, 0, 0, 0)).toBe('0 lines, 0.0/0.0 MB (100 %), 0 lines/s');
  });

  it('redraws lines, bytes and rate on a terminal, at most ten times a second, and ends the line', () => {
    const lines: string[] = [];
    let clock = 0;
    const stream = { isTTY: true, write: (text: string) => lines.push(text) > 0 };
    const progress = throughputReporter('importing', 2 * 1024 * 1024, stream, () => clock);
    clock = 1000;
    progress.update(100, 1024 * 1024);
    clock = 1050;
    progress.update(150, 1024 * 1024); // within 100 ms of the last draw: skipped
    clock = 2000;
    progress.update(400, 2 * 1024 * 1024);
    progress.end(400, 2 * 1024 * 1024);
    expect(lines).toEqual([
      '\rimporting: 100 lines, 1.0/2.0 MB (50 %), 100 lines/s\x1b[K',
      '\rimporting: 400 lines, 2.0/2.0 MB (100 %), 200 lines/s\x1b[K',
      '\rimporting: 400 lines, 2.0/2.0 MB (100 %), 200 lines/s in 2.0 s\x1b[K\n',
    ]);
  });

  it('writes only a plain summary line when the stream is not a terminal', () => {
    const { lines, stream } = logStream();
    let clock = 0;
    const progress = throughputReporter('importing', 1024 * 1024, stream, () => clock);
    clock = 4000;
    for (let line = 1; line <= 1000; line++) progress.update(line, line * 1024);
    progress.end(1000, 1024 * 1024);
    expect(lines).toEqual(['importing: 1,000 lines, 1.0/1.0 MB (100 %), 250 lines/s in 4.0 s\n']);
  });
});
