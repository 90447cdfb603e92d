import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { memorySink } from './sinks.js';
import { exportSnapshot } from './snapshot.js';
import { item, label, pairwise, request, streamOf } from './test-fixtures.js';

type Reader = { parquetReadObjects(options: { file: ArrayBuffer }): Promise<Record<string, unknown>[]> };

async function loadReader(): Promise<Reader | null> {
  try {
    await import('hyparquet-writer');
    return (await import('hyparquet')) as unknown as Reader;
  } catch {
    console.warn('SKIPPING Parquet tests: hyparquet-writer / hyparquet are not installed');
    return null;
  }
}

const reader = await loadReader();

const items = Array.from({ length: 25 }, (_, i) =>
  item(
    `p${String(i).padStart(3, '0')}`,
    [
      label('x', pairwise('r1', 'r2', { overall: { choice: 'a', strength: 'much' } }), {
        id: `p${i}-1`,
        displayOrder: ['r2', 'r1'],
      }),
      label(
        'y',
        { kind: 'rating', scores: { overall: { r1: 4, r2: 4, r3: 5 } } },
        { id: `p${i}-2`, rationale: i % 2 ? 'réponse 正确' : null },
      ),
    ],
    { messages: [{ role: 'user', content: `症状 ${i}?` }], prompt: undefined },
  ),
);

// hyparquet reads a null optional LIST as undefined; JSONL has null there.
const nullForUndefined = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value === undefined ? null : value]));

const toArrayBuffer = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

(reader ? describe : describe.skip)('parquet', () => {
  for (const format of ['trl', 'trl-conversational', 'kto', 'ranking', 'raw', 'openrlhf'] as const) {
    it(`writes the same ${format} records as the JSONL, in small row groups`, async () => {
      const sink = memorySink();
      const stats = await exportSnapshot(
        streamOf(items),
        request({ format, policy: 'per-annotator', parquet: true, parquetRowGroupSize: 7 }),
        sink,
      );
      for (const split of ['train', 'validation', 'test']) {
        const jsonl = sink
          .text(`${split}.jsonl`)
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line));
        const bytes = sink.files.get(`${split}.parquet`) as Uint8Array;
        const rows = await (reader as Reader).parquetReadObjects({ file: toArrayBuffer(bytes) });
        // Parquet has one type per column, so a ranking's bare indices are written as groups of one.
        const expected =
          format === 'ranking'
            ? jsonl.map((row) => ({
                ...row,
                ranking: row.ranking.map((group: number | number[]) => (Array.isArray(group) ? group : [group])),
              }))
            : jsonl;
        expect(rows.map(nullForUndefined)).toEqual(expected);
        const digest = stats.files.find((file) => file.name === `${split}.parquet`);
        expect(digest?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
        expect(digest?.records).toBe(jsonl.length);
      }
    });
  }

  it('is deterministic and writes valid empty files', async () => {
    const digests = async (list: typeof items) =>
      (await exportSnapshot(streamOf(list), request({ parquet: true }), memorySink())).files.map((f) => f.sha256);
    expect(await digests(items)).toEqual(await digests(items));
    const sink = memorySink();
    await exportSnapshot(streamOf([]), request({ parquet: true }), sink);
    expect(
      await (reader as Reader).parquetReadObjects({
        file: toArrayBuffer(sink.files.get('train.parquet') as Uint8Array),
      }),
    ).toEqual([]);
  });
});
