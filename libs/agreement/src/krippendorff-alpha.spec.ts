import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@clinrank/domain';
import { alphaFromCoincidences, coincidenceMatrix } from './coincidence-matrix.js';
import { krippendorffAlpha } from './krippendorff-alpha.js';
import type { Label } from './labels.js';
import { ReliabilityData } from './reliability-data.js';

/** Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", section C: 4 coders, 12 units, '.' = missing. */
const PUBLISHED_ROWS: Record<string, string> = {
  A: '1 2 3 3 2 1 4 1 2 . . .',
  B: '1 2 3 3 2 2 4 1 2 5 . 3',
  C: '. 3 3 3 2 3 4 2 2 5 1 .',
  D: '1 2 3 3 2 4 4 1 2 5 1 .',
};

function publishedLabels(): Label[] {
  return Object.entries(PUBLISHED_ROWS).flatMap(([coder, row]) =>
    row.split(' ').flatMap((cell, i) => (cell === '.' ? [] : [{ unit: i + 1, coder, value: Number(cell) }])),
  );
}

function labelsFromMatrix(rows: (number | string | null)[][]): Label[] {
  return rows.flatMap((row, coder) => row.map((value, unit) => ({ unit, coder, value })));
}

describe('krippendorffAlpha on the published example', () => {
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
  ] as const)('reproduces %s alpha = %s', (level, expected) => {
    const result = krippendorffAlpha(publishedLabels(), { level });
    expect(result.alpha).toBeCloseTo(expected, 3);
    // Unit 12 has a single value, so 11 units and n = 40 pairable values remain.
    expect(result.units).toBe(11);
    expect(result.pairableValues).toBe(40);
  });

  it('reproduces ratio alpha ≈ 0.797', () => {
    expect(krippendorffAlpha(publishedLabels(), { level: 'ratio' }).alpha).toBeCloseTo(0.797, 3);
  });

  it('gives the published nominal disagreements D_o = 8/40 and D_e = 1216/1560', () => {
    // Coincidence marginals: n_1=9, n_2=13, n_3=10, n_4=5, n_5=3 (n=40); Σ o_cc = 7+10+8+4+3 = 32 so D_o = (40−32)/40.
    // D_e = (40·39 − (9·8 + 13·12 + 10·9 + 5·4 + 3·2))/(40·39) = (1560 − 344)/1560.
    const result = krippendorffAlpha(publishedLabels(), { level: 'nominal' });
    expect(result.observedDisagreement).toBeCloseTo(8 / 40, 12);
    expect(result.expectedDisagreement).toBeCloseTo(1216 / 1560, 12);
    expect(result.alpha).toBeCloseTo(1 - (39 * 8) / 1216, 12); // = 0.7434
  });

  it('builds the published coincidence matrix and agrees with the textbook formulas on every level', () => {
    const matrix = coincidenceMatrix(publishedLabels());
    const one = matrix.values.indexOf(1);
    const two = matrix.values.indexOf(2);
    // Published row for value 1: o_11 = 7, o_12 = 4/3, o_13 = 1/3, o_14 = 1/3; n_1 = 9.
    expect(matrix.matrix[one][one]).toBeCloseTo(7, 12);
    expect(matrix.matrix[one][two]).toBeCloseTo(4 / 3, 12);
    expect(matrix.marginals[one]).toBeCloseTo(9, 12);
    expect(matrix.n).toBeCloseTo(40, 12);
    for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
      expect(krippendorffAlpha(publishedLabels(), { level }).alpha).toBeCloseTo(
        alphaFromCoincidences(matrix, { level }) as number,
        12,
      );
    }
  });
});

