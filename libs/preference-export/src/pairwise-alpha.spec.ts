import { describe, expect, it } from '@jest/globals';
import { krippendorffAlpha, pairwiseNominalLabels } from '@clinrank/agreement';
import type { ExportItem, ExportLabel } from './types.js';
import { StreamingPairwiseAlpha } from './pairwise-alpha.js';

function label(annotatorId: string, a: string, b: string, choice: 'a' | 'b' | 'tie' | 'both_bad'): ExportLabel {
  return {
    id: `${annotatorId}-${a}${b}`,
    annotatorId,
    annotatorKind: 'human',
    createdAt: '2026-01-01T00:00:00.000Z',
    guidelineVersion: 1,
    timeSpentMs: 1,
    displayOrder: [a, b],
    flags: [],
    content: { kind: 'pairwise', a, b, judgements: { overall: { choice } } },
  };
}

function item(id: string, labels: ExportLabel[]): ExportItem {
  return { id, language: 'en', specialty: null, prompt: 'q', isGold: false, metadata: {}, responses: [], labels };
}

describe('StreamingPairwiseAlpha', () => {
  it('matches the library alpha computed on all labels at once, whatever side order coders saw', () => {
    const items = [
      item('q1', [label('x', 'r1', 'r2', 'a'), label('y', 'r2', 'r1', 'b'), label('z', 'r1', 'r2', 'b')]),
      item('q2', [label('x', 'r1', 'r2', 'b'), label('y', 'r1', 'r2', 'b')]),
      item('q3', [label('x', 'r1', 'r2', 'tie'), label('y', 'r2', 'r1', 'a'), label('z', 'r1', 'r2', 'both_bad')]),
      item('q4', [label('x', 'r1', 'r2', 'a')]),
    ];
    const streaming = new StreamingPairwiseAlpha('overall');
    for (const each of items) streaming.addItem(each);
    const all = items.flatMap((each) =>
      each.labels.map((l) => ({
        item: each.id,
        criterion: 'overall',
        coder: l.annotatorId,
        a: (l.content as any).a,
        b: (l.content as any).b,
        ...(l.content as any).judgements.overall,
      })),
    );
    const reference = krippendorffAlpha(pairwiseNominalLabels(all), { level: 'nominal' }).alpha!;
    const result = streaming.result();
    expect(result.krippendorffAlpha).toBeCloseTo(reference, 6);
    expect(result.krippendorffAlphaUnits).toBe(3); // q4 has a single judgement: not pairable
  });

  it('is null with a reason when no pair has two judgements', () => {
    const streaming = new StreamingPairwiseAlpha('overall');
    streaming.addItem(item('q1', [label('x', 'r1', 'r2', 'a')]));
    expect(streaming.result()).toMatchObject({ krippendorffAlpha: null, krippendorffAlphaUnits: 0 });
    expect(streaming.result().krippendorffAlphaReason).toContain('two or more');
  });
});
