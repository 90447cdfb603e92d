import { describe, expect, it } from '@jest/globals';
import { decideOverlap, requiredCriteria, validateAdaptiveOverlap, type OverlapLabel } from './adaptive-overlap.js';
import type { DawidSkeneModel } from './dawid-skene.js';

/** Two-class model (a, b) with equal priors; each annotator answers right with the given probability, symmetrically. */
function model(accuracies: Record<string, number>): DawidSkeneModel {
  const annotators = Object.keys(accuracies).sort();
  return {
    classes: ['a', 'b'],
    classPriors: Float64Array.of(0.5, 0.5),
    annotators,
    confusion: annotators.map((name) => {
      const p = accuracies[name];
      return Float64Array.of(p, 1 - p, 1 - p, p);
    }),
    defaultConfusion: Float64Array.of(0.6, 0.4, 0.4, 0.6),
  };
}

const MODEL = model({ good1: 0.95, good2: 0.9, weak1: 0.65, weak2: 0.6, weak3: 0.6 });
const OVERLAP = { min: 2, max: 5, confidence: 0.95 };

function says(annotators: string[], value = 'a', criterion = 'overall'): OverlapLabel[] {
  return annotators.map((annotator) => ({ annotator, criterion, value }));
}

function decide(labels: OverlapLabel[], overrides: Partial<Parameters<typeof decideOverlap>[0]> = {}) {
  return decideOverlap({
    labels,
    models: new Map([['overall', MODEL]]),
    overlap: OVERLAP,
    criteria: ['overall'],
    ...overrides,
  });
}

describe('decideOverlap', () => {
  it('closes an item on two agreeing reliable annotators, but not on two agreeing unreliable ones', () => {
    // 0.95·0.9 / (0.95·0.9 + 0.05·0.1) = 0.855/0.86 ≈ 0.9942 ≥ 0.95; 0.65·0.6 / (0.39 + 0.35·0.4) = 0.39/0.53 ≈ 0.7358.
    const reliable = decide(says(['good1', 'good2']));
    expect(reliable).toEqual({
      status: 'closed',
      annotators: 2,
      outcomes: [{ criterion: 'overall', value: 'a', probability: expect.closeTo(0.855 / 0.86, 10) }],
    });
    const unreliable = decide(says(['weak1', 'weak2']));
    expect(unreliable).toEqual({
      status: 'needs-more',
      annotators: 2,
      outcomes: [{ criterion: 'overall', value: 'a', probability: expect.closeTo(0.39 / 0.53, 10) }],
    });
  });

  it('never closes below min, even when one label is conclusive', () => {
    expect(decide(says(['good1']), { overlap: { min: 2, max: 5, confidence: 0.9 } }).status).toBe('needs-more');
    expect(decide([]).status).toBe('needs-more');
  });

  it('stops at max without confidence, and never asks for more beyond it', () => {
    const split = [...says(['weak1', 'weak2']), ...says(['weak3', 'good2'], 'b')];
    expect(decide(split, { overlap: { min: 2, max: 4, confidence: 0.95 } }).status).toBe('at-max');
    expect(decide([...split, ...says(['good1'])], { overlap: { min: 2, max: 4, confidence: 0.95 } }).status).toBe(
      'at-max',
    );
    // Confident at max closes.
    expect(decide(says(['good1', 'good2', 'weak1']), { overlap: { min: 2, max: 3, confidence: 0.95 } }).status).toBe(
      'closed',
    );
  });

  it('counts distinct annotators, not labels on several criteria', () => {
    const labels = [...says(['good1', 'good2']), ...says(['good1', 'good2'], 'a', 'safety')];
    expect(decide(labels).annotators).toBe(2);
  });

  it('with every criterion required, waits for each to be confident', () => {
    const labels = [...says(['good1', 'good2']), ...says(['good1'], 'a', 'safety'), ...says(['good2'], 'b', 'safety')];
    const models = new Map([
      ['overall', MODEL],
      ['safety', MODEL],
    ]);
    const criteria = requiredCriteria('every', ['safety']);
    expect(criteria).toEqual(['overall', 'safety']);
    const decision = decide(labels, { models, criteria });
    expect(decision.status).toBe('needs-more');
    expect(decision.outcomes.map((outcome) => outcome.criterion)).toEqual(['overall', 'safety']);
    expect(decide(labels, { models, criteria: requiredCriteria('overall', ['safety']) }).status).toBe('closed');
    // A required criterion with no model is never confident.
    expect(decide(labels, { criteria }).outcomes[1]).toEqual({ criterion: 'safety', value: null, probability: 0 });
  });

  it('refuses a bad setting with a coded error naming the field', () => {
    expect(() => validateAdaptiveOverlap({ min: 0, max: 5, confidence: 0.9 })).toThrow(/overlap\.min/);
    expect(() => validateAdaptiveOverlap({ min: 3, max: 2, confidence: 0.9 })).toThrow(/overlap\.max/);
    expect(() => validateAdaptiveOverlap({ min: 2, max: 5, confidence: 1 })).toThrow(/overlap\.confidence/);
    expect(() => decide(says(['good1']), { criteria: [] })).toThrow(/criteria/);
    expect(() => requiredCriteria('some' as never, [])).toThrow(/criteria/);
  });
});
