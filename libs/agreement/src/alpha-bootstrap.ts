import { bootstrapInterval, type BootstrapInterval } from '@clinrank/statistics';
import { alphaOverUnits, type AlphaOptions } from './krippendorff-alpha.js';
import type { Label } from './labels.js';
import { levelScale } from './level-scale.js';
import { ReliabilityData } from './reliability-data.js';
import { unitValueCounts } from './unit-value-counts.js';

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
  const counts = unitValueCounts(data);
  const units = Array.from(counts.totals.keys());
  return bootstrapInterval(units, (sample) => alphaOverUnits(counts, scale, sample).alpha, {
    seed: options.seed,
    resamples: options.resamples,
    level: options.confidence,
  });
}
