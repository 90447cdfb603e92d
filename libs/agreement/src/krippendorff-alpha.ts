import type { Label, LabelValue, MeasurementLevel } from './labels.js';
import { type LevelScale, levelScale } from './level-scale.js';
import { ReliabilityData } from './reliability-data.js';
import { type UnitValueCounts, unitValueCounts } from './unit-value-counts.js';

export interface AlphaOptions {
  level: MeasurementLevel;
  /** Ordinal only: the values from lowest to highest (needed when the values are not numbers). */
  order?: readonly LabelValue[];
}

export interface AlphaResult {
  /** α = 1 − D_o/D_e; null when undefined for these data (see reason). */
  alpha: number | null;
  reason?: string;
  level: MeasurementLevel;
  /** Units with at least two values (the others cannot be paired and are dropped). */
  units: number;
  /** n: the number of pairable values. */
  pairableValues: number;
  observedDisagreement: number | null;
  expectedDisagreement: number | null;
}

/**
 * Krippendorff's alpha for nominal, ordinal, interval or ratio data with missing values (Krippendorff 2011),
 * computed from per-unit value counts: α = 1 − (n−1)·Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
 */
export function krippendorffAlpha(input: Iterable<Label> | ReliabilityData, options: AlphaOptions): AlphaResult {
  const data = ReliabilityData.from(input);
  const scale = levelScale(data.values, options.level, options.order);
  return alphaOverUnits(unitValueCounts(data), scale);
}

/**
 * Alpha over the chosen pairable units (indices into `counts`, repeats allowed, as in a bootstrap resample); all units by
 * default. `weights[s]`, when given, counts selection[s] that many times (a grouped bootstrap's draws); a weight of 1
 * gives exactly the figures of listing the unit once.
 */
export function alphaOverUnits(
  counts: UnitValueCounts,
  scale: LevelScale,
  selection?: ArrayLike<number>,
  weights?: ArrayLike<number>,
): AlphaResult {
  const units = selection ?? allUnits(counts);
  const weightOf = weights ? (s: number) => weights[s] : unitWeight;
  const marginals = new Float64Array(counts.valueCount);
  let n = 0;
  let selected = 0;
  for (let s = 0; s < units.length; s++) {
    const k = units[s];
    const w = weightOf(s);
    for (let j = counts.start[k]; j < counts.start[k + 1]; j++) marginals[counts.values[j]] += w * counts.counts[j];
    n += w * counts.totals[k];
    selected += w;
  }
  const base = { level: scale.level, units: selected, pairableValues: n };
  if (selected === 0)
    return {
      alpha: null,
      reason: 'no pairable units (no unit has two or more values)',
      ...base,
      observedDisagreement: null,
      expectedDisagreement: null,
    };
  if (countNonZero(marginals) < 2)
    return {
      alpha: null,
      reason: 'no variation (every pairable value is the same)',
      ...base,
      observedDisagreement: null,
      expectedDisagreement: null,
    };
  const { observed, expected } = disagreementSums(counts, scale, units, weightOf, marginals, n);
  const observedDisagreement = observed / n;
  const expectedDisagreement = expected / (n * (n - 1));
  return {
    alpha: 1 - observedDisagreement / expectedDisagreement,
    ...base,
    observedDisagreement,
    expectedDisagreement,
  };
}

interface DisagreementSums {
  /** Σ_c Σ_k o_ck δ²_ck */
  observed: number;
  /** Σ_c Σ_k n_c n_k δ²_ck */
  expected: number;
}

/** A unit's weight: its selected index's, or 1. */
type WeightOf = (s: number) => number;
const unitWeight: WeightOf = () => 1;

function disagreementSums(
  counts: UnitValueCounts,
  scale: LevelScale,
  units: ArrayLike<number>,
  weightOf: WeightOf,
  marginals: Float64Array,
  n: number,
): DisagreementSums {
  if (scale.level === 'nominal') return nominalSums(counts, units, weightOf, marginals, n);
  if (scale.level === 'ratio') return ratioSums(counts, units, weightOf, marginals, scale.numbers as Float64Array);
  const positions =
    scale.level === 'ordinal'
      ? ordinalPositions(marginals, scale.ascending as Int32Array)
      : (scale.numbers as Float64Array);
  return squaredDifferenceSums(counts, units, weightOf, marginals, n, positions);
}

