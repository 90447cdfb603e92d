import { badInput } from './errors.js';
import type { AlphaOptions } from './krippendorff-alpha.js';
import { ratioDelta } from './krippendorff-alpha.js';
import type { Label, LabelValue } from './labels.js';
import { levelScale } from './level-scale.js';
import { ReliabilityData } from './reliability-data.js';
import { unitValueCounts } from './unit-value-counts.js';

/** Krippendorff's coincidence matrix: o_ck = Σ_u (pairs of values c,k in u)/(m_u − 1), with marginals n_c and n = Σ n_c. */
export interface CoincidenceMatrix {
  values: LabelValue[];
  matrix: number[][];
  marginals: number[];
  n: number;
}

/** Builds the (dense, values × values) coincidence matrix, e.g. to show it next to alpha. */
export function coincidenceMatrix(input: Iterable<Label> | ReliabilityData): CoincidenceMatrix {
  const data = ReliabilityData.from(input);
  const counts = unitValueCounts(data);
  const size = data.values.length;
  const matrix = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let k = 0; k < counts.totals.length; k++) {
    const from = counts.start[k];
    const to = counts.start[k + 1];
    const divisor = counts.totals[k] - 1;
    for (let i = from; i < to; i++) {
      for (let j = from; j < to; j++) {
        const pairs = i === j ? counts.counts[i] * (counts.counts[i] - 1) : counts.counts[i] * counts.counts[j];
        matrix[counts.values[i]][counts.values[j]] += pairs / divisor;
      }
    }
  }
  const marginals = matrix.map((row) => row.reduce((sum, cell) => sum + cell, 0));
  return { values: [...data.values], matrix, marginals, n: marginals.reduce((sum, cell) => sum + cell, 0) };
}

/**
 * Alpha straight from a coincidence matrix with the textbook difference functions (Krippendorff 2011):
 * α = 1 − (n − 1)·Σ o_ck δ²_ck / Σ n_c n_k δ²_ck. Quadratic in the number of values; null when undefined.
 */
export function alphaFromCoincidences(coincidences: CoincidenceMatrix, options: AlphaOptions): number | null {
  const { values, matrix, marginals, n } = coincidences;
  if (matrix.length !== values.length || matrix.some((row) => row.length !== values.length))
    badInput('matrix', 'must be square with one row per value');
  const delta = differenceFunction(values, marginals, options);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < values.length; c++) {
    for (let k = 0; k < values.length; k++) {
      const d = delta(c, k);
      observed += matrix[c][k] * d;
      expected += marginals[c] * marginals[k] * d;
    }
  }
  if (n === 0 || expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

function differenceFunction(
  values: LabelValue[],
  marginals: number[],
  options: AlphaOptions,
): (c: number, k: number) => number {
  const scale = levelScale(values, options.level, options.order);
  if (scale.level === 'nominal') return (c, k) => (c === k ? 0 : 1);
  if (scale.level === 'interval') return (c, k) => ((values[c] as number) - (values[k] as number)) ** 2;
  if (scale.level === 'ratio') return (c, k) => ratioDelta(values[c] as number, values[k] as number);
  const rank = new Array<number>(values.length);
  (scale.ascending as Int32Array).forEach((valueIndex, position) => (rank[valueIndex] = position));
  const byRank = Array.from(scale.ascending as Int32Array);
  return (c, k) => {
    const [low, high] = rank[c] <= rank[k] ? [rank[c], rank[k]] : [rank[k], rank[c]];
    let between = 0;
    for (let g = low; g <= high; g++) between += marginals[byRank[g]];
    return (between - (marginals[c] + marginals[k]) / 2) ** 2;
  };
}