describe('krippendorffAlpha on hand-computed cases', () => {
  it('is exactly 1 for perfect agreement', () => {
    const labels = labelsFromMatrix([
      [1, 2, 3, 2],
      [1, 2, 3, 2],
      [1, 2, 3, null],
    ]);
    for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const)
      expect(krippendorffAlpha(labels, { level }).alpha).toBe(1);
  });

  it('is negative when two coders systematically disagree', () => {
    // Units (1,2),(2,1),(1,2),(2,1): every unit disagrees, o_12 = o_21 = 4, n_1 = n_2 = 4, n = 8.
    // Nominal: D_o = 8/8 = 1, D_e = 2·4·4/(8·7) = 32/56, α = 1 − 56/32 = −0.75.
    const labels = labelsFromMatrix([
      [1, 2, 1, 2],
      [2, 1, 2, 1],
    ]);
    expect(krippendorffAlpha(labels, { level: 'nominal' }).alpha).toBeCloseTo(-0.75, 12);
    expect(krippendorffAlpha(labels, { level: 'interval' }).alpha).toBeCloseTo(-0.75, 12);
  });

  it('weights interval differences by their size', () => {
    // Units (1,1),(3,3),(1,2): o_11 = 2, o_33 = 2, o_12 = o_21 = 1; n_1 = 3, n_2 = 1, n_3 = 2, n = 6.
    // Σ o δ² = 2·(1−2)² = 2; Σ n_c n_k δ² = 2·(3·1·1 + 3·2·4 + 1·2·1) = 58; α = 1 − 5·2/58 = 1 − 10/58.
    const labels = labelsFromMatrix([
      [1, 3, 1],
      [1, 3, 2],
    ]);
    expect(krippendorffAlpha(labels, { level: 'interval' }).alpha).toBeCloseTo(1 - 10 / 58, 12);
  });

  it('returns null with a reason when every value is the same', () => {
    const labels = labelsFromMatrix([
      [4, 4, 4],
      [4, 4, null],
    ]);
    const result = krippendorffAlpha(labels, { level: 'interval' });
    expect(result.alpha).toBeNull();
    expect(result.reason).toMatch(/no variation/);
  });

  it('returns null when no unit has two values, and drops single-value units', () => {
    const lonely = krippendorffAlpha(
      [
        { unit: 'u1', coder: 'a', value: 1 },
        { unit: 'u2', coder: 'b', value: 2 },
      ],
      { level: 'nominal' },
    );
    expect(lonely).toMatchObject({ alpha: null, units: 0, pairableValues: 0 });
    expect(lonely.reason).toMatch(/no pairable units/);
    // Adding a single-value unit with a new category does not change alpha.
    const base = labelsFromMatrix([
      [1, 2, 1],
      [1, 2, 2],
    ]);
    const withLonely = [...base, { unit: 'alone', coder: 0, value: 9 }];
    expect(krippendorffAlpha(withLonely, { level: 'nominal' }).alpha).toBe(
      krippendorffAlpha(base, { level: 'nominal' }).alpha,
    );
  });

  it('accepts string categories for nominal data and an explicit order for ordinal data', () => {
    const labels = labelsFromMatrix([
      ['low', 'high', 'mid'],
      ['low', 'high', 'high'],
    ]);
    const numeric = labelsFromMatrix([
      [1, 3, 2],
      [1, 3, 3],
    ]);
    expect(krippendorffAlpha(labels, { level: 'nominal' }).alpha).toBeCloseTo(
      krippendorffAlpha(numeric, { level: 'nominal' }).alpha as number,
      12,
    );
    const ordinal = krippendorffAlpha(labels, { level: 'ordinal', order: ['low', 'mid', 'high'] });
    expect(ordinal.alpha).toBeCloseTo(krippendorffAlpha(numeric, { level: 'ordinal' }).alpha as number, 12);
  });
});

describe('krippendorffAlpha input checks', () => {
  it('refuses bad levels, non-numeric interval data, negative ratio data and ambiguous categories', () => {
    expect(() => krippendorffAlpha(publishedLabels(), { level: 'cardinal' as never })).toThrow(/level/);
    expect(() => krippendorffAlpha([{ unit: 1, coder: 'a', value: 'x' }], { level: 'interval' })).toThrow(/numbers/);
    expect(() => krippendorffAlpha([{ unit: 1, coder: 'a', value: -1 }], { level: 'ratio' })).toThrow(/negative/);
    expect(() => krippendorffAlpha([{ unit: 1, coder: 'a', value: 'x' }], { level: 'ordinal' })).toThrow(/order/);
    const mixed = [
      { unit: 1, coder: 'a', value: 1 },
      { unit: 1, coder: 'b', value: '1' },
    ];
    expect(() => krippendorffAlpha(mixed, { level: 'nominal' })).toThrow(/both as a number and as a string/);
  });

  it('refuses a coder labelling a unit twice, with a DomainError naming both', () => {
    const twice = [
      { unit: 'u', coder: 'a', value: 1 },
      { unit: 'u', coder: 'a', value: 2 },
    ];
    expect(() => krippendorffAlpha(twice, { level: 'nominal' })).toThrow(DomainError);
    expect(() => krippendorffAlpha(twice, { level: 'nominal' })).toThrow(/"a" labelled unit "u" more than once/);
  });

  it('refuses NaN, undefined and object values instead of counting them', () => {
    const data = new ReliabilityData();
    expect(() => data.add('u', 'a', Number.NaN)).toThrow(/value/);
    expect(() => data.add('u', 'a', undefined as never)).toThrow(/use null/);
    expect(() => data.add({} as never, 'a', 1)).toThrow(/unit/);
    expect(data.labelCount).toBe(0);
  });
});

describe('ReliabilityData accumulator', () => {
  it('gives the same alpha streamed label by label as from an array', () => {
    const data = new ReliabilityData();
    for (const label of publishedLabels()) data.add(label.unit, label.coder, label.value);
    expect(data.labelCount).toBe(publishedLabels().length);
    expect(krippendorffAlpha(data, { level: 'ordinal' }).alpha).toBe(
      krippendorffAlpha(publishedLabels(), { level: 'ordinal' }).alpha,
    );
    // Adding after computing invalidates the cached grouping.
    data.add(12, 'A', 3);
    expect(krippendorffAlpha(data, { level: 'nominal' }).units).toBe(12);
  });
});
