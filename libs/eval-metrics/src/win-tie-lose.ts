import { binomialTestTwoSided, bootstrapIntervals, wilsonInterval } from '@clinrank/statistics';
import { badInput } from './errors.js';
import {
  criterionOf,
  outcomeFor,
  readBothBadPolicy,
  validateJudgements,
  type BothBadPolicy,
  type ModelJudgement,
} from './judgements.js';

/** Win/tie/lose of `model` against `baseline` for one criterion and, optionally, one group. */
export interface WinTieLoseRow {
  model: string;
  baseline: string;
  criterion: string;
  /** Grouping key and its value, null for the whole set. */
  groupBy: string | null;
  group: string | null;
  /** Judgements counted (both-bad ones included only when counted as ties). */
  n: number;
  wins: number;
  /** Ties, including both-bad judgements when the policy counts them as ties. */
  ties: number;
  losses: number;
  /** Both-bad judgements seen, whatever the policy. */
  bothBad: number;
  /** Fractions 0..1 of n; null when n is 0. */
  winRate: number | null;
  tieRate: number | null;
  loseRate: number | null;
  winInterval: Interval | null;
  tieInterval: Interval | null;
  loseInterval: Interval | null;
  /**
   * Two-sided test of wins against losses, ties left out; null without any decisive judgement. Exact sign test when
   * every item has one judgement, else from the item bootstrap of wins − losses.
   */
  signTestP: number | null;
  /** Items behind the judgements: the unit of the intervals. */
  items: number;
  /** `wilson` (every item judged once: judgements are independent) or `item-bootstrap` (items resampled, as the leaderboard does). */
  intervalMethod: 'wilson' | 'item-bootstrap';
}

export interface Interval {
  low: number;
  high: number;
}

/** A field of a judgement to break the counts down by, or a function giving a judgement's group (undefined: left out of groups). */
export type Grouping =
  | 'language'
  | 'specialty'
  | 'questionType'
  | 'annotator'
  | 'item'
  | ((judgement: ModelJudgement) => string | undefined);

export interface WinTieLoseOptions {
  /** Compare every other model with this one; without it, every pair of models seen together (first name alphabetically as `model`). */
  baseline?: string;
  /** Only this model against the baseline. */
  model?: string;
  /** Only these criteria (default: every criterion seen). */
  criteria?: string[];
  bothBad?: BothBadPolicy;
  /** Confidence level of the intervals (default 0.95). */
  level?: number;
  /** Seed of the item bootstrap (default 1), so the same judgements give the same intervals. */
  seed?: number;
  /** Item-bootstrap resamples (default 2000). */
  resamples?: number;
  /** Adds one row per group value after each overall row. */
  groupBy?: Grouping;
  /** Name shown for a function grouping (default "group"). */
  groupName?: string;
}

/**
 * Win/tie/lose table for model pairs and criteria, optionally broken down by a grouping. Judgements of one item are not
 * independent (several clinicians, one question), so intervals and the sign test resample items, the leaderboard's
 * unit; Wilson intervals and the exact sign test are used only where every item has one judgement.
 */
export function winTieLose(judgements: readonly ModelJudgement[], options: WinTieLoseOptions = {}): WinTieLoseRow[] {
  validateJudgements(judgements);
  const bothBad = readBothBadPolicy(options.bothBad);
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) badInput('level', `must be strictly between 0 and 1, got ${level}`);
  const criteria = options.criteria ?? [...new Set(judgements.map(criterionOf))].sort();
  const rows: WinTieLoseRow[] = [];
  for (const criterion of criteria) {
    const forCriterion = judgements.filter((judgement) => criterionOf(judgement) === criterion);
    for (const [model, baseline] of comparedPairs(forCriterion, options)) {
      const between = forCriterion.filter(
        (j) => (j.modelA === model && j.modelB === baseline) || (j.modelA === baseline && j.modelB === model),
      );
      const describe = {
        model,
        baseline,
        criterion,
        bothBad,
        level,
        seed: options.seed ?? 1,
        resamples: options.resamples ?? 2000,
      };
      rows.push(countRow(between, { ...describe, groupBy: null, group: null }));
      if (options.groupBy !== undefined) rows.push(...groupRows(between, options.groupBy, options.groupName, describe));
    }
  }
  return rows;
}

/** (model, baseline) pairs to report, in a stable order. */
function comparedPairs(judgements: readonly ModelJudgement[], options: WinTieLoseOptions): Array<[string, string]> {
  const models = [...new Set(judgements.flatMap((j) => [j.modelA, j.modelB]))].sort();
  if (options.baseline !== undefined) {
    const others = options.model !== undefined ? [options.model] : models.filter((model) => model !== options.baseline);
    return others.map((model) => [model, options.baseline as string]);
  }
  if (options.model !== undefined) badInput('model', 'needs a baseline to compare against');
  const seen = new Set(judgements.map((j) => [j.modelA, j.modelB].sort().join('\u0000')));
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < models.length; i++) {
    for (let j = i + 1; j < models.length; j++)
      if (seen.has(`${models[i]}\u0000${models[j]}`)) pairs.push([models[i], models[j]]);
  }
  return pairs;
}

