export interface ProgressReporter {
  update(done: number, total: number): void;
  end(): void;
}

/** "8/12 (67 %)": the count and its own percentage, never one rounded down to a decile. */
export function formatProgress(done: number, total: number): string {
  const percent = total === 0 ? 100 : Math.round((done / total) * 100);
  return `${done}/${total} (${percent} %)`;
}

/** Progress on a stream: a redrawn bar on a terminal, a line each time another tenth is done otherwise (logs, CI). */
export function progressReporter(
  label: string,
  stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'> = process.stderr,
): ProgressReporter {
  let lastDraw = 0;
  let lastTenth = -1;
  let drawn = false;
  return {
    update(done, total) {
      const fraction = total === 0 ? 1 : done / total;
      if (stream.isTTY) {
        const now = Date.now();
        if (now - lastDraw < 100 && done !== total) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round(fraction * width);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${formatProgress(done, total)}`);
        drawn = true;
      } else {
        const tenth = Math.floor(fraction * 10);
        if (tenth === lastTenth) return;
        lastTenth = tenth;
        stream.write(`${label}: ${formatProgress(done, total)}\n`);
      }
    },
    end() {
      if (drawn) stream.write('\n');
    },
  };
}

export interface ThroughputReporter {
  update(lines: number, bytes: number): void;
  /** Ends the redrawn line on a terminal, or writes the one summary line otherwise. */
  end(lines: number, bytes: number): void;
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/** "1,234 lines, 0.5/2.0 MB (25 %), 2,468 lines/s": how far a read of a file of `totalBytes` got, and how fast. */
export function formatThroughput(lines: number, bytes: number, totalBytes: number, seconds: number): string {
  const percent = totalBytes === 0 ? 100 : Math.round((bytes / totalBytes) * 100);
  const rate = seconds > 0 ? Math.round(lines / seconds) : 0;
  return `${lines.toLocaleString('en')} lines, ${megabytes(bytes)}/${megabytes(totalBytes)} MB (${percent} %), ${rate.toLocaleString('en')} lines/s`;
}

/**
 * Progress of a streamed read of a file of known size: on a terminal a line redrawn at most ten times a second with
 * lines, bytes and rate; otherwise (logs, CI, pipes) nothing until the end, then one plain summary line.
 */
export function throughputReporter(
  label: string,
  totalBytes: number,
  stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'> = process.stderr,
  now: () => number = () => performance.now(),
): ThroughputReporter {
  const started = now();
  let lastDraw = -Infinity;
  let drawn = false;
  const seconds = () => (now() - started) / 1000;
  return {
    update(lines, bytes) {
      if (!stream.isTTY) return;
      const at = now();
      if (at - lastDraw < 100) return;
      lastDraw = at;
      stream.write(`\r${label}: ${formatThroughput(lines, bytes, totalBytes, seconds())}\x1b[K`);
      drawn = true;
    },
    end(lines, bytes) {
      const summary = `${label}: ${formatThroughput(lines, bytes, totalBytes, seconds())} in ${seconds().toFixed(1)} s`;
      stream.write(stream.isTTY && drawn ? `\r${summary}\x1b[K\n` : `${summary}\n`);
    },
  };
}
