import { alphaBootstrapInterval } from './alpha-bootstrap.js';
import { REPORT_MIN_SHARED_UNITS } from './agreement-report.js';
import { cohenKappaPairs, fleissKappa } from './kappa.js';
import { kendallWByItem } from './kendall.js';
import { krippendorffAlpha } from './krippendorff-alpha.js';
import type { MeasurementLevel } from './labels.js';
import { percentAgreement } from './percent-agreement.js';
import type { ProjectLabels } from './project-labels.js';
import type { ReliabilityData } from './reliability-data.js';
import { criteriaOf, criterionUnits, requireCriterion, type CriterionUnits } from './agreement-units.js';

/** Seed of every bootstrap, so the same labels always give the same interval. */
export const BOOTSTRAP_SEED = 20_251_123;
/** Bootstrap work cap (resamples × units): large projects get fewer resamples (never under 50, never over 1000). */
export const BOOTSTRAP_BUDGET = 10_000_000;

export interface AlphaEstimate {
  level: MeasurementLevel;
  alpha: number | null;
  reason: string | null;
  /** 95% percentile bootstrap interval (units resampled); null when alpha is undefined. */
  low: number | null;
  high: number | null;
  resamples: number;
  units: number;
  pairableValues: number;
}

export interface CohenPair {
  coderA: string;
  coderB: string;
  n: number;
  kappa: number | null;
  reason: string | null;
}

export interface CriterionSummary {
  criterion: string;
  units: number;
  coders: number;
  values: number;
  /** The alpha a dashboard shows first: nominal for pairwise and validation, interval for ratings, ordinal for rankings. */
  headlineLevel: MeasurementLevel;
  alphaNominal: AlphaEstimate;
  alphaOrdinal: AlphaEstimate | null;
  alphaInterval: AlphaEstimate | null;
  percentAgreement: number | null;
  percentAgreementReason: string | null;
  fleissKappa: number | null;
  fleissKappaReason: string | null;
  cohenKappa: CohenPair[];
  /** Rankings only: mean of the per-item Kendall's W, and how many items have one. */
  kendallW: number | null;
  kendallWItems: number | null;
}

export interface AgreementSummary {
  projectId: string;
  kind: string;
  labels: number;
  items: number;
  coders: number;
  seed: number;
  criteria: CriterionSummary[];
}

/** Agreement per criterion of a project's labels; every statistic comes from @clinrank/agreement. */
export function agreementSummary(project: ProjectLabels, criterion: string | null): AgreementSummary {
  const criteria = criterion ? [requireCriterion(project, criterion)] : criteriaOf(project);
  return {
    projectId: project.projectId,
    kind: project.kind,
    labels: project.labels.length,
    items: new Set(project.labels.map((label) => label.item)).size,
    coders: new Set(project.labels.map((label) => label.coder)).size,
    seed: BOOTSTRAP_SEED,
    criteria: criteria.map((name) => criterionSummary(project, criterionUnits(project, name))),
  };
}

function criterionSummary(project: ProjectLabels, units: CriterionUnits): CriterionSummary {
  const { categorical, scaled } = units;
  const fleiss = fleissKappa(categorical);
  const agreement = percentAgreement(categorical);
  const numeric = project.kind === 'rating' || project.kind === 'ranking';
  const rankings =
    project.kind === 'ranking'
      ? kendallWByItem(
          project.labels.flatMap((label) =>
            label.content.kind === 'ranking'
              ? [{ item: label.item, coder: label.coder, ranking: label.content.ranking }]
              : [],
          ),
        )
      : null;
  return {
    criterion: units.criterion,
    units: categorical.unitCount,
    coders: categorical.coderCount,
    values: categorical.labelCount,
    headlineLevel: project.kind === 'rating' ? 'interval' : project.kind === 'ranking' ? 'ordinal' : 'nominal',
    alphaNominal: alphaEstimate(categorical, 'nominal'),
    alphaOrdinal: scaled ? alphaEstimate(scaled, 'ordinal') : null,
    alphaInterval: scaled && numeric ? alphaEstimate(scaled, 'interval') : null,
    percentAgreement: agreement.agreement,
    percentAgreementReason: agreement.reason ?? null,
    fleissKappa: fleiss.kappa,
    fleissKappaReason: fleiss.reason ?? null,
    cohenKappa: cohenPairs(categorical),
    kendallW: rankings?.meanW ?? null,
    kendallWItems: rankings?.itemsUsed ?? null,
  };
}

/** Alpha at one level with its seeded bootstrap interval. */
export function alphaEstimate(data: ReliabilityData, level: MeasurementLevel): AlphaEstimate {
  const point = krippendorffAlpha(data, { level });
  const base = {
    level,
    alpha: point.alpha,
    reason: point.reason ?? null,
    units: point.units,
    pairableValues: point.pairableValues,
  };
  if (point.alpha === null) return { ...base, low: null, high: null, resamples: 0 };
  const interval = alphaBootstrapInterval(data, {
    level,
    seed: BOOTSTRAP_SEED,
    resamples: bootstrapResamples(point.units),
  });
  return { ...base, low: interval.low, high: interval.high, resamples: interval.resamples };
}

/** Resamples for a bootstrap over this many units, within BOOTSTRAP_BUDGET. */
export function bootstrapResamples(units: number): number {
  return Math.max(50, Math.min(1000, Math.floor(BOOTSTRAP_BUDGET / Math.max(units, 1))));
}

function cohenPairs(data: ReliabilityData): CohenPair[] {
  return Object.entries(cohenKappaPairs(data, { minShared: REPORT_MIN_SHARED_UNITS })).map(([key, pair]) => {
    const [coderA, coderB] = key.split('|');
    return { coderA, coderB, n: pair.n, kappa: pair.kappa, reason: pair.reason ?? null };
  });
}
