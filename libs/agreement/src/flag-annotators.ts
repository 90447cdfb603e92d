import { badInput } from './errors.js';
import type { GoldAccuracy, PositionBias, SameChoice, TieRate } from './annotator-quality.js';
import type { LeaveOneOutAgreement } from './leave-one-out.js';
import { compareText } from './value-order.js';

/** Everything known about one annotator; each part is optional. */
export interface AnnotatorSummary {
  coder: string;
  looAgreement?: LeaveOneOutAgreement;
  gold?: GoldAccuracy;
  positionBias?: PositionBias;
  tieRate?: TieRate;
  time?: { n: number; medianSeconds: number | null };
  sameChoice?: SameChoice;
}

const SUMMARY_PARTS = ['looAgreement', 'gold', 'positionBias', 'tieRate', 'time', 'sameChoice'] as const;

/** Joins per-coder results (as returned by leaveOneOutAgreement, goldAccuracy, …) into one summary per coder, sorted by coder. */
export function annotatorSummaries(parts: {
  looAgreement?: Record<string, LeaveOneOutAgreement>;
  gold?: Record<string, GoldAccuracy>;
  positionBias?: Record<string, PositionBias>;
  tieRate?: Record<string, TieRate>;
  time?: Record<string, { n: number; medianSeconds: number | null }>;
  sameChoice?: Record<string, SameChoice>;
}): AnnotatorSummary[] {
  const coders = new Set<string>();
  for (const part of Object.values(parts)) for (const coder of Object.keys(part ?? {})) coders.add(coder);
  return [...coders].sort(compareText).map((coder) => {
    const summary: AnnotatorSummary = { coder };
    for (const key of SUMMARY_PARTS) {
      const value = parts[key]?.[coder];
      if (value !== undefined) (summary as unknown as Record<string, unknown>)[key] = value;
    }
    return summary;
  });
}

export interface AnnotatorThresholds {
  /** Flag when leave-one-out majority agreement is below this. */
  minLooAgreement?: number;
  /** Flag when gold accuracy is below this. */
  minGoldAccuracy?: number;
  /** Flag when the position-bias binomial p-value is below this (e.g. 0.01); the test itself weighs n, so no minimum n applies. */
  positionBiasPValue?: number;
  /** Flag when the tie rate is above this. */
  maxTieRate?: number;
  /** Flag when the median seconds per task is below this. */
  minMedianSeconds?: number;
  /** Flag when the most common choice is given on more than this share of tasks (straight-lining, e.g. 0.9). */
  maxSameChoiceShare?: number;
  /** A rate is only judged when it rests on at least this many observations (default 10); below, the check says so. */
  minN?: number;
}

export type AnnotatorCheckKind = 'agreement' | 'gold' | 'position_bias' | 'ties' | 'speed' | 'straight_lining';

/** One threshold applied to one annotator: flagged, passed, or not judged for want of observations (never a silent zero). */
export interface AnnotatorCheck {
  kind: AnnotatorCheckKind;
  status: 'flagged' | 'ok' | 'not_enough';
  /** The measured figure (a share, or seconds for speed); null when nothing was measured. */
  value: number | null;
  threshold: number;
  n: number;
  /** Observations the check needs (0 for position bias: the binomial test weighs n itself). */
  minN: number;
  /** Position bias only: the binomial test's p-value. */
  pValue: number | null;
  /** The same in words, with n and the threshold. */
  reason: string;
}

export interface AnnotatorFlag {
  coder: string;
  /** Reasons of the flagged checks. */
  reasons: string[];
  checks: AnnotatorCheck[];
}

/** Every threshold given, applied to every annotator; `reasons` lists the flagged ones in words. */
export function checkAnnotators(
  summaries: readonly AnnotatorSummary[],
  thresholds: AnnotatorThresholds,
): AnnotatorFlag[] {
  const minN = thresholds.minN ?? 10;
  if (!Number.isInteger(minN) || minN < 1) badInput('minN', `must be a positive integer, got ${minN}`);
  for (const [key, value] of Object.entries(thresholds))
    if (value !== undefined && !Number.isFinite(value)) badInput(key, `must be a finite number, got ${value}`);
  return summaries.map((summary) => {
    const checks = checksFor(summary, thresholds, minN);
    return {
      coder: summary.coder,
      reasons: checks.filter((check) => check.status === 'flagged').map((check) => check.reason),
      checks,
    };
  });
}

