import {
  BOOTSTRAP_SEED,
  REPORT_MIN_SHARED_UNITS,
  type AgreementSummary,
  type AlphaEstimate,
  type CohenPair,
  type CriterionSummary,
  type MeasurementLevel,
  type ReliabilityTally,
} from '@clinrank/agreement';
import { DomainError, ErrorCode, OVERALL_CRITERION, type TaskKind } from '@clinrank/domain';
import type { ProjectTally, TallyScale } from './project-tally.js';

/** A bootstrap interval of one alpha, from the worker (see heavy task alphaIntervals). */
export interface AlphaInterval {
  low: number | null;
  high: number | null;
  resamples: number;
}

/** The alphas a summary shows per criterion: the level, and the scale it is computed on. */
export function summaryAlphas(kind: TaskKind): { level: MeasurementLevel; scale: TallyScale }[] {
  const alphas: { level: MeasurementLevel; scale: TallyScale }[] = [{ level: 'nominal', scale: 'categorical' }];
  if (kind === 'pairwise') alphas.push({ level: 'ordinal', scale: 'scaled' });
  if (kind === 'rating' || kind === 'ranking')
    alphas.push({ level: 'ordinal', scale: 'categorical' }, { level: 'interval', scale: 'categorical' });
  return alphas;
}

/** The key of one alpha's interval. */
export function intervalKey(criterion: string, level: MeasurementLevel): string {
  return `${criterion}\u001f${level}`;
}

/** The criteria the summary covers, as criteriaOf orders them (`overall` first), or the one asked for. */
export function tallyCriteria(tally: ProjectTally, projectCriteria: string[], criterion: string | null): string[] {
  const all =
    tally.kind === 'ranking' || tally.kind === 'validation'
      ? [OVERALL_CRITERION]
      : tally.labelledCriteria.length > 0
        ? [...tally.labelledCriteria].sort((x, y) =>
            x === OVERALL_CRITERION ? -1 : y === OVERALL_CRITERION ? 1 : x < y ? -1 : x > y ? 1 : 0,
          )
        : [...projectCriteria].sort((x, y) =>
            x === OVERALL_CRITERION ? -1 : y === OVERALL_CRITERION ? 1 : x < y ? -1 : x > y ? 1 : 0,
          );
  if (criterion === null) return all;
  if (tally.labels > 0 && !all.includes(criterion))
    throw new DomainError(
      ErrorCode.BadUserInput,
      `criterion "${criterion}" is not labelled in this project (criteria: ${all.join(', ')})`,
      'criterion',
    );
  return [criterion];
}

/**
 * The agreement summary from a project's tally: every figure agreementSummary computes from the labels, with the
 * bootstrap intervals given (computed elsewhere, possibly for an earlier stamp). `name` maps annotator ids to usernames.
 */
export function tallySummary(
  projectId: string,
  projectCriteria: string[],
  tally: ProjectTally,
  criterion: string | null,
  intervals: ReadonlyMap<string, AlphaInterval>,
  name: (annotator: string) => string,
): AgreementSummary {
  const criteria = tallyCriteria(tally, projectCriteria, criterion);
  return {
    projectId,
    kind: tally.kind,
    labels: tally.labels,
    items: tally.items,
    coders: tally.coders,
    seed: BOOTSTRAP_SEED,
    criteria: criteria.map((chosen) => criterionSummary(tally, chosen, intervals, name)),
  };
}

function criterionSummary(
  project: ProjectTally,
  criterion: string,
  intervals: ReadonlyMap<string, AlphaInterval>,
  name: (annotator: string) => string,
): CriterionSummary {
  const categorical = project.tally(criterion, 'categorical');
  const scaled = project.kind === 'pairwise' ? project.tally(criterion, 'scaled') : categorical;
  const numeric = project.kind === 'rating' || project.kind === 'ranking';
  const hasScale = project.kind !== 'validation';
  const fleiss = categorical.fleissKappa();
  const agreement = categorical.percentAgreement();
  const estimate = (data: ReliabilityTally, level: MeasurementLevel) =>
    alphaEstimate(data, level, intervals.get(intervalKey(criterion, level)));
  return {
    criterion,
    units: categorical.unitCount,
    coders: categorical.coderCount,
    values: categorical.labelCount,
    headlineLevel: project.kind === 'rating' ? 'interval' : project.kind === 'ranking' ? 'ordinal' : 'nominal',
    alphaNominal: estimate(categorical, 'nominal'),
    alphaOrdinal: hasScale ? estimate(scaled, 'ordinal') : null,
    alphaInterval: hasScale && numeric ? estimate(scaled, 'interval') : null,
    percentAgreement: agreement.agreement,
    percentAgreementReason: agreement.reason ?? null,
    fleissKappa: fleiss.kappa,
    fleissKappaReason: fleiss.reason ?? null,
    cohenKappa: cohenPairs(categorical, name),
    kendallW: project.kind === 'ranking' ? project.kendall.meanW : null,
    kendallWItems: project.kind === 'ranking' ? project.kendall.items : null,
  };
}

function alphaEstimate(data: ReliabilityTally, level: MeasurementLevel, interval?: AlphaInterval): AlphaEstimate {
  const point = data.alpha({ level });
  const base = {
    level,
    alpha: point.alpha,
    reason: point.reason ?? null,
    units: point.units,
    pairableValues: point.pairableValues,
  };
  if (point.alpha === null || !interval) return { ...base, low: null, high: null, resamples: 0 };
  return { ...base, low: interval.low, high: interval.high, resamples: interval.resamples };
}

function cohenPairs(data: ReliabilityTally, name: (annotator: string) => string): CohenPair[] {
  return Object.entries(data.cohenKappaPairs({ minShared: REPORT_MIN_SHARED_UNITS }, name)).map(([pair, result]) => {
    const [coderA, coderB] = pair.split('|');
    return { coderA, coderB, n: result.n, kappa: result.kappa, reason: result.reason ?? null };
  });
}
