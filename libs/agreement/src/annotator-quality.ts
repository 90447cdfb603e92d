import { OVERALL_CRITERION, PAIRWISE_CHOICES, type PairwiseChoice } from '@clinrank/domain';
import { binomialTestTwoSided, median, wilsonInterval } from '@clinrank/statistics';
import { badInput } from './errors.js';
import { printable, type Id, type Label, type LabelValue, normaliseId, requireLabelValue } from './labels.js';
import type { PairwiseJudgementLabel } from './pairwise-units.js';

export interface GoldAccuracy {
  n: number;
  correct: number;
  accuracy: number | null;
  /** 95% Wilson interval of the accuracy. */
  interval: { low: number; high: number };
}

/** Per coder: share of gold units answered with the gold value (values compared by their string form). */
export function goldAccuracy(
  labels: Iterable<Label>,
  gold: ReadonlyMap<Id, LabelValue> | Readonly<Record<string, LabelValue>>,
): Record<string, GoldAccuracy> {
  const answers = goldAnswers(gold);
  const tallies = new Map<string, { n: number; correct: number }>();
  for (const label of labels) {
    if (label.value === null) continue;
    const expected = answers.get(normaliseId('unit', label.unit));
    if (expected === undefined) continue;
    const tally = tallyFor(tallies, normaliseId('coder', label.coder), () => ({ n: 0, correct: 0 }));
    tally.n++;
    if (String(requireLabelValue('value', label.value)) === expected) tally.correct++;
  }
  return mapRecord(tallies, ({ n, correct }) => ({
    n,
    correct,
    accuracy: n === 0 ? null : correct / n,
    interval: wilsonInterval(correct, n),
  }));
}

function goldAnswers(gold: ReadonlyMap<Id, LabelValue> | Readonly<Record<string, LabelValue>>): Map<string, string> {
  const entries = gold instanceof Map ? [...gold.entries()] : Object.entries(gold);
  return new Map(
    entries.map(([unit, value]) => [
      normaliseId('gold unit', unit),
      String(requireLabelValue(`gold[${String(unit)}]`, value)),
    ]),
  );
}

/** One forced choice between two displayed responses: which was shown first, and the chosen response (null for tie/both_bad). */
export interface PositionObservation {
  coder: Id;
  shownFirst: string;
  chosen: string | null;
}

export interface PositionBias {
  /** Choices of one response (ties and both_bad excluded). */
  n: number;
  firstChosen: number;
  /** Share of choices for the response shown first; 0.5 means no position bias. */
  share: number | null;
  /** Exact two-sided binomial test of share = 0.5. */
  pValue: number | null;
}

/** Per coder: how often the response displayed first is the one chosen, against 0.5 with an exact binomial test. */
export function positionBias(observations: Iterable<PositionObservation>): Record<string, PositionBias> {
  const tallies = new Map<string, { n: number; first: number }>();
  for (const observation of observations) {
    const coder = normaliseId('coder', observation.coder);
    const tally = tallyFor(tallies, coder, () => ({ n: 0, first: 0 }));
    if (observation.chosen === null) continue;
    if (typeof observation.shownFirst !== 'string' || typeof observation.chosen !== 'string')
      badInput('chosen', `must be a response id or null, got ${printable(observation.chosen)}`);
    tally.n++;
    if (observation.chosen === observation.shownFirst) tally.first++;
  }
  return mapRecord(tallies, ({ n, first }) => ({
    n,
    firstChosen: first,
    share: n === 0 ? null : first / n,
    pValue: n === 0 ? null : binomialTestTwoSided(first, n, 0.5),
  }));
}

/** Position observations from pairwise judgements (`a` is the pane shown first), one per task on the given criterion. */
export function positionObservations(
  labels: Iterable<PairwiseJudgementLabel>,
  criterion: string = OVERALL_CRITERION,
): PositionObservation[] {
  return [...labels]
    .filter((label) => label.criterion === criterion)
    .map((label) => ({
      coder: label.coder,
      shownFirst: label.a,
      chosen: label.choice === 'a' ? label.a : label.choice === 'b' ? label.b : null,
    }));
}

export interface TieRate {
  n: number;
  ties: number;
  rate: number | null;
}

/** Per coder: share of pairwise judgements that are ties (both_bad counts in the denominator, not as a tie). */
export function tieRate(judgements: Iterable<{ coder: Id; choice: PairwiseChoice }>): Record<string, TieRate> {
  const tallies = new Map<string, { n: number; ties: number }>();
  for (const judgement of judgements) {
    if (!(PAIRWISE_CHOICES as readonly unknown[]).includes(judgement.choice))
      badInput('choice', `must be one of ${PAIRWISE_CHOICES.join(', ')}, got ${printable(judgement.choice)}`);
    const tally = tallyFor(tallies, normaliseId('coder', judgement.coder), () => ({ n: 0, ties: 0 }));
    tally.n++;
    if (judgement.choice === 'tie') tally.ties++;
  }
  return mapRecord(tallies, ({ n, ties }) => ({ n, ties, rate: n === 0 ? null : ties / n }));
}

/** Per coder: median seconds spent per task. */
export function medianTimePerTask(
  tasks: Iterable<{ coder: Id; seconds: number }>,
): Record<string, { n: number; medianSeconds: number | null }> {
  const times = new Map<string, number[]>();
  for (const task of tasks) {
    if (typeof task.seconds !== 'number' || !(task.seconds >= 0) || !Number.isFinite(task.seconds))
      badInput('seconds', `must be a non-negative number, got ${printable(task.seconds)}`);
    tallyFor(times, normaliseId('coder', task.coder), () => []).push(task.seconds);
  }
  return mapRecord(times, (seconds) => ({ n: seconds.length, medianSeconds: median(seconds) }));
}

function tallyFor<T>(tallies: Map<string, T>, coder: string, fresh: () => T): T {
  let tally = tallies.get(coder);
  if (tally === undefined) tallies.set(coder, (tally = fresh()));
  return tally;
}

function mapRecord<T, R>(tallies: Map<string, T>, convert: (tally: T) => R): Record<string, R> {
  const result: Record<string, R> = {};
  for (const [coder, tally] of tallies) result[coder] = convert(tally);
  return result;
}

export interface SameChoice {
  /** Choices counted. */
  n: number;
  /** The choice given most often (first in text order on a tie), or null with no choices. */
  choice: string | null;
  count: number;
  share: number | null;
}

/** Per coder: the choice given most often and its share (straight-lining: the same answer whatever the task). */
export function sameChoiceShare(choices: Iterable<{ coder: Id; choice: string }>): Record<string, SameChoice> {
  const tallies = new Map<string, Map<string, number>>();
  for (const { coder, choice } of choices) {
    if (typeof choice !== 'string') badInput('choice', `must be a string, got ${printable(choice)}`);
    const counts = tallyFor(tallies, normaliseId('coder', coder), () => new Map<string, number>());
    counts.set(choice, (counts.get(choice) ?? 0) + 1);
  }
  return mapRecord(tallies, (counts) => {
    const n = [...counts.values()].reduce((sum, count) => sum + count, 0);
    const [choice, count] = [...counts.entries()].sort(
      ([x, a], [y, b]) => b - a || (x < y ? -1 : x > y ? 1 : 0),
    )[0] ?? [null, 0];
    return { n, choice, count, share: n === 0 ? null : count / n };
  });
}