/** Annotators who cross any threshold, each with the reasons in words; unflagged annotators are left out. */
export function flagAnnotators(
  summaries: readonly AnnotatorSummary[],
  thresholds: AnnotatorThresholds,
): AnnotatorFlag[] {
  return checkAnnotators(summaries, thresholds).filter((flag) => flag.reasons.length > 0);
}

interface Measure {
  kind: AnnotatorCheckKind;
  threshold: number | undefined;
  n: number;
  value: number | null;
  /** True when the value crosses the threshold. */
  crosses: (value: number, threshold: number) => boolean;
  describe: (value: number, threshold: number, n: number) => string;
}

function checksFor(summary: AnnotatorSummary, t: AnnotatorThresholds, minN: number): AnnotatorCheck[] {
  const { looAgreement: loo, gold, positionBias: bias, tieRate: ties, time, sameChoice: same } = summary;
  const measures: (Measure | null)[] = [
    loo
      ? {
          kind: 'agreement',
          threshold: t.minLooAgreement,
          n: loo.n,
          value: loo.rate,
          crosses: (v, th) => v < th,
          describe: (v, th, n) => `agreement with the other annotators' majority ${format(v)} < ${th} (n = ${n})`,
        }
      : null,
    gold
      ? {
          kind: 'gold',
          threshold: t.minGoldAccuracy,
          n: gold.n,
          value: gold.accuracy,
          crosses: (v, th) => v < th,
          describe: (v, th, n) => `gold accuracy ${format(v)} < ${th} (n = ${n})`,
        }
      : null,
    ties
      ? {
          kind: 'ties',
          threshold: t.maxTieRate,
          n: ties.n,
          value: ties.rate,
          crosses: (v, th) => v > th,
          describe: (v, th, n) => `tie rate ${format(v)} > ${th} (n = ${n})`,
        }
      : null,
    time
      ? {
          kind: 'speed',
          threshold: t.minMedianSeconds,
          n: time.n,
          value: time.medianSeconds,
          crosses: (v, th) => v < th,
          describe: (v, th, n) => `median ${round(v)} s per task < ${th} s (n = ${n})`,
        }
      : null,
    same
      ? {
          kind: 'straight_lining',
          threshold: t.maxSameChoiceShare,
          n: same.n,
          value: same.share,
          crosses: (v, th) => v > th,
          describe: (v, th, n) => `gave the same answer (${same.choice}) on ${format(v)} of tasks > ${th} (n = ${n})`,
        }
      : null,
  ];
  const checks: AnnotatorCheck[] = [];
  if (bias && t.positionBiasPValue !== undefined) checks.push(positionBiasCheck(bias, t.positionBiasPValue));
  for (const measure of measures) {
    if (!measure || measure.threshold === undefined) continue;
    const { kind, threshold, n, value } = measure;
    const base = { kind, threshold, n, minN, value, pValue: null };
    if (value === null || n < minN)
      checks.push({
        ...base,
        status: 'not_enough',
        reason: `${kind.replace('_', ' ')}: not enough labels (n = ${n} of ${minN})`,
      });
    else if (measure.crosses(value, threshold))
      checks.push({ ...base, status: 'flagged', reason: measure.describe(value, threshold, n) });
    else
      checks.push({
        ...base,
        status: 'ok',
        reason: `${kind.replace('_', ' ')}: ${kind === 'speed' ? `${round(value)} s` : format(value)} (threshold ${threshold}, n = ${n})`,
      });
  }
  return checks.sort((x, y) => STATUS_ORDER[x.status] - STATUS_ORDER[y.status]);
}

const STATUS_ORDER = { flagged: 0, not_enough: 1, ok: 2 } as const;

/** The exact binomial test already accounts for n: 8 of 8 first-shown choices (p = 0.0078) is evidence, so no minimum n. */
function positionBiasCheck(bias: PositionBias, threshold: number): AnnotatorCheck {
  const base = {
    kind: 'position_bias' as const,
    threshold,
    n: bias.n,
    minN: 0,
    value: bias.share,
    pValue: bias.pValue,
  };
  if (bias.pValue === null || bias.share === null)
    return { ...base, status: 'not_enough', reason: 'position bias: no choice of one answer yet (n = 0)' };
  const words = `chose the response shown first ${format(bias.share)} of the time (p = ${bias.pValue.toPrecision(2)}`;
  if (bias.pValue < threshold) return { ...base, status: 'flagged', reason: `${words} < ${threshold}, n = ${bias.n})` };
  return { ...base, status: 'ok', reason: `${words} ≥ ${threshold}, n = ${bias.n})` };
}

function format(rate: number): string {
  return rate.toFixed(3);
}

function round(seconds: number): number {
  return Math.round(seconds * 10) / 10;
}
