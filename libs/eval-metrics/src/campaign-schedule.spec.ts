import { describe, expect, it } from '@jest/globals';
import { scheduleComparisons, type ItemResponses } from './campaign-schedule.js';

const items: ItemResponses[] = ['q1', 'q2', 'q3', 'q4'].map((item) => ({
  item,
  responses: ['gpt', 'llama', 'base'].map((model) => ({ id: `${item}-${model}`, model })),
}));

describe('scheduleComparisons', () => {
  it('plans all pairs with A/B sides alternating per pair across items', () => {
    const { pairs, skipped } = scheduleComparisons(items, { strategy: 'all-pairs' });
    expect(skipped).toEqual([]);
    expect(pairs).toHaveLength(12); // 4 items × C(3, 2)
    expect(pairs.slice(0, 3).map((p) => `${p.modelA}|${p.modelB}`)).toEqual(['base|gpt', 'base|llama', 'gpt|llama']);
    expect(pairs.slice(3, 6).map((p) => `${p.modelA}|${p.modelB}`)).toEqual(['gpt|base', 'llama|base', 'llama|gpt']);
    expect(pairs[0]).toEqual({ item: 'q1', annotator: null, a: 'q1-base', b: 'q1-gpt', modelA: 'base', modelB: 'gpt' });
    for (const model of ['gpt', 'llama', 'base']) {
      // each model is in 8 pairs, on side A in exactly half
      expect(pairs.filter((p) => p.modelA === model).length).toBe(4);
    }
  });

  it('pairs the baseline with every other model and skips items without it', () => {
    const withMissing = [
      ...items,
      {
        item: 'q0',
        responses: [
          { id: 'x', model: 'gpt' },
          { id: 'y', model: 'llama' },
        ],
      },
    ];
    const { pairs, skipped } = scheduleComparisons(withMissing, { strategy: 'baseline', baseline: 'base' });
    expect(skipped).toEqual([{ item: 'q0', reason: 'no response from baseline "base"' }]);
    expect(pairs).toHaveLength(8);
    expect(pairs.every((p) => p.modelA === 'base' || p.modelB === 'base')).toBe(true);
    expect(pairs.filter((p) => p.modelA === 'base').length).toBe(4);
  });

  it('shows the same item to different annotators on opposite sides and ignores input order', () => {
    const plan = scheduleComparisons(items, { strategy: 'baseline', baseline: 'base', annotators: ['dr-a', 'dr-b'] });
    const q1gpt = plan.pairs.filter((p) => p.item === 'q1' && (p.modelA === 'gpt' || p.modelB === 'gpt'));
    expect(q1gpt.map((p) => [p.annotator, p.modelA])).toEqual([
      ['dr-a', 'gpt'],
      ['dr-b', 'base'],
    ]);
    for (const annotator of ['dr-a', 'dr-b']) {
      const mine = plan.pairs.filter((p) => p.annotator === annotator);
      expect(mine.filter((p) => p.modelA === 'base').length).toBe(mine.length / 2);
    }
    expect(
      scheduleComparisons([...items].reverse(), {
        strategy: 'baseline',
        baseline: 'base',
        annotators: ['dr-a', 'dr-b'],
      }),
    ).toEqual(plan);
  });

  it('refuses ambiguous or incomplete input', () => {
    expect(() => scheduleComparisons(items, { strategy: 'baseline' })).toThrow(/baseline/);
    expect(() => scheduleComparisons(items, { strategy: 'round-robin' as never })).toThrow(/strategy/);
    const twice = [
      {
        item: 'q1',
        responses: [
          { id: 'r1', model: 'gpt' },
          { id: 'r2', model: 'gpt' },
        ],
      },
    ];
    expect(() => scheduleComparisons(twice, { strategy: 'all-pairs' })).toThrow(/more than once/);
    expect(() => scheduleComparisons([items[0], items[0]], { strategy: 'all-pairs' })).toThrow(/twice/);
    expect(
      scheduleComparisons([{ item: 'solo', responses: [{ id: 'r', model: 'gpt' }] }], { strategy: 'all-pairs' })
        .skipped,
    ).toHaveLength(1);
  });
});
