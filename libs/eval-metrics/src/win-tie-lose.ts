import { binomialTestTwoSided, wilsonInterval } from '@clinrank/statistics';
import { badInput } from './errors.js';
import { criterionOf, outcomeFor, readBothBadPolicy, validateJudgements, type BothBadPolicy, type ModelJudgement } from './judgements.js';

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
  /** Exact two-sided sign test of wins against losses, ties left out; null without any decisive judgement. */
  signTestP: number | null;
}

export interface Interval {
  low: number;
  high: number;
}

/** A field of a judgement to break the counts down by, or a function giving a judgement's group (undefined: left out of groups). */
export type Grouping = 'language' | 'specialty' | 'questionType' | 'annotator' | 'item' | ((judgement: ModelJudgement) => string | undefined);

export interface WinTieLoseOptions {
  /** Compare every other model with this one; without it, every pair of models seen together (first name alphabetically as `model`). */
  baseline?: string;
  /** Only this model against the baseline. */
  model?: string;
  /** Only these criteria (default: every criterion seen). */
  criteria?: string[];
  bothBad?: BothBadPolicy;
  /** Confidence level of the Wilson intervals (default 0.95). */
  level?: number;
  /** Adds one row per group value after each overall row. */
  groupBy?: Grouping;
  /** Name shown for a function grouping (default "group"). */
  groupName?: string;
}

/** Win/tie/lose table for model pairs and criteria, with Wilson intervals and sign tests, optionally broken down by a grouping. */
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
      const between = forCriterion.filter((j) => (j.modelA === model && j.modelB === baseline) || (j.modelA === baseline && j.modelB === model));
      const describe = { model, baseline, criterion, bothBad, level };
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
    for (let j = i + 1; j < models.length; j++) if (seen.has(`${models[i]}\u0000${models[j]}`)) pairs.push([models[i], models[j]]);
  }
  return pairs;
}

interface RowDescription {
  model: string;
  baseline: string;
  criterion: string;
  bothBad: BothBadPolicy;
  level: number;
  groupBy: string | null;
  group: string | null;
}

function groupRows(judgements: readonly ModelJudgement[], grouping: Grouping, groupName: string | undefined, describe: Omit<RowDescription, 'groupBy' | 'group'>): WinTieLoseRow[] {
  const groupOf = typeof grouping === 'function' ? grouping : (judgement: ModelJudgement) => judgement[grouping];
  const name = typeof grouping === 'function' ? (groupName ?? 'group') : grouping;
  const groups = new Map<string, ModelJudgement[]>();
  for (const judgement of judgements) {
    const group = groupOf(judgement);
    if (group === undefined) continue;
    if (!groups.has(group)) groups.set(group, []);
    (groups.get(group) as ModelJudgement[]).push(judgement);
  }
  return [...groups.keys()].sort().map((group) => countRow(groups.get(group) as ModelJudgement[], { ...describe, groupBy: name, group }));
}

function countRow(judgements: readonly ModelJudgement[], describe: RowDescription): WinTieLoseRow {
  let wins = 0;
  let ties = 0;
  let losses = 0;
  let bothBad = 0;
  for (const judgement of judgements) {
    const outcome = outcomeFor(judgement, describe.model);
    if (outcome === 'win') wins++;
    else if (outcome === 'lose') losses++;
    else if (outcome === 'tie') ties++;
    else {
      bothBad++;
      if (describe.bothBad === 'tie') ties++;
    }
  }
  const n = wins + ties + losses;
  const rate = (count: number) => (n === 0 ? null : count / n);
  const interval = (count: number) => (n === 0 ? null : wilsonInterval(count, n, describe.level));
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
    winInterval: interval(wins),
    tieInterval: interval(ties),
    loseInterval: interval(losses),
    signTestP: wins + losses === 0 ? null : binomialTestTwoSided(wins, wins + losses),
  };
}
