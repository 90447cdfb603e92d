import { ReliabilityData } from './reliability-data.js';

/**
 * Per-unit value counts n_uc of the pairable units (those with at least two values), in CSR layout:
 * pairable unit k has distinct value indices values[start[k] … start[k+1]−1] with their counts, and m_u = totals[k].
 */
export interface UnitValueCounts {
  unitIds: Int32Array;
  start: Int32Array;
  values: Int32Array;
  counts: Int32Array;
  totals: Int32Array;
  /** Number of distinct values in the whole data (the size of the value table). */
  valueCount: number;
}

/** Counts each pairable unit's values; units with fewer than two values are dropped (they cannot be paired). */
export function unitValueCounts(data: ReliabilityData): UnitValueCounts {
  return countUnitValues(data.byUnit(), data.unitCount, data.values.length);
}

/**
 * The same counts from any CSR grouping: unit u holds value indices values[start[u] … start[u+1]−1], each below
 * `valueCount`.
 */
export function countUnitValues(
  grouped: { start: ArrayLike<number>; values: ArrayLike<number> },
  unitCount: number,
  valueCount: number,
): UnitValueCounts {
  let pairableUnits = 0;
  let pairableLabels = 0;
  for (let u = 0; u < unitCount; u++) {
    const m = grouped.start[u + 1] - grouped.start[u];
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
  const slotOf = new Int32Array(valueCount).fill(-1);
  let k = 0;
  let cursor = 0;
  for (let u = 0; u < unitCount; u++) {
    const from = grouped.start[u];
    const to = grouped.start[u + 1];
    if (to - from < 2) continue;
    const first = cursor;
    for (let j = from; j < to; j++) {
      const value = grouped.values[j];
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
  return { unitIds, start, values: values.subarray(0, cursor), counts: counts.subarray(0, cursor), totals, valueCount };
}

/** Pairable units grouped by their value counts: units of one group add the same terms to alpha. */
export interface UnitGroups {
  /** groupOf[k]: the group of pairable unit k. */
  groupOf: Int32Array;
  /** One unit of each group, by group. */
  representatives: Int32Array;
}

/**
 * Groups the pairable units whose values have the same counts (as a multiset of value and count). A large project has
 * few such groups: 200,000 units of five labels on four categories fall into a few dozen.
 */
export function groupIdenticalUnits(counts: UnitValueCounts): UnitGroups {
  const units = counts.totals.length;
  // A unit's key: its count of each value as a digit in base `span` (a count is at most its unit's total), exact while
  // span^values stays below 2^53; beyond that, the sorted value:count list as text.
  let span = 1;
  for (let k = 0; k < units; k++) span = Math.max(span, counts.totals[k] + 1);
  const numeric = counts.valueCount * Math.log2(span) < 53;
  const weight = numeric ? Array.from({ length: counts.valueCount }, (_, value) => span ** value) : [];
  const groupOf = new Int32Array(units);
  const representatives: number[] = [];
  const groupByKey = new Map<number | string, number>();
  for (let k = 0; k < units; k++) {
    const key = numeric ? numericKey(counts, k, weight) : textKey(counts, k);
    let group = groupByKey.get(key);
    if (group === undefined) {
      group = representatives.length;
      groupByKey.set(key, group);
      representatives.push(k);
    }
    groupOf[k] = group;
  }
  return { groupOf, representatives: Int32Array.from(representatives) };
}

function numericKey(counts: UnitValueCounts, k: number, weight: number[]): number {
  let key = 0;
  for (let j = counts.start[k]; j < counts.start[k + 1]; j++) key += counts.counts[j] * weight[counts.values[j]];
  return key;
}

function textKey(counts: UnitValueCounts, k: number): string {
  const pairs: string[] = [];
  for (let j = counts.start[k]; j < counts.start[k + 1]; j++) pairs.push(`${counts.values[j]}:${counts.counts[j]}`);
  return pairs.sort().join(',');
}