/** δ² = [c ≠ k]: Σ_c Σ_k n_uc n_uk δ² = m_u² − Σ_c n_uc². */
function nominalSums(
  counts: UnitValueCounts,
  units: ArrayLike<number>,
  weightOf: WeightOf,
  marginals: Float64Array,
  n: number,
): DisagreementSums {
  let observed = 0;
  for (let s = 0; s < units.length; s++) {
    const k = units[s];
    const m = counts.totals[k];
    let sameValuePairs = 0;
    for (let j = counts.start[k]; j < counts.start[k + 1]; j++) sameValuePairs += counts.counts[j] * counts.counts[j];
    observed += (weightOf(s) * (m * m - sameValuePairs)) / (m - 1);
  }
  let sameMarginal = 0;
  for (let c = 0; c < marginals.length; c++) sameMarginal += marginals[c] * marginals[c];
  return { observed, expected: n * n - sameMarginal };
}

/**
 * δ² = (x_c − x_k)², for interval (x = the value) and ordinal (x = the value's mid-rank under the marginals).
 * Σ_c Σ_k w_c w_k (x_c − x_k)² = 2·W·Σ_c w_c (x_c − x̄)², summed around the mean for numerical stability.
 */
function squaredDifferenceSums(
  counts: UnitValueCounts,
  units: ArrayLike<number>,
  weightOf: WeightOf,
  marginals: Float64Array,
  n: number,
  x: Float64Array,
): DisagreementSums {
  let observed = 0;
  for (let s = 0; s < units.length; s++) {
    const k = units[s];
    const from = counts.start[k];
    const to = counts.start[k + 1];
    const m = counts.totals[k];
    let sum = 0;
    for (let j = from; j < to; j++) sum += counts.counts[j] * x[counts.values[j]];
    const centre = sum / m;
    let spread = 0;
    for (let j = from; j < to; j++) spread += counts.counts[j] * (x[counts.values[j]] - centre) ** 2;
    observed += (weightOf(s) * (2 * m * spread)) / (m - 1);
  }
  let sum = 0;
  for (let c = 0; c < marginals.length; c++) sum += marginals[c] * x[c];
  const centre = sum / n;
  let spread = 0;
  for (let c = 0; c < marginals.length; c++) if (marginals[c] > 0) spread += marginals[c] * (x[c] - centre) ** 2;
  return { observed, expected: 2 * n * spread };
}

/**
 * Krippendorff's ordinal δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)² equals (M_k − M_c)²
 * with the mid-rank M_c = Σ_{g<c} n_g + n_c/2, so ordinal is the interval metric on mid-ranks.
 */
function ordinalPositions(marginals: Float64Array, ascending: Int32Array): Float64Array {
  const positions = new Float64Array(marginals.length);
  let below = 0;
  for (const c of ascending) {
    positions[c] = below + marginals[c] / 2;
    below += marginals[c];
  }
  return positions;
}

/** δ² = ((c − k)/(c + k))², 0 when c = k = 0; has no closed form, so pairs of distinct values are visited. */
function ratioSums(
  counts: UnitValueCounts,
  units: ArrayLike<number>,
  weightOf: WeightOf,
  marginals: Float64Array,
  x: Float64Array,
): DisagreementSums {
  let observed = 0;
  for (let s = 0; s < units.length; s++) {
    const k = units[s];
    let unitSum = 0;
    for (let i = counts.start[k]; i < counts.start[k + 1]; i++) {
      for (let j = i + 1; j < counts.start[k + 1]; j++) {
        unitSum += 2 * counts.counts[i] * counts.counts[j] * ratioDelta(x[counts.values[i]], x[counts.values[j]]);
      }
    }
    observed += (weightOf(s) * unitSum) / (counts.totals[k] - 1);
  }
  const present = presentValues(marginals);
  let expected = 0;
  for (let i = 0; i < present.length; i++) {
    for (let j = i + 1; j < present.length; j++) {
      expected += 2 * marginals[present[i]] * marginals[present[j]] * ratioDelta(x[present[i]], x[present[j]]);
    }
  }
  return { observed, expected };
}

/** Krippendorff's ratio difference ((c − k)/(c + k))². */
export function ratioDelta(c: number, k: number): number {
  return c + k === 0 ? 0 : ((c - k) / (c + k)) ** 2;
}

function presentValues(marginals: Float64Array): number[] {
  const present: number[] = [];
  for (let c = 0; c < marginals.length; c++) if (marginals[c] > 0) present.push(c);
  return present;
}

function countNonZero(marginals: Float64Array): number {
  let nonZero = 0;
  for (let c = 0; c < marginals.length; c++) if (marginals[c] > 0) nonZero++;
  return nonZero;
}

function allUnits(counts: UnitValueCounts): Int32Array {
  const units = new Int32Array(counts.totals.length);
  for (let k = 0; k < units.length; k++) units[k] = k;
  return units;
}
