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
