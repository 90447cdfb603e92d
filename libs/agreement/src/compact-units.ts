import { bootstrapInterval, type BootstrapInterval } from '@clinrank/statistics';
import type { AlphaBootstrapOptions } from './alpha-bootstrap.js';
import { alphaOverUnits } from './krippendorff-alpha.js';
import { requireLabelValue, type LabelValue } from './labels.js';
import { levelScale } from './level-scale.js';
import type { UnitValueCounts } from './unit-value-counts.js';

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
  const unitCount = units.start.length - 1;
  let pairableUnits = 0;
  let pairableLabels = 0;
  for (let u = 0; u < unitCount; u++) {
    const m = units.start[u + 1] - units.start[u];
    if (m >= 2) {
      pairableUnits++;
      pairableLabels += m;
    }
  }
  const unitIds = new Int32Array(pairableUnits);
  const totals = new Int32Array(pairableUnits);
  const start = new Int32Array(pairableUnits + 1);
  const values = new Int32Array(pairableLabels);
  const counts = new Int32Array(pairableLabels);
  const slotOf = new Int32Array(units.valueList.length).fill(-1);
  let k = 0;
  let cursor = 0;
  for (let u = 0; u < unitCount; u++) {
    const from = units.start[u];
    const to = units.start[u + 1];
    if (to - from < 2) continue;
    const first = cursor;
    for (let j = from; j < to; j++) {
      const value = units.values[j];
      if (slotOf[value] < first) {
        slotOf[value] = cursor;
        values[cursor] = value;
        counts[cursor++] = 1;
      } else counts[slotOf[value]]++;
    }
    unitIds[k] = u;
    totals[k] = to - from;
    start[++k] = cursor;
  }
  return {
    unitIds,
    start,
    values: values.subarray(0, cursor),
    counts: counts.subarray(0, cursor),
    totals,
    valueCount: units.valueList.length,
  };
}

/**
 * Seeded percentile bootstrap interval of Krippendorff's alpha over CompactUnits, resampling pairable units with
 * replacement: the same resamples and result as alphaBootstrapInterval over the same units in the same order.
 */
export function compactAlphaBootstrap(units: CompactUnits, options: AlphaBootstrapOptions): BootstrapInterval {
  const scale = levelScale(units.valueList, options.level, options.order);
  const counts = compactUnitValueCounts(units);
  const indices = Array.from(counts.totals.keys());
  return bootstrapInterval(indices, (sample) => alphaOverUnits(counts, scale, sample).alpha, {
    seed: options.seed,
    resamples: options.resamples,
    level: options.confidence,
  });
}
