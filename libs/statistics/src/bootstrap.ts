import { badInput, requireOpenUnit } from './errors.js';
import { quantileOfSorted } from './descriptive.js';
import { createRng } from './rng.js';

export interface BootstrapOptions {
  seed: number;
  /** Number of resamples drawn (default 1000). */
  resamples?: number;
  /** Confidence level of the percentile interval (default 0.95). */
  level?: number;
}

export interface BootstrapInterval {
  low: number | null;
  high: number | null;
  /** How many resamples gave a non-null statistic and so count towards the interval. */
  resamples: number;
  /** The statistic on the full sample. */
  estimate: number | null;
}

/** Seeded percentile bootstrap over units; resamples whose statistic is null are skipped and not counted. */
export function bootstrapInterval<T>(
  units: readonly T[],
  statistic: (sample: readonly T[]) => number | null,
  options: BootstrapOptions,
): BootstrapInterval {
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1)
    badInput('resamples', `must be a positive integer, got ${resamples}`);
  requireOpenUnit('level', level);
  const estimate = finiteOrNull(statistic(units), 'statistic');
  if (units.length === 0) return { low: null, high: null, resamples: 0, estimate };
  const rng = createRng(options.seed);
  const values: number[] = [];
  const sample: T[] = new Array(units.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < units.length; i++) sample[i] = units[Math.floor(rng() * units.length)];
    const value = finiteOrNull(statistic(sample), 'statistic');
    if (value !== null) values.push(value);
  }
  if (values.length === 0) return { low: null, high: null, resamples: 0, estimate };
  values.sort((x, y) => x - y);
  const tail = (1 - level) / 2;
  return {
    low: quantileOfSorted(values, tail),
    high: quantileOfSorted(values, 1 - tail),
    resamples: values.length,
    estimate,
  };
}

/**
 * The percentile bootstrap of bootstrapInterval over `groupOf.length` units, for a statistic that depends only on how
 * many times each group of interchangeable units was drawn: unit i belongs to group groupOf[i] (0 … groups−1), and
 * `statistic(draws)` reads draws[g], the times group g was drawn. It draws as bootstrapInterval draws (one seed picks the
 * same units), but never lists a resample, so a resample costs its draws plus one pass over the groups instead of a
 * pass over every drawn unit. `estimate` is the statistic on the full sample, computed by the caller.
 */
export function groupedBootstrapInterval(
  groupOf: Int32Array,
  groups: number,
  estimate: number | null,
  statistic: (draws: Float64Array) => number | null,
  options: BootstrapOptions,
): BootstrapInterval {
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1)
    badInput('resamples', `must be a positive integer, got ${resamples}`);
  requireOpenUnit('level', level);
  const checkedEstimate = finiteOrNull(estimate, 'estimate');
  const n = groupOf.length;
  if (n === 0) return { low: null, high: null, resamples: 0, estimate: checkedEstimate };
  const rng = createRng(options.seed);
  const draws = new Float64Array(groups);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    draws.fill(0);
    for (let i = 0; i < n; i++) draws[groupOf[Math.floor(rng() * n)]]++;
    const value = finiteOrNull(statistic(draws), 'statistic');
    if (value !== null) values.push(value);
  }
  if (values.length === 0) return { low: null, high: null, resamples: 0, estimate: checkedEstimate };
  values.sort((x, y) => x - y);
  const tail = (1 - level) / 2;
  return {
    low: quantileOfSorted(values, tail),
    high: quantileOfSorted(values, 1 - tail),
    resamples: values.length,
    estimate: checkedEstimate,
  };
}

/** Percentile bootstrap of several named statistics from the same resamples (one call of `statistic` per resample); a name missing from a resample's map is skipped for that name only. */
export function bootstrapIntervals<T>(
  units: readonly T[],
  statistic: (sample: readonly T[]) => ReadonlyMap<string, number> | null,
  options: BootstrapOptions,
): Map<string, BootstrapInterval> {
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1)
    badInput('resamples', `must be a positive integer, got ${resamples}`);
  requireOpenUnit('level', level);
  const estimates = statistic(units) ?? new Map<string, number>();
  const draws = new Map<string, number[]>([...estimates.keys()].map((name) => [name, []]));
  if (units.length > 0) {
    const rng = createRng(options.seed);
    const sample: T[] = new Array(units.length);
    for (let r = 0; r < resamples; r++) {
      for (let i = 0; i < units.length; i++) sample[i] = units[Math.floor(rng() * units.length)];
      for (const [name, value] of statistic(sample) ?? []) {
        const finite = finiteOrNull(value, `statistic[${name}]`);
        if (finite === null) continue;
        if (!draws.has(name)) draws.set(name, []);
        (draws.get(name) as number[]).push(finite);
      }
    }
  }
  const tail = (1 - level) / 2;
  const result = new Map<string, BootstrapInterval>();
  for (const name of [...draws.keys()].sort()) {
    const values = (draws.get(name) as number[]).sort((x, y) => x - y);
    const estimate = estimates.has(name) ? finiteOrNull(estimates.get(name) as number, `statistic[${name}]`) : null;
    const low = values.length > 0 ? quantileOfSorted(values, tail) : null;
    const high = values.length > 0 ? quantileOfSorted(values, 1 - tail) : null;
    result.set(name, { low, high, resamples: values.length, estimate });
  }
  return result;
}

function finiteOrNull(value: number | null, field: string): number | null {
  if (value === null) return null;
  if (!Number.isFinite(value)) badInput(field, `must return a finite number or null, got ${value}`);
  return value;
}
