import { groupedBootstrapInterval, type BootstrapInterval, type GroupedSample } from '@clinrank/statistics';
import { alphaOverUnits, type AlphaOptions } from './krippendorff-alpha.js';
import type { Label } from './labels.js';
import { levelScale, type LevelScale } from './level-scale.js';
import { ReliabilityData } from './reliability-data.js';
import { groupIdenticalUnits, unitValueCounts, type UnitValueCounts } from './unit-value-counts.js';

export interface AlphaBootstrapOptions extends AlphaOptions {
  seed: number;
  /** Resamples drawn (default 1000). */
  resamples?: number;
  /** Confidence level of the percentile interval (default 0.95). */
  confidence?: number;
}

/**
 * Seeded percentile bootstrap interval for Krippendorff's alpha, resampling pairable units with replacement;
 * resamples in which alpha is undefined (no variation) are skipped and not counted.
 */
export function alphaBootstrapInterval(
  input: Iterable<Label> | ReliabilityData,
  options: AlphaBootstrapOptions,
): BootstrapInterval {
  const data = ReliabilityData.from(input);
  const scale = levelScale(data.values, options.level, options.order);
  return alphaBootstrapOverCounts(unitValueCounts(data), scale, options);
}

/**
 * The bootstrap of alphaBootstrapInterval over per-unit value counts. Each resample draws the pairable units as
 * bootstrapInterval would (the same seed, the same units), and alpha is summed over groups of units with equal value
 * counts, each weighted by its draws: the same resampled alphas up to the order of floating-point additions, at a cost
 * of the draws plus the groups rather than a pass over every drawn unit (BENCHMARKS.md, "the cold agreement summary
 * within 5 s").
 */
export function alphaBootstrapOverCounts(
  counts: UnitValueCounts,
  scale: LevelScale,
  options: AlphaBootstrapOptions,
): BootstrapInterval {
  return groupedBootstrapInterval(groupedAlphaSample(counts, scale), {
    seed: options.seed,
    resamples: options.resamples,
    level: options.confidence,
  });
}

/** Alpha over the units as a grouped bootstrap's sample: the units grouped by their value counts. */
export function groupedAlphaSample(counts: UnitValueCounts, scale: LevelScale): GroupedSample {
  const { groupOf, representatives } = groupIdenticalUnits(counts);
  return {
    groupOf,
    groups: representatives.length,
    estimate: alphaOverUnits(counts, scale).alpha,
    statistic: (draws) => alphaOverUnits(counts, scale, representatives, draws).alpha,
  };
}
