import { groupedBootstrapIntervals, type BootstrapInterval } from '@clinrank/statistics';
import { groupedAlphaSample, type AlphaBootstrapOptions } from './alpha-bootstrap.js';
import { requireLabelValue, type LabelValue } from './labels.js';
import { levelScale } from './level-scale.js';
import { countUnitValues, type UnitValueCounts } from './unit-value-counts.js';

/**
 * Reliability data as three plain arrays, cheap to build, to copy to a worker thread and to keep: unit u owns
 * values[start[u] … start[u+1]−1] (indices into valueList). Coders are left out: what the bootstrap needs is the values per unit.
 */
export interface CompactUnits {
  start: Int32Array;
  values: Int32Array;
  valueList: LabelValue[];
}

const INITIAL_CAPACITY = 1024;

/** Builds CompactUnits one unit at a time (a unit's missing values are skipped; a unit left empty is dropped). */
export class CompactUnitsBuilder {
  private readonly valueIndex = new Map<LabelValue, number>();
  private readonly valueList: LabelValue[] = [];
  private start: Int32Array<ArrayBuffer> = new Int32Array(INITIAL_CAPACITY + 1);
  private values: Int32Array<ArrayBuffer> = new Int32Array(INITIAL_CAPACITY);
  private units = 0;
  private size = 0;

  addUnit(values: Iterable<LabelValue | null>): this {
    const before = this.size;
    for (const value of values) {
      if (value === null) continue;
      const checked = requireLabelValue('value', value);
      let index = this.valueIndex.get(checked);
      if (index === undefined) {
        index = this.valueList.length;
        this.valueIndex.set(checked, index);
        this.valueList.push(checked);
      }
      if (this.size === this.values.length) this.values = grown(this.values, this.values.length * 2);
      this.values[this.size++] = index;
    }
    if (this.size === before) return this;
    if (this.units + 2 > this.start.length) this.start = grown(this.start, this.start.length * 2);
    this.start[++this.units] = this.size;
    return this;
  }

  get unitCount(): number {
    return this.units;
  }

  build(): CompactUnits {
    return {
      start: this.start.slice(0, this.units + 1),
      values: this.values.slice(0, this.size),
      valueList: [...this.valueList],
    };
  }
}

function grown(array: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(capacity);
  next.set(array);
  return next;
}

/** Per-unit value counts of the pairable units (two or more values), as unitValueCounts gives them for ReliabilityData. */
export function compactUnitValueCounts(units: CompactUnits): UnitValueCounts {
  return countUnitValues(units, units.start.length - 1, units.valueList.length);
}

/**
 * Seeded percentile bootstrap interval of Krippendorff's alpha over CompactUnits, resampling pairable units with
 * replacement: the same resamples and result as alphaBootstrapInterval over the same units in the same order.
 */
export function compactAlphaBootstrap(units: CompactUnits, options: AlphaBootstrapOptions): BootstrapInterval {
  return compactAlphaBootstraps([{ units, options }])[0];
}

/**
 * compactAlphaBootstrap for several sets of units (a project's criteria and scales), in order. Sets with as many pairable
 * units and the same bootstrap options are drawn for together: their draws are the same unit indices (each set's
 * resamples are still its own, as compactAlphaBootstrap would give them).
 */
export function compactAlphaBootstraps(
  jobs: { units: CompactUnits; options: AlphaBootstrapOptions }[],
): BootstrapInterval[] {
  const results: BootstrapInterval[] = new Array(jobs.length);
  const byOptions = new Map<string, number[]>();
  jobs.forEach(({ options }, index) => {
    const same = JSON.stringify([options.seed, options.resamples, options.confidence]);
    byOptions.set(same, [...(byOptions.get(same) ?? []), index]);
  });
  for (const indices of byOptions.values()) {
    const samples = indices.map((index) => {
      const { units, options } = jobs[index];
      const scale = levelScale(units.valueList, options.level, options.order);
      return groupedAlphaSample(compactUnitValueCounts(units), scale);
    });
    const { seed, resamples, confidence } = jobs[indices[0]].options;
    const intervals = groupedBootstrapIntervals(samples, { seed, resamples, level: confidence });
    indices.forEach((index, k) => (results[index] = intervals[k]));
  }
  return results;
}
