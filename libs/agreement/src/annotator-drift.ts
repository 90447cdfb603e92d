import { isoWeek } from './iso-week.js';
import type { Label } from './labels.js';
import { type LeaveOneOutOptions, leaveOneOutOutcomes, LOO_SKIPPED } from './leave-one-out.js';
import { ReliabilityData } from './reliability-data.js';
import { compareText } from './value-order.js';

/** A label with the moment it was given (Date, ISO string or epoch milliseconds). */
export interface TimedLabel extends Label {
  at: Date | string | number;
}

export interface WeeklyAgreement {
  /** ISO week, e.g. "2026-W07". */
  week: string;
  n: number;
  agreements: number;
  rate: number;
}

/**
 * Per coder and ISO week: agreement with the leave-one-out majority (computed over all weeks' labels of each unit),
 * attributed to the week the coder gave the label; weeks without a scorable label are left out.
 */
export function agreementByWeek(
  labels: Iterable<TimedLabel>,
  options: LeaveOneOutOptions = {},
): Record<string, WeeklyAgreement[]> {
  const data = new ReliabilityData();
  const weeks: string[] = [];
  for (const label of labels) {
    const before = data.labelCount;
    data.add(label.unit, label.coder, label.value);
    if (data.labelCount > before) weeks.push(isoWeek(label.at));
  }
  const outcomes = leaveOneOutOutcomes(data, options);
  const { coders, origins } = data.byUnit();
  const tallies = new Map<string, Map<string, { n: number; agreements: number }>>();
  for (let j = 0; j < coders.length; j++) {
    const outcome = outcomes[origins[j]];
    if (outcome === LOO_SKIPPED) continue;
    const coder = data.coders[coders[j]];
    let byWeek = tallies.get(coder);
    if (byWeek === undefined) tallies.set(coder, (byWeek = new Map()));
    const week = weeks[origins[j]];
    const tally = byWeek.get(week) ?? { n: 0, agreements: 0 };
    tally.n++;
    tally.agreements += outcome;
    byWeek.set(week, tally);
  }
  const result: Record<string, WeeklyAgreement[]> = {};
  for (const coder of [...tallies.keys()].sort(compareText)) {
    const byWeek = tallies.get(coder) as Map<string, { n: number; agreements: number }>;
    result[coder] = [...byWeek.keys()].sort(compareText).map((week) => {
      const { n, agreements } = byWeek.get(week) as { n: number; agreements: number };
      return { week, n, agreements, rate: agreements / n };
    });
  }
  return result;
}
