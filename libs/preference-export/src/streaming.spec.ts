import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from '@jest/globals';
import { hashingSink } from './sinks.js';
import { exportSnapshot } from './snapshot.js';
import { request } from './test-fixtures.js';
import type { ExportItem } from './types.js';

const ITEMS = 50_000;
const LABELS_PER_ITEM = 4;
const filler = 'x'.repeat(150);

// A full collection before each sample makes heapUsed measure what is retained, not garbage awaiting collection.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const retainedHeap = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

/** Generates items lazily, so only the pipeline could make memory grow. */
async function* syntheticItems(): AsyncGenerator<ExportItem> {
  for (let i = 0; i < ITEMS; i++) {
    const id = `item-${String(i).padStart(6, '0')}`;
    yield {
      id,
      language: i % 2 ? 'en' : 'zh',
      specialty: 'general',
      prompt: `question ${i} ${filler}`,
      isGold: false,
      metadata: {},
      responses: [
        { id: 'a', text: `first answer ${i} ${filler}`, source: 'model', model: 'm1' },
        { id: 'b', text: `second answer ${i} ${filler}`, source: 'human' },
      ],
      labels: Array.from({ length: LABELS_PER_ITEM }, (_, k) => ({
        id: `${id}-${k}`,
        annotatorId: `ann-${(i + k) % 50}`,
        annotatorKind: 'human' as const,
        createdAt: '2025-05-01T00:00:00Z',
        guidelineVersion: 1,
        timeSpentMs: 1000,
        displayOrder: ['a', 'b'],
        flags: [],
        content: {
          kind: 'pairwise' as const,
          a: 'a',
          b: 'b',
          judgements: { overall: { choice: (k + i) % 3 ? ('a' as const) : ('b' as const) } },
        },
      })),
    };
  }
}

describe('streaming', () => {
  it('pushes 200k labels through the pipeline with a flat heap', async () => {
    const sink = hashingSink();
    let peak = 0;
    let baseline = 0;
    let seen = 0;
    async function* sampled() {
      for await (const item of syntheticItems()) {
        seen++;
        if (seen === 2_000) baseline = retainedHeap();
        if (seen % 5_000 === 0) peak = Math.max(peak, retainedHeap());
        yield item;
      }
    }
    const stats = await exportSnapshot(sampled(), request({ policy: 'per-annotator', format: 'trl' }), sink);
    const written = [...sink.digests.values()].reduce((sum, digest) => sum + digest.bytes, 0);
    expect(stats.itemsExported).toBe(ITEMS);
    expect(stats.splits.train.records + stats.splits.validation.records + stats.splits.test.records).toBe(
      ITEMS * LABELS_PER_ITEM,
    );
    // Over 100 MB written while the retained heap grows by under 8 MB (stats per annotator and language only).
    expect(written).toBeGreaterThan(100e6);
    console.log(
      `streaming: ${(written / 1e6).toFixed(0)} MB written, retained heap growth ${((peak - baseline) / 1e6).toFixed(2)} MB`,
    );
    expect(peak - baseline).toBeLessThan(8e6);
  }, 60_000);
});