interface RowDescription {
  model: string;
  baseline: string;
  criterion: string;
  bothBad: BothBadPolicy;
  level: number;
  seed: number;
  resamples: number;
  groupBy: string | null;
  group: string | null;
}

function groupRows(
  judgements: readonly ModelJudgement[],
  grouping: Grouping,
  groupName: string | undefined,
  describe: Omit<RowDescription, 'groupBy' | 'group'>,
): WinTieLoseRow[] {
  const groupOf = typeof grouping === 'function' ? grouping : (judgement: ModelJudgement) => judgement[grouping];
  const name = typeof grouping === 'function' ? (groupName ?? 'group') : grouping;
  const groups = new Map<string, ModelJudgement[]>();
  for (const judgement of judgements) {
    const group = groupOf(judgement);
    if (group === undefined) continue;
    if (!groups.has(group)) groups.set(group, []);
    (groups.get(group) as ModelJudgement[]).push(judgement);
  }
  return [...groups.keys()]
    .sort()
    .map((group) => countRow(groups.get(group) as ModelJudgement[], { ...describe, groupBy: name, group }));
}

interface ItemCounts {
  wins: number;
  ties: number;
  losses: number;
}

function countRow(judgements: readonly ModelJudgement[], describe: RowDescription): WinTieLoseRow {
  const perItem = new Map<string, ItemCounts>();
  let bothBad = 0;
  for (const judgement of judgements) {
    const outcome = outcomeFor(judgement, describe.model);
    if (outcome === 'both_bad') bothBad++;
    const counts = perItem.get(judgement.item) ?? { wins: 0, ties: 0, losses: 0 };
    if (outcome === 'win') counts.wins++;
    else if (outcome === 'lose') counts.losses++;
    else if (outcome === 'tie' || describe.bothBad === 'tie') counts.ties++;
    perItem.set(judgement.item, counts);
  }
  const units = [...perItem.values()].filter((counts) => counts.wins + counts.ties + counts.losses > 0);
  const { wins, ties, losses } = sumCounts(units);
  const n = wins + ties + losses;
  const rate = (count: number) => (n === 0 ? null : count / n);
  const independent = units.every((counts) => counts.wins + counts.ties + counts.losses === 1);
  const inference = independent
    ? wilsonInference(wins, ties, losses, describe.level)
    : bootstrapInference(units, describe);
  return {
    model: describe.model,
    baseline: describe.baseline,
    criterion: describe.criterion,
    groupBy: describe.groupBy,
    group: describe.group,
    n,
    wins,
    ties,
    losses,
    bothBad,
    winRate: rate(wins),
    tieRate: rate(ties),
    loseRate: rate(losses),
    ...inference,
    items: units.length,
    intervalMethod: independent ? 'wilson' : 'item-bootstrap',
  };
}

function sumCounts(units: readonly ItemCounts[]): ItemCounts {
  const total = { wins: 0, ties: 0, losses: 0 };
  for (const counts of units) {
    total.wins += counts.wins;
    total.ties += counts.ties;
    total.losses += counts.losses;
  }
  return total;
}

type Inference = Pick<WinTieLoseRow, 'winInterval' | 'tieInterval' | 'loseInterval' | 'signTestP'>;

function wilsonInference(wins: number, ties: number, losses: number, level: number): Inference {
  const n = wins + ties + losses;
  const interval = (count: number) => (n === 0 ? null : wilsonInterval(count, n, level));
  return {
    winInterval: interval(wins),
    tieInterval: interval(ties),
    loseInterval: interval(losses),
    signTestP: wins + losses === 0 ? null : binomialTestTwoSided(wins, wins + losses),
  };
}

/** Percentile intervals of the three rates, and a two-sided bootstrap p of wins − losses = 0, resampling items. */
function bootstrapInference(units: readonly ItemCounts[], describe: RowDescription): Inference {
  const draws: number[] = [];
  const intervals = bootstrapIntervals(
    units,
    (sample) => {
      const { wins, ties, losses } = sumCounts(sample);
      const n = wins + ties + losses;
      if (n === 0) return null;
      draws.push(wins - losses);
      return new Map([
        ['win', wins / n],
        ['tie', ties / n],
        ['lose', losses / n],
      ]);
    },
    { seed: describe.seed, resamples: describe.resamples, level: describe.level },
  );
  const interval = (name: string) => {
    const found = intervals.get(name);
    return found && found.low !== null && found.high !== null ? { low: found.low, high: found.high } : null;
  };
  const { wins, losses } = sumCounts(units);
  // The first call of the statistic is on the full sample; the rest are the resamples.
  const resampled = draws.slice(1);
  const below = resampled.filter((d) => d <= 0).length / resampled.length;
  const above = resampled.filter((d) => d >= 0).length / resampled.length;
  return {
    winInterval: interval('win'),
    tieInterval: interval('tie'),
    loseInterval: interval('lose'),
    signTestP: wins + losses === 0 || resampled.length === 0 ? null : Math.min(1, 2 * Math.min(below, above)),
  };
}
