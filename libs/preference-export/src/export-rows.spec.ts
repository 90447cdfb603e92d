import { describe, expect, it } from '@jest/globals';
import { toExportItem, type ItemRow } from './export-rows.js';
import { previewSink } from './preview-sink.js';

const U1 = '00000000-0000-4000-8000-000000000001';
const U2 = '00000000-0000-4000-8000-000000000002';

function row(content: any, origin: 'ui' | 'import' = 'ui'): ItemRow {
  return {
    id: 'q1',
    language: 'en',
    specialty: '',
    prompt: 'Why?',
    messages: null,
    reference: null,
    is_gold: false,
    metadata: {},
    responses: [
      { uuid: U1, id: 'r1', text: 'one', source: 'model', model: 'm', generator: null },
      { uuid: U2, id: 'r2', text: 'two', source: 'human', model: null, generator: null },
    ],
    labels: [
      {
        id: 'L1',
        annotatorId: 'ann-x',
        annotatorKind: 'human',
        createdAt: '2026-11-23T10:00:00.123456+00:00',
        guidelineVersion: 2,
        timeSpentMs: 900,
        origin,
        displayOrder: [U2, U1],
        flags: [],
        rationale: null,
        rewrite: 'better',
        content,
      },
    ],
  };
}

describe('toExportItem', () => {
  it('maps response UUIDs to external ids in content and display order, empty specialty to null', () => {
    const item = toExportItem(row({ kind: 'pairwise', a: U2, b: U1, judgements: { overall: { choice: 'a' } } }));
    expect(item).toMatchObject({ id: 'q1', specialty: null, prompt: 'Why?', proposedPair: null });
    expect(item.labels[0]).toMatchObject({
      displayOrder: ['r2', 'r1'],
      content: { a: 'r2', b: 'r1' },
      createdAt: '2026-11-23T10:00:00.123Z',
      timeSpentMs: 900,
      rewrite: 'better',
    });
    expect(item.responses[0]).toEqual({ id: 'r1', text: 'one', source: 'model', model: 'm', generator: null });
  });

  it('maps rating scores and ranking groups, and gives imported labels no time spent', () => {
    const rating = toExportItem(row({ kind: 'rating', scores: { overall: { [U1]: 4, [U2]: 1 } } }, 'import')).labels[0];
    expect(rating.content).toEqual({ kind: 'rating', scores: { overall: { r1: 4, r2: 1 } } });
    expect(rating.timeSpentMs).toBeNull();
    expect(toExportItem(row({ kind: 'ranking', ranking: [[U2], [U1]] })).labels[0].content).toEqual({
      kind: 'ranking',
      ranking: [['r2'], ['r1']],
    });
  });
});

describe('previewSink', () => {
  it('keeps the first records across train, validation, test, parsing lines split across chunks', async () => {
    const sink = previewSink(3);
    const encode = (text: string) => new TextEncoder().encode(text);
    const test = await sink.open('test.jsonl');
    await test.write(encode('{"n":9}\n'));
    const train = await sink.open('train.jsonl');
    await train.write(encode('{"n":1}\n{"n"'));
    await train.write(encode(':2}\n'));
    const parquet = await sink.open('train.parquet');
    await parquet.write(new Uint8Array([1, 2, 3]));
    expect(sink.records()).toEqual([
      { split: 'train', record: { n: 1 } },
      { split: 'train', record: { n: 2 } },
      { split: 'test', record: { n: 9 } },
    ]);
  });
});
