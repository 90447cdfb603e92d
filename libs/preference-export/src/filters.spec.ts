import { describe, expect, it } from '@jest/globals';
import { itemRecords } from './snapshot.js';
import { item, label, pairwise, request, response } from './test-fixtures.js';
import type { ExportItem } from './types.js';

const vote = (annotator: string, overrides = {}) =>
  label(annotator, pairwise('r1', 'r2', { overall: { choice: 'a' } }), overrides);
const outcome = (testItem: ExportItem, options: Record<string, unknown>) => {
  const result = itemRecords(testItem, request(options));
  return result.excluded ?? result.records.length;
};

describe('item filters', () => {
  it('includes, excludes or keeps only gold items', () => {
    const gold = item('g1', [vote('x')], { isGold: true });
    expect(outcome(gold, {})).toBe(1);
    expect(outcome(gold, { gold: 'exclude' })).toBe('gold');
    expect(outcome(item('n1', [vote('x')]), { gold: 'only' })).toBe('gold');
  });

  it('filters on language and specialty, including where expressions', () => {
    const chinese = item('c1', [vote('x')], { language: 'zh', specialty: '心血管科' });
    expect(outcome(chinese, { where: 'language=zh' })).toBe(1);
    expect(outcome(chinese, { languages: ['en'] })).toBe('language');
    expect(outcome(chinese, { where: 'specialty!=心血管科' })).toBe('specialty');
    expect(outcome(item('s0', [vote('x')], { specialty: null }), { specialties: 'cardiology' })).toBe('specialty');
  });

  it('excludes an item when any label carries a chosen flag, or with flagRule majority only when most do', () => {
    const flagged = item('f1', [vote('x', { flags: ['unsafe'] }), vote('y'), vote('z')]);
    expect(outcome(flagged, { excludeFlags: ['unsafe'] })).toBe('flagged');
    expect(outcome(flagged, { excludeFlags: ['contains_phi'] })).toBe(1);
    // 1 of 3 labels flagged: not a majority.
    expect(outcome(flagged, { excludeFlags: ['unsafe'], flagRule: 'majority' })).toBe(1);
    const mostly = item('f2', [vote('x', { flags: ['contains_phi'] }), vote('y', { flags: ['unsafe'] }), vote('z')]);
    // 2 of 3 labels carry one of the excluded flags.
    expect(outcome(mostly, { excludeFlags: ['unsafe', 'contains_phi'], flagRule: 'majority' })).toBe('flagged');
  });

  it('reads flags from every label, even those a date filter leaves out', () => {
    const old = item('f3', [vote('x', { flags: ['unsafe'], createdAt: '2020-01-01T00:00:00Z' }), vote('y')]);
    expect(outcome(old, { excludeFlags: ['unsafe'], labelsFrom: '2024-01-01' })).toBe('flagged');
  });

  it('requires a minimum number of labels after label filters', () => {
    const two = item('m1', [vote('x'), vote('y', { annotatorKind: 'judge' })]);
    // The judge label is left out by default, so one label remains.
    expect(outcome(two, { minLabelsPerItem: 2 })).toBe('too-few-labels');
    // With judges both labels count; they agree, so majority gives one record.
    expect(outcome(two, { minLabelsPerItem: 2, annotatorKinds: 'human,judge' })).toBe(1);
    expect(outcome(item('m2', []), {})).toBe('too-few-labels');
  });
});

describe('label filters', () => {
  const dated = item('d1', [
    vote('x', { createdAt: '2025-01-10T00:00:00Z', guidelineVersion: 1 }),
    vote('y', { createdAt: '2025-02-10T00:00:00Z', guidelineVersion: 2 }),
    vote('z', { createdAt: '2025-03-10T00:00:00Z', guidelineVersion: 3 }),
  ]);
  const annotators = (options: Record<string, unknown>) =>
    itemRecords(dated, request({ policy: 'per-annotator', ...options })).records.map(
      (r: any) => r.metadata.annotatorId,
    );

  it('keeps labels created in [labelsFrom, labelsTo)', () => {
    expect(annotators({ labelsFrom: '2025-02-01', labelsTo: '2025-03-10T00:00:00Z' })).toEqual(['y']);
  });

  it('keeps labels within the guideline versions', () => {
    expect(annotators({ minGuidelineVersion: 2 })).toEqual(['y', 'z']);
    expect(annotators({ maxGuidelineVersion: 1 })).toEqual(['x']);
  });

  it('includes judge labels only when asked', () => {
    const judged = item('j1', [vote('llm', { annotatorKind: 'judge' })]);
    expect(outcome(judged, {})).toBe('too-few-labels');
    expect(outcome(judged, { where: 'annotatorKind=judge' })).toBe(1);
  });
});

describe('response filters', () => {
  const ablation = item('a1', [label('x', { kind: 'ranking', ranking: [['r1'], ['r2'], ['r3']] })], {
    responses: [
      response('r1', { source: 'human', model: null }),
      response('r2', { source: 'synthetic', generator: 'degrader-v1' }),
      response('r3', { model: 'm2' }),
    ],
  });
  const pairs = (options: Record<string, unknown>) =>
    itemRecords(ablation, request({ policy: 'per-annotator', ...options })).records.map(
      (r: any) => `${r.metadata.chosen.id}>${r.metadata.rejected.id}`,
    );

  it('drops pairs involving responses of an excluded source, model or generator', () => {
    expect(pairs({})).toEqual(['r1>r2', 'r1>r3', 'r2>r3']);
    expect(pairs({ where: 'source!=synthetic' })).toEqual(['r1>r3']);
    expect(pairs({ sources: ['synthetic', 'model'] })).toEqual(['r2>r3']);
    expect(pairs({ where: 'generator!=degrader-v1' })).toEqual(['r1>r3']);
    // Only r3 has model m2, so no pair is left and the item has nothing to export.
    expect(outcome(ablation, { models: 'm2' })).toBe('no-records');
  });
});
