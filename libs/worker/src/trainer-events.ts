/** One line of the trainer's stdout (JSON lines, each with a "type"). */
export type TrainerEvent =
  | { type: 'metric'; fields: Record<string, unknown> }
  | { type: 'log'; message: string }
  | { type: 'artifact'; path: string; kind: string }
  | { type: 'done'; metrics: Record<string, unknown> }
  | { type: 'text'; line: string };

/** Parses a stdout line; anything that is not a typed JSON object is kept as plain text, never dropped. */
export function parseTrainerLine(line: string): TrainerEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { type: 'text', line };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { type: 'text', line };
  const event = value as Record<string, unknown>;
  switch (event.type) {
    case 'metric': {
      const { type: _type, ...fields } = event;
      return { type: 'metric', fields };
    }
    case 'log':
      return { type: 'log', message: String(event.message ?? '') };
    case 'artifact':
      return { type: 'artifact', path: String(event.path ?? ''), kind: String(event.kind ?? 'file') };
    case 'done':
      return { type: 'done', metrics: (event.metrics as Record<string, unknown>) ?? {} };
    default:
      return { type: 'text', line };
  }
}

export interface MetricPoint {
  step: number;
  name: string;
  value: number | null;
}

/**
 * Splits a metric event into points of the time series. The step is `global_step` when present, else the
 * caller's fallback (the count of metric events so far). Non-numeric fields are skipped; null stays null (NaN upstream).
 */
export function metricPoints(fields: Record<string, unknown>, fallbackStep: number): MetricPoint[] {
  const step =
    typeof fields.global_step === 'number' && Number.isFinite(fields.global_step)
      ? Math.trunc(fields.global_step)
      : fallbackStep;
  const points: MetricPoint[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'global_step') continue;
    if (typeof value === 'number' && Number.isFinite(value)) points.push({ step, name, value });
    else if (value === null) points.push({ step, name, value: null });
  }
  return points;
}

/** Splits a byte stream into lines, keeping an unfinished last line until more arrives. */
export class LineSplitter {
  private pending = '';

  push(chunk: string): string[] {
    this.pending += chunk;
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    return lines.map((line) => line.replace(/\r$/, ''));
  }

  flush(): string[] {
    const rest = this.pending;
    this.pending = '';
    return rest ? [rest] : [];
  }
}
