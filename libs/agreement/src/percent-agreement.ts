import type { Label } from './labels.js';
import { levelScale } from './level-scale.js';
import { ReliabilityData } from './reliability-data.js';
import { unitValueCounts } from './unit-value-counts.js';

export interface PercentAgreementResult {
  /** Mean over units with ≥ 2 values of (agreeing ordered pairs)/(m(m − 1)); null when there are no such units. */
  agreement: number | null;
  reason?: string;
  units: number;
}

/** Raw (chance-uncorrected) pairwise percent agreement, averaged over units. */
export function percentAgreement(input: Iterable<Label> | ReliabilityData): PercentAgreementResult {
  const data = ReliabilityData.from(input);
  levelScale(data.values, 'nominal');
  const counts = unitValueCounts(data);
  const units = counts.totals.length;
  if (units === 0) return { agreement: null, reason: 'no unit has two or more values', units };
  let total = 0;
  for (let k = 0; k < units; k++) {
    const m = counts.totals[k];
    let agreeing = 0;
    for (let j = counts.start[k]; j < counts.start[k + 1]; j++) agreeing += counts.counts[j] * (counts.counts[j] - 1);
    total += agreeing / (m * (m - 1));
  }
  return { agreement: total / units, units };
}
