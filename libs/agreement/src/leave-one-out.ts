import { badInput } from './errors.js';
import type { Label } from './labels.js';
import { levelScale } from './level-scale.js';
import { ReliabilityData } from './reliability-data.js';

export interface LeaveOneOutOptions {
  /** Units where fewer other coders labelled are skipped (default 1). */
  minOthers?: number;
}

/** Outcome per label, in the order the labels were added. */
export const LOO_SKIPPED = -1;
export const LOO_DISAGREES = 0;
export const LOO_AGREES = 1;

/**
 * For every label: does it match the strict majority (more than half) of the other coders' values on its unit?
 * Labels whose unit has too few other coders, or whose others have no strict majority, are skipped.
 */
export function leaveOneOutOutcomes(data: ReliabilityData, options: LeaveOneOutOptions = {}): Int8Array {
  const minOthers = options.minOthers ?? 1;
  if (!Number.isInteger(minOthers) || minOthers < 1)
    badInput('minOthers', `must be a positive integer, got ${minOthers}`);
  levelScale(data.values, 'nominal');
  const { start, values, origins } = data.byUnit();
  const outcomes = new Int8Array(data.labelCount).fill(LOO_SKIPPED);
  const count = new Int32Array(data.values.length);
  const distinct: number[] = [];
  for (let u = 0; u + 1 < start.length; u++) {
    const others = start[u + 1] - start[u] - 1;
    if (others < minOthers) continue;
    distinct.length = 0;
    for (let j = start[u]; j < start[u + 1]; j++) if (count[values[j]]++ === 0) distinct.push(values[j]);
    for (let j = start[u]; j < start[u + 1]; j++) {
      const majority = strictMajorityWithout(values[j], distinct, count, others);
      if (majority !== -1) outcomes[origins[j]] = majority === values[j] ? LOO_AGREES : LOO_DISAGREES;
    }
    for (const value of distinct) count[value] = 0;
  }
  return outcomes;
}

/** The value held by more than half of the others (the unit's counts minus one for `own`), or −1. */
function strictMajorityWithout(own: number, distinct: number[], count: Int32Array, others: number): number {
  for (const value of distinct) {
    const held = count[value] - (value === own ? 1 : 0);
    if (2 * held > others) return value;
  }
  return -1;
}

export interface LeaveOneOutAgreement {
  /** Units where the other coders had a strict majority (the denominator). */
  n: number;
  agreements: number;
  rate: number | null;
  /** Units skipped: too few other coders, or no strict majority among them. */
  skipped: number;
}

/** Per coder: agreement with the leave-one-out strict majority of the other coders on each unit. */
export function leaveOneOutAgreement(
  input: Iterable<Label> | ReliabilityData,
  options: LeaveOneOutOptions = {},
): Record<string, LeaveOneOutAgreement> {
  const data = ReliabilityData.from(input);
  const outcomes = leaveOneOutOutcomes(data, options);
  const { coders, origins } = data.byUnit();
  const tallies = data.coders.map(() => ({ n: 0, agreements: 0, skipped: 0 }));
  for (let j = 0; j < coders.length; j++) {
    const tally = tallies[coders[j]];
    const outcome = outcomes[origins[j]];
    if (outcome === LOO_SKIPPED) tally.skipped++;
    else {
      tally.n++;
      tally.agreements += outcome;
    }
  }
  const result: Record<string, LeaveOneOutAgreement> = {};
  data.coders.forEach((coder, i) => {
    const { n, agreements, skipped } = tallies[i];
    result[coder] = { n, agreements, rate: n === 0 ? null : agreements / n, skipped };
  });
  return result;
}
