import { describe, expect, it } from '@jest/globals';
import { liveQaItems, liveQaPresent, LIVEQA_DIR } from './liveqa-fixtures.js';
import { memorySink } from './sinks.js';
import { exportSnapshot, itemRecords } from './snapshot.js';
import { item, label, pairwise, request, streamOf } from './test-fixtures.js';
import type { ExportAdjudication, ExportItem } from './types.js';

const ruling = (content: ExportAdjudication['content']): ExportAdjudication => ({
  id: 'adj-1',
  leadId: 'lead-1',
  createdAt: '2025-04-01T00:00:00.000Z',
  guidelineVersion: 2,
  content,
  rationale: 'A is unsafe',
});

// Three clinicians said r1 (a) twice and tie once; the lead ruled r2 better, much, and safety a tie.
const settled = item(
  'i1',
  [
    label('x', pairwise('r1', 'r2', { overall: { choice: 'a' }, safety: { choice: 'a' } })),
    label('y', pairwise('r1', 'r2', { overall: { choice: 'a' } })),
    label('z', pairwise('r1', 'r2', { overall: { choice: 'tie' } })),
  ],
  {
    adjudication: ruling(
      pairwise('r1', 'r2', { overall: { choice: 'b', strength: 'much' }, safety: { choice: 'tie' } }),
    ),
  },
);

const recordsOf = (testItem: ExportItem, options: Record<string, unknown>) =>
  itemRecords(testItem, request(options)).records as Record<string, any>[];

describe('adjudication', () => {
  it.each(['majority', 'unanimous', 'per-annotator', 'bradley-terry'])(
    'replaces the votes on the pair it rules under %s',
    (policy) => {
      const records = recordsOf(settled, { policy });
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({
        chosen: 'answer r2',
        rejected: 'answer r1',
        metadata: { adjudicated: true, votes: { chosen: 1, rejected: 0, tie: 0 } },
      });
    },
  );

  it('rules per criterion: a ruled tie is a tie, an unruled criterion keeps the votes', () => {
    expect(recordsOf(settled, { criterion: 'safety' })).toEqual([]);
    const unruled = { ...settled, adjudication: ruling(pairwise('r1', 'r2', { overall: { choice: 'b' } })) };
    expect(recordsOf(unruled, { criterion: 'safety' })[0]).toMatchObject({
      chosen: 'answer r1',
      metadata: { adjudicated: false },
    });
  });

  it('--ignore-adjudications gives the clinicians-only view', () => {
    const [record] = recordsOf(settled, { ignoreAdjudications: true });
    expect(record).toMatchObject({
      chosen: 'answer r1',
      rejected: 'answer r2',
      metadata: { adjudicated: false, votes: { chosen: 2, tie: 1 } },
    });
  });

  it('raw keeps every vote and the ruling, marked as such', () => {
    const rows = recordsOf(settled, { format: 'raw', metadata: false });
    expect(rows.map((row) => `${row.annotatorId}/${row.criterion}/${row.choice}/${row.adjudication}`)).toEqual([
      'x/overall/a/false',
      'x/safety/a/false',
      'y/overall/a/false',
      'z/overall/tie/false',
      'lead-1/overall/b/true',
      'lead-1/safety/tie/true',
    ]);
    expect(rows[4]).toMatchObject({
      labelId: 'adj-1',
      rationale: 'A is unsafe',
      guidelineVersion: 2,
      strength: 'much',
    });
    expect(recordsOf(settled, { format: 'raw', ignoreAdjudications: true }).some((row) => row.adjudication)).toBe(
      false,
    );
  });

  it('the manifest counts adjudicated items', async () => {
    const stats = await exportSnapshot(
      streamOf([settled, item('i2', [label('x', pairwise('r1', 'r2', { overall: { choice: 'a' } }))])]),
      request({}),
      memorySink(),
    );
    expect(stats.itemsAdjudicated).toBe(1);
    expect(
      (await exportSnapshot(streamOf([settled]), request({ ignoreAdjudications: true }), memorySink()))
        .itemsAdjudicated,
    ).toBe(0);
  });
});

(liveQaPresent() ? describe : describe.skip)('adjudication on LiveQA-Med (real data)', () => {
  if (!liveQaPresent()) console.warn(`SKIPPING LiveQA-Med adjudication test: ${LIVEQA_DIR} is absent`);

  it('a lead re-grading every answer of ten questions reverses exactly their pairs', async () => {
    const { items, grades } = liveQaItems();
    // The lead inverts the assessors' grades (g → 5 − g) on the first ten questions with graded pairs.
    const ruled = new Set(
      items
        .filter((entry) => new Set(entry.responses.map((r) => grades.get(r.id))).size > 1)
        .slice(0, 10)
        .map((entry) => entry.id),
    );
    const adjudicated = items.map((entry): ExportItem => {
      if (!ruled.has(entry.id)) return entry;
      const inverted = Object.fromEntries(entry.responses.map((r) => [r.id, 5 - (grades.get(r.id) as number)]));
      return {
        ...entry,
        adjudication: { ...ruling({ kind: 'rating', scores: { overall: inverted } }), id: `adj-${entry.id}` },
      };
    });
    const sink = memorySink();
    const stats = await exportSnapshot(
      streamOf(adjudicated),
      request({ policy: 'majority', scale: '1-4', split: '1,0,0' }),
      sink,
    );
    expect(stats.itemsAdjudicated).toBe(10);
    const records = sink
      .text('train.jsonl')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    let reversed = 0;
    for (const record of records) {
      const [chosen, rejected] = [
        grades.get(record.metadata.chosen.id) as number,
        grades.get(record.metadata.rejected.id) as number,
      ];
      if (ruled.has(record.metadata.itemId)) {
        expect(chosen).toBeLessThan(rejected);
        expect(record.metadata.adjudicated).toBe(true);
        reversed++;
      } else expect(chosen).toBeGreaterThan(rejected);
    }
    expect(reversed).toBeGreaterThan(10);
  });
});
