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
  const { resamples, level } = checkedOptions(options);
  const estimate = finiteOrNull(statistic(units), 'statistic');
  if (units.length === 0) return noInterval(estimate);
  const rng = createRng(options.seed);
  const values: number[] = [];
  const sample: T[] = new Array(units.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < units.length; i++) sample[i] = units[Math.floor(rng() * units.length)];
    const value = finiteOrNull(statistic(sample), 'statistic');
    if (value !== null) values.push(value);
  }
  return percentileInterval(values, level, estimate);
}

/** A sample for groupedBootstrapIntervals: its units' groups, and its statistic of the draws per group. */
export interface GroupedSample {
  /** groupOf[i]: the group of unit i (0 … groups−1). */
  groupOf: Int32Array;
  groups: number;
  /** The statistic on the full sample, computed by the caller. */
  estimate: number | null;
  /** The statistic of a resample from draws[g], the times group g was drawn. */
  statistic: (draws: Float64Array) => number | null;
}

/**
 * The percentile bootstrap of bootstrapInterval, for statistics that depend only on how many times each group of
 * interchangeable units was drawn. It draws as bootstrapInterval draws (one seed picks the same units) but never lists a
 * resample: a resample costs its draws plus one pass over the groups, not a pass over every drawn unit. Samples of one
 * size are drawn for together: the seed picks the same unit indices for each, so each index is drawn once.
 */
export function groupedBootstrapIntervals(samples: GroupedSample[], options: BootstrapOptions): BootstrapInterval[] {
  const { resamples, level } = checkedOptions(options);
  const results: BootstrapInterval[] = new Array(samples.length);
  const bySize = new Map<number, number[]>();
  samples.forEach((sample, index) => {
    const size = sample.groupOf.length;
    bySize.set(size, [...(bySize.get(size) ?? []), index]);
  });
  for (const [n, indices] of bySize) {
    const alike = indices.map((index) => samples[index]);
    const values = n === 0 ? alike.map((): number[] => []) : sameSizeResamples(alike, n, resamples, options.seed);
    indices.forEach((index, k) => {
      results[index] = percentileInterval(values[k], level, finiteOrNull(alike[k].estimate, 'estimate'));
    });
  }
  return results;
}

/** groupedBootstrapIntervals for one sample. */
export function groupedBootstrapInterval(sample: GroupedSample, options: BootstrapOptions): BootstrapInterval {
  return groupedBootstrapIntervals([sample], options)[0];
}

/** Each sample's resampled statistics (all of `n` units), drawn together. */
function sameSizeResamples(samples: GroupedSample[], n: number, resamples: number, seed: number): number[][] {
  const rng = createRng(seed);
  const drawn = new Int32Array(n);
  const draws = samples.map((sample) => new Float64Array(sample.groups));
  const values = samples.map((): number[] => []);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) drawn[i] = Math.floor(rng() * n);
    samples.forEach((sample, k) => {
      const counts = draws[k];
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[sample.groupOf[drawn[i]]]++;
      const value = finiteOrNull(sample.statistic(counts), 'statistic');
      if (value !== null) values[k].push(value);
    });
  }
  return values;
}

/** The percentile interval of the resampled values (sorted in place); nulls when none counted. */
function percentileInterval(values: number[], level: number, estimate: number | null): BootstrapInterval {
  if (values.length === 0) return noInterval(estimate);
  values.sort((x, y) => x - y);
  const tail = (1 - level) / 2;
  return {
    low: quantileOfSorted(values, tail),
    high: quantileOfSorted(values, 1 - tail),
    resamples: values.length,
    estimate,
  };
}

function noInterval(estimate: number | null): BootstrapInterval {
  return { low: null, high: null, resamples: 0, estimate };
}

/** Percentile bootstrap of several named statistics from the same resamples (one call of `statistic` per resample); a name missing from a resample's map is skipped for that name only. */
export function bootstrapIntervals<T>(
  units: readonly T[],
  statistic: (sample: readonly T[]) => ReadonlyMap<string, number> | null,
  options: BootstrapOptions,
): Map<string, BootstrapInterval> {
  const { resamples, level } = checkedOptions(options);
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
  const result = new Map<string, BootstrapInterval>();
  for (const name of [...draws.keys()].sort()) {
    const estimate = estimates.has(name) ? finiteOrNull(estimates.get(name) as number, `statistic[${name}]`) : null;
    result.set(name, percentileInterval(draws.get(name) as number[], level, estimate));
  }
  return result;
}

/** The resample count and confidence level, defaulted and checked. */
function checkedOptions(options: BootstrapOptions): { resamples: number; level: number } {
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1)
    badInput('resamples', `must be a positive integer, got ${resamples}`);
  requireOpenUnit('level', level);
  return { resamples, level };
}

function finiteOrNull(value: number | null, field: string): number | null {
  if (value === null) return null;
  if (!Number.isFinite(value)) badInput(field, `must return a finite number or null, got ${value}`);
  return value;
}
