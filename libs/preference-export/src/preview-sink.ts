import type { ExportSink, SinkFile } from './sinks.js';

export interface PreviewRecord {
  split: string;
  record: unknown;
}

/** A sink that writes nothing: it keeps the first `limit` JSONL records (in train, validation, test order) and drops the rest. */
export function previewSink(limit: number): ExportSink & { records(): PreviewRecord[] } {
  const kept = new Map<string, unknown[]>();
  return {
    open(name: string): SinkFile {
      if (!name.endsWith('.jsonl')) return { write: () => undefined, close: () => undefined };
      const split = name.slice(0, -'.jsonl'.length);
      const records: unknown[] = [];
      kept.set(split, records);
      let partial = '';
      const decoder = new TextDecoder();
      return {
        write: (chunk) => {
          if (records.length >= limit) return;
          partial += decoder.decode(chunk, { stream: true });
          const lines = partial.split('\n');
          partial = lines.pop() ?? '';
          for (const line of lines) if (line && records.length < limit) records.push(JSON.parse(line));
          if (records.length >= limit) partial = '';
        },
        close: () => undefined,
      };
    },
    records: () =>
      ['train', 'validation', 'test']
        .flatMap((split) => (kept.get(split) ?? []).map((record) => ({ split, record })))
        .slice(0, limit),
  };
}
