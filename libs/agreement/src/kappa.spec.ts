import { describe, expect, it } from '@jest/globals';
import { confusionMatrix } from './confusion-matrix.js';
import { cohenKappaPairs, fleissKappa } from './kappa.js';
import type { Label } from './labels.js';
import { percentAgreement } from './percent-agreement.js';

/** Wikipedia's Fleiss' kappa worked example: 10 subjects, 14 raters, 5 categories (counts n_ij). */
const FLEISS_COUNTS = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

function labelsFromCounts(table: number[][]): Label[] {
  return table.flatMap((row, unit) => {
    const values = row.flatMap((count, category) => new Array<number>(count).fill(category + 1));
    return values.map((value, rater) => ({ unit, coder: `r${rater}`, value }));
  });
}

/** Two coders' labels on units u0…, from [valueOfA, valueOfB] pairs. */
function twoCoders(pairs: Array<[string, string]>, a = 'ann', b = 'bob'): Label[] {
  return pairs.flatMap(([va, vb], unit) => [
    { unit, coder: a, value: va },
    { unit, coder: b, value: vb },
  ]);
}

function repeat<T>(times: number, item: T): T[] {
  return new Array<T>(times).fill(item);
}

/** Wikipedia's Cohen example: yes/yes 20, yes/no 5, no/yes 10, no/no 15. */
const COHEN_PAIRS: Array<[string, string]> = [
  ...repeat(20, ['yes', 'yes']),
  ...repeat(5, ['yes', 'no']),
  ...repeat(10, ['no', 'yes']),
  ...repeat(15, ['no', 'no']),
] as Array<[string, string]>;

describe('fleissKappa', () => {
  it('reproduces the worked example κ = 0.210', () => {
    // P̄ = 0.378, P_e = 0.2128 (p_j = 0.143, 0.200, 0.279, 0.150, 0.229), κ = (0.378 − 0.213)/(1 − 0.213) = 0.210.
    const result = fleissKappa(labelsFromCounts(FLEISS_COUNTS));
    expect(result.kappa).toBeCloseTo(0.21, 3);
    expect(result).toMatchObject({ units: 10, ratersPerUnit: 14 });
  });

  it('returns null with a reason when units have different numbers of raters', () => {
    const labels = labelsFromCounts(FLEISS_COUNTS).filter((label) => !(label.unit === 3 && label.coder === 'r13'));
    const result = fleissKappa(labels);
    expect(result.kappa).toBeNull();
    expect(result.reason).toMatch(/different numbers of ratings \(14 and 13\)/);
  });

  it('returns null for no variation and is 1 for perfect agreement', () => {
    expect(
      fleissKappa(
        labelsFromCounts([
          [3, 0],
          [3, 0],
        ]),
      ).reason,
    ).toMatch(/no variation/);
    expect(
      fleissKappa(
        labelsFromCounts([
          [3, 0],
          [0, 3],
        ]),
      ).kappa,
    ).toBe(1);
  });
});

describe('cohenKappaPairs', () => {
  it('reproduces the textbook yes/no example κ = 0.4', () => {
    // p_o = (20 + 15)/50 = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = (0.7 − 0.5)/(1 − 0.5) = 0.4.
    const result = cohenKappaPairs(twoCoders(COHEN_PAIRS));
    expect(Object.keys(result)).toEqual(['ann|bob']);
    expect(result['ann|bob'].n).toBe(50);
    expect(result['ann|bob'].kappa).toBeCloseTo(0.4, 12);
  });

  it('keys pairs in string order whatever the order coders appear in, and skips pairs below minShared', () => {
    const labels = twoCoders(COHEN_PAIRS, 'zed', 'amy');
    expect(Object.keys(cohenKappaPairs(labels))).toEqual(['amy|zed']);
    expect(cohenKappaPairs(labels, { minShared: 51 })).toEqual({});
    expect(cohenKappaPairs(labels.slice(0, 18))).toEqual({});
    expect(() => cohenKappaPairs(labels, { minShared: 0 })).toThrow(/minShared/);
  });

  it('scores each pair only on the units the two share', () => {
    // Carl labels only units 0–9 (yes/yes for ann) and 40–41 (no/no), always as ann did: κ(ann, carl) = 1 on n = 12,
    // while bob, who disagrees with ann elsewhere, keeps κ = 0.4 on all 50; bob|carl shares the same 12 units, all agreeing.
    const carlUnits = [...Array.from({ length: 10 }, (_, i) => i), 40, 41];
    const carl = carlUnits.map((unit) => ({ unit, coder: 'carl', value: COHEN_PAIRS[unit][0] }));
    const result = cohenKappaPairs([...twoCoders(COHEN_PAIRS), ...carl]);
    expect(result['ann|carl']).toEqual({ n: 12, kappa: 1 });
    expect(result['ann|bob'].kappa).toBeCloseTo(0.4, 12);
    expect(result['bob|carl']).toEqual({ n: 12, kappa: 1 });
  });

  it('returns null with a reason when both coders used one and the same value', () => {
    const result = cohenKappaPairs(twoCoders(COHEN_PAIRS.slice(0, 12)));
    expect(result['ann|bob']).toEqual({ n: 12, kappa: null, reason: expect.stringMatching(/no variation/) });
  });
});

describe('percentAgreement', () => {
  it('averages agreeing ordered pairs over units with two or more values', () => {
    // Unit 0: (1,1,2) → 2 agreeing ordered pairs of 6 = 1/3; unit 1: (3,3) → 1; unit 2 has one value and is skipped.
    const labels: Label[] = [
      { unit: 0, coder: 'a', value: 1 },
      { unit: 0, coder: 'b', value: 1 },
      { unit: 0, coder: 'c', value: 2 },
      { unit: 1, coder: 'a', value: 3 },
      { unit: 1, coder: 'b', value: 3 },
      { unit: 2, coder: 'a', value: 3 },
    ];
    expect(percentAgreement(labels)).toEqual({ agreement: (1 / 3 + 1) / 2, units: 2 });
    expect(percentAgreement(labels.slice(5)).agreement).toBeNull();
  });
});

describe('confusionMatrix', () => {
  it('cross-tabulates two coders on shared units, rows for the first coder', () => {
    const result = confusionMatrix(twoCoders(COHEN_PAIRS), 'ann', 'bob');
    expect(result.categories).toEqual(['no', 'yes']);
    expect(result.counts).toEqual([
      [15, 10],
      [5, 20],
    ]);
    expect(result.n).toBe(50);
    expect(() => confusionMatrix(twoCoders(COHEN_PAIRS), 'ann', 'nobody')).toThrow(/no labels/);
    expect(() => confusionMatrix(twoCoders(COHEN_PAIRS), 'ann', 'bob', { categories: ['yes'] })).toThrow(
      /does not list "no"/,
    );
  });
});
