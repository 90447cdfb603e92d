import { describe, expect, it } from '@jest/globals';
import { liveQaItems, liveQaPresent, LIVEQA_DIR } from './liveqa-fixtures.js';
import { memorySink } from './sinks.js';
import { exportSnapshot, itemRecords } from './snapshot.js';
import { item, label, pairwise, request, streamOf } from './test-fixtures.js';
import type { ExportItem } from './types.js';

const margins = (testItem: ExportItem, options: Record<string, unknown>) =>
  itemRecords(testItem, request({ metadata: false, ...options })).records.map((record) => record.margin);
const choices = (id: string, list: ('a' | 'b' | 'tie')[]) =>
  item(
    id,
    list.map((choice, index) => label(`c${index}`, pairwise('r1', 'r2', { overall: { choice, strength: 'much' } }))),
  );

describe('margins', () => {
  it('are not written unless asked', () => {
    expect(itemRecords(choices('i1', ['a']), request({})).records[0]).not.toHaveProperty('margin');
    expect(() => request({ margin: 'strength' })).toThrow('margin must be one of none, votes, probability');
  });

  it('votes: (for − against) / all votes, in [0, 1]', () => {
    // a, a, b, tie → (2 − 1) / 4; a, a, a → 1; a single vote → 1 whatever its strength.
    expect(margins(choices('i1', ['a', 'a', 'b', 'tie']), { margin: 'votes' })).toEqual([0.25]);
    expect(margins(choices('i2', ['a', 'a', 'a']), { margin: 'votes' })).toEqual([1]);
    expect(margins(choices('i3', ['a']), { margin: 'votes', policy: 'per-annotator' })).toEqual([1]);
  });

  it('probability: the posterior mean (for + ties/2 + 1) / (votes + 2) for majority, in (0.5, 1)', () => {
    // a, a, b, tie → (2 + 0.5 + 1) / 6; a, a, a → 4 / 5; one vote → 2 / 3.
    expect(margins(choices('i1', ['a', 'a', 'b', 'tie']), { margin: 'probability' })).toEqual([0.583333]);
    expect(margins(choices('i2', ['a', 'a', 'a']), { margin: 'probability' })).toEqual([0.8]);
    expect(margins(choices('i3', ['a']), { margin: 'probability' })).toEqual([0.666667]);
  });

  it('probability under bradley-terry is the fitted σ(gap): modest for one vote, growing with agreeing votes', () => {
    const one = margins(choices('i1', ['a']), { margin: 'probability', policy: 'bradley-terry' })[0] as number;
    const three = margins(choices('i2', ['a', 'a', 'a']), {
      margin: 'probability',
      policy: 'bradley-terry',
    })[0] as number;
    // With one pseudo-win and pseudo-loss against a virtual average answer, one vote is far from certainty (was 0.99).
    expect(one).toBeGreaterThan(0.5);
    expect(one).toBeLessThan(0.75);
    expect(three).toBeGreaterThan(one);
    expect(three).toBeLessThan(0.95);
  });
});

(liveQaPresent() ? describe : describe.skip)('margins on LiveQA-Med (real data)', () => {
  if (!liveQaPresent()) console.warn(`SKIPPING LiveQA-Med margin test: ${LIVEQA_DIR} is absent`);

  it('bradley-terry probabilities all lie in (0.5, 1) and follow the grade gap', async () => {
    const { items, grades } = liveQaItems();
    const sink = memorySink();
    await exportSnapshot(
      streamOf(items),
      request({ policy: 'bradley-terry', margin: 'probability', scale: '1-4', split: '1,0,0' }),
      sink,
    );
    const records = sink
      .text('train.jsonl')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    // Every differently graded pair of a question (all answers of a question are one group), no equal-grade pair.
    expect(records).toHaveLength(737);
    const byGap = new Map<number, number[]>();
    for (const record of records) {
      expect(record.margin).toBeGreaterThan(0.5);
      expect(record.margin).toBeLessThan(1);
      const gap =
        (grades.get(record.metadata.chosen.id) as number) - (grades.get(record.metadata.rejected.id) as number);
      expect(gap).toBeGreaterThan(0);
      byGap.set(gap, [...(byGap.get(gap) ?? []), record.margin]);
    }
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
    expect(median(byGap.get(3) as number[])).toBeGreaterThan(median(byGap.get(1) as number[]));
  });
});
