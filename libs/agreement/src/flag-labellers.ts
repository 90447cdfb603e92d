import { badInput } from './errors.js';
import type { GoldAccuracy, PositionBias, TieRate } from './labeller-quality.js';
import type { LeaveOneOutAgreement } from './leave-one-out.js';
import { compareText } from './value-order.js';

/** Everything known about one labeller; each part is optional. */
export interface LabellerSummary {
  coder: string;
  looAgreement?: LeaveOneOutAgreement;
  gold?: GoldAccuracy;
  positionBias?: PositionBias;
  tieRate?: TieRate;
  time?: { n: number; medianSeconds: number | null };
}

/** Joins per-coder results (as returned by leaveOneOutAgreement, goldAccuracy, …) into one summary per coder, sorted by coder. */
export function labellerSummaries(parts: {
  looAgreement?: Record<string, LeaveOneOutAgreement>;
  gold?: Record<string, GoldAccuracy>;
  positionBias?: Record<string, PositionBias>;
  tieRate?: Record<string, TieRate>;
  time?: Record<string, { n: number; medianSeconds: number | null }>;
}): LabellerSummary[] {
  const coders = new Set<string>();
  for (const part of Object.values(parts)) for (const coder of Object.keys(part ?? {})) coders.add(coder);
  return [...coders].sort(compareText).map((coder) => {
    const summary: LabellerSummary = { coder };
    for (const key of ['looAgreement', 'gold', 'positionBias', 'tieRate', 'time'] as const) {
      const value = parts[key]?.[coder];
      if (value !== undefined) (summary as unknown as Record<string, unknown>)[key] = value;
    }
    return summary;
  });
}

export interface LabellerThresholds {
  /** Flag when leave-one-out majority agreement is below this. */
  minLooAgreement?: number;
  /** Flag when gold accuracy is below this. */
  minGoldAccuracy?: number;
  /** Flag when the position-bias binomial p-value is below this (e.g. 0.01). */
  positionBiasPValue?: number;
  /** Flag when the tie rate is above this. */
  maxTieRate?: number;
  /** Flag when the median seconds per task is below this. */
  minMedianSeconds?: number;
  /** A rate only flags when it rests on at least this many observations (default 10). */
  minN?: number;
}

export interface LabellerFlag {
  coder: string;
  reasons: string[];
}

/** Labellers who fall below (or above) any threshold, each with the reasons in words; unflagged labellers are left out. */
export function flagLabellers(summaries: readonly LabellerSummary[], thresholds: LabellerThresholds): LabellerFlag[] {
  const minN = thresholds.minN ?? 10;
  if (!Number.isInteger(minN) || minN < 1) badInput('minN', `must be a positive integer, got ${minN}`);
  for (const [key, value] of Object.entries(thresholds)) if (value !== undefined && !Number.isFinite(value)) badInput(key, `must be a finite number, got ${value}`);
  const flags: LabellerFlag[] = [];
  for (const summary of summaries) {
    const reasons = reasonsFor(summary, thresholds, minN);
    if (reasons.length > 0) flags.push({ coder: summary.coder, reasons });
  }
  return flags;
}

function reasonsFor(summary: LabellerSummary, t: LabellerThresholds, minN: number): string[] {
  const reasons: string[] = [];
  const { looAgreement: loo, gold, positionBias: bias, tieRate: ties, time } = summary;
  if (t.minLooAgreement !== undefined && loo && loo.rate !== null && loo.n >= minN && loo.rate < t.minLooAgreement) {
    reasons.push(`agreement with the other labellers' majority ${format(loo.rate)} < ${t.minLooAgreement} (n = ${loo.n})`);
  }
  if (t.minGoldAccuracy !== undefined && gold && gold.accuracy !== null && gold.n >= minN && gold.accuracy < t.minGoldAccuracy) {
    reasons.push(`gold accuracy ${format(gold.accuracy)} < ${t.minGoldAccuracy} (n = ${gold.n})`);
  }
  if (t.positionBiasPValue !== undefined && bias && bias.pValue !== null && bias.n >= minN && bias.pValue < t.positionBiasPValue) {
    reasons.push(`chose the response shown first ${format(bias.share as number)} of the time (p = ${bias.pValue.toPrecision(2)} < ${t.positionBiasPValue}, n = ${bias.n})`);
  }
  if (t.maxTieRate !== undefined && ties && ties.rate !== null && ties.n >= minN && ties.rate > t.maxTieRate) {
    reasons.push(`tie rate ${format(ties.rate)} > ${t.maxTieRate} (n = ${ties.n})`);
  }
  if (t.minMedianSeconds !== undefined && time && time.medianSeconds !== null && time.n >= minN && time.medianSeconds < t.minMedianSeconds) {
    reasons.push(`median ${time.medianSeconds} s per task < ${t.minMedianSeconds} s (n = ${time.n})`);
  }
  return reasons;
}

function format(rate: number): string {
  return rate.toFixed(3);
}
