import { labelVerdict, type PairwiseChoice } from '@clinrank/domain';
import { defaultCriterion, requireCriterion, unitsOf } from './agreement-units.js';
import { annotatorSummaries, type AnnotatorSummary } from './flag-annotators.js';
import { agreementByWeek, type TimedLabel, type WeeklyAgreement } from './annotator-drift.js';
import {
  goldAccuracy,
  medianTimePerTask,
  positionBias,
  sameChoiceShare,
  tieRate,
  type PositionObservation,
} from './annotator-quality.js';
import type { Label } from './labels.js';
import { leaveOneOutAgreement } from './leave-one-out.js';
import type { LoadedLabel, ProjectLabels } from './project-labels.js';

export interface AnnotatorQualityRow {
  coder: string;
  annotatorId: string | null;
  /** Labels (tasks) this annotator gave under the filter: their volume. */
  labels: number;
  summary: AnnotatorSummary;
  weekly: WeeklyAgreement[];
}

export interface AnnotatorQualityReport {
  projectId: string;
  /** The criterion leave-one-out agreement, position bias, tie rate and drift are measured on. */
  criterion: string;
  annotators: AnnotatorQualityRow[];
}

/** Per annotator: leave-one-out agreement, gold accuracy, position bias, tie rate, median time and weekly agreement. */
export function annotatorQuality(project: ProjectLabels, requested: string | null): AnnotatorQualityReport {
  const criterion = requested ? requireCriterion(project, requested) : defaultCriterion(project);
  const timed = timedLabels(project, criterion);
  const summaries = annotatorSummaries({
    looAgreement: leaveOneOutAgreement(timed),
    gold: goldAccuracy(goldLabels(project), new Map([...project.gold].map(([item, gold]) => [item, gold.preferred]))),
    positionBias: project.kind === 'validation' ? {} : positionBias(positionObservationsOf(project.labels, criterion)),
    tieRate: project.kind === 'pairwise' ? tieRate(pairwiseChoices(project.labels, criterion)) : {},
    time: medianTimePerTask(
      project.labels
        .filter((label) => label.timed)
        .map((label) => ({ coder: label.coder, seconds: label.timeSpentMs / 1000 })),
    ),
    sameChoice: sameChoiceShare(screenChoices(project.labels, criterion)),
  });
  const weekly = agreementByWeek(timed);
  const volume = new Map<string, number>();
  for (const label of project.labels) volume.set(label.coder, (volume.get(label.coder) ?? 0) + 1);
  return {
    projectId: project.projectId,
    criterion,
    annotators: summaries.map((summary) => ({
      coder: summary.coder,
      annotatorId: project.annotatorIds.get(summary.coder) ?? null,
      labels: volume.get(summary.coder) ?? 0,
      summary,
      weekly: weekly[summary.coder] ?? [],
    })),
  };
}

/** The criterion's nominal values, each with the moment the label was given (for drift by week). */
function timedLabels(project: ProjectLabels, criterion: string): TimedLabel[] {
  return project.labels.flatMap((label) =>
    unitsOf(label, criterion).map((unit) => ({ unit: unit.unit, coder: label.coder, value: unit.value, at: label.at })),
  );
}

function goldLabels(project: ProjectLabels): Label[] {
  return project.labels.flatMap((label) => {
    const gold = project.gold.get(label.item);
    if (!gold) return [];
    const verdict = labelVerdict(label.content, gold.criterion);
    return verdict === null ? [] : [{ unit: label.item, coder: label.coder, value: verdict }];
  });
}

/** One observation per label: the response shown first, and the single response the label preferred (null for ties). */
function positionObservationsOf(labels: LoadedLabel[], criterion: string): PositionObservation[] {
  return labels.flatMap((label) => {
    const shownFirst = label.shownFirst ?? (label.content.kind === 'pairwise' ? label.content.a : null);
    const verdict = labelVerdict(label.content, criterion);
    if (shownFirst === null || verdict === null) return [];
    const single = verdict !== 'tie' && verdict !== 'both_bad' && !verdict.includes('=');
    return [{ coder: label.coder, shownFirst, chosen: single ? verdict : null }];
  });
}

function pairwiseChoices(labels: LoadedLabel[], criterion: string): { coder: string; choice: PairwiseChoice }[] {
  return labels.flatMap((label) => {
    const judgement = label.content.kind === 'pairwise' ? label.content.judgements[criterion] : undefined;
    return judgement ? [{ coder: label.coder, choice: judgement.choice }] : [];
  });
}

/**
 * Each label's answer as the annotator saw it, for straight-lining: pairwise as the screen side chosen (first, second,
 * tie, both_bad), since pressing the same key every time is the pattern; other kinds as their verdict.
 */
function screenChoices(labels: LoadedLabel[], criterion: string): { coder: string; choice: string }[] {
  return labels.flatMap((label) => {
    const verdict = labelVerdict(label.content, criterion);
    if (verdict === null) return [];
    if (label.content.kind !== 'pairwise' || verdict === 'tie' || verdict === 'both_bad')
      return [{ coder: label.coder, choice: String(verdict) }];
    const shownFirst = label.shownFirst ?? label.content.a;
    return [{ coder: label.coder, choice: verdict === shownFirst ? 'first' : 'second' }];
  });
}
