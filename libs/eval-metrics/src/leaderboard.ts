import { OVERALL_CRITERION } from '@clinrank/domain';
import {
  bootstrapIntervals,
  fitBradleyTerry,
  fitBradleyTerryTallies,
  sumBtTallies,
  tallyComparisons,
  type BtComparison,
} from '@clinrank/statistics';
import { badInput } from './errors.js';
import { eloRatings, type EloOptions } from './elo.js';
import {
  criterionOf,
  readBothBadPolicy,
  validateJudgements,
  type BothBadPolicy,
  type ModelJudgement,
} from './judgements.js';

export interface LeaderboardOptions {
  /** Seed of the item bootstrap and of the Elo shuffles. */
  seed: number;
  /** Criterion to rank on (default "overall"). */
  criterion?: string;
  /** Bootstrap resamples of items (default 1000). */
  resamples?: number;
  /** Interval level (default 0.95). */
  level?: number;
  bothBad?: BothBadPolicy;
  /** Bradley–Terry prior pseudo-games (see fitBradleyTerry; default 0.01). */
  prior?: number;
  elo?: Omit<EloOptions, 'seed'>;
}

export interface LeaderboardRow {
  rank: number;
  model: string;
  /** Bradley–Terry log-strength, centred to mean 0 over the models. */
  strength: number;
  /** Percentile bootstrap interval of the strength, resampling items; null when no resample had the model. */
  low: number | null;
  high: number | null;
  elo: number;
  games: number;
  wins: number;
  ties: number;
  losses: number;
}

export interface Leaderboard {
  criterion: string;
  rows: LeaderboardRow[];
  items: number;
  judgements: number;
  /** Bootstrap resamples drawn. */
  resamples: number;
  converged: boolean;
}

/** Ranks models by Bradley–Terry strength (ties as half a win) with item-bootstrap intervals, and Elo as a secondary view. */
export function leaderboard(judgements: readonly ModelJudgement[], options: LeaderboardOptions): Leaderboard {
  validateJudgements(judgements);
  if (!Number.isFinite(options.seed)) badInput('seed', `must be a finite number, got ${options.seed}`);
  const bothBad = readBothBadPolicy(options.bothBad);
  const criterion = options.criterion ?? OVERALL_CRITERION;
  const counted = judgements.filter(
    (j) => criterionOf(j) === criterion && !(bothBad === 'exclude' && j.choice === 'both_bad'),
  );
  const byItem = groupByItem(counted);
  const fitOptions = { prior: options.prior };
  const fit = fitBradleyTerry(counted.map(toComparison), fitOptions);
  const resamples = options.resamples ?? 1000;
  // Each item's comparisons are totalled once; a resample then only adds up the totals of the items it drew.
  const players = [...fit.strengths.keys()];
  const itemTallies = [...byItem.values()].map((itemJudgements) =>
    tallyComparisons(itemJudgements.map(toComparison), players),
  );
  const intervals = bootstrapIntervals(
    itemTallies,
    (sample) => fitBradleyTerryTallies(sumBtTallies(sample, players), fitOptions).strengths,
    {
      seed: options.seed,
      resamples,
      level: options.level,
    },
  );
  const elo = eloRatings(
    counted.map((j) => ({ a: j.modelA, b: j.modelB, scoreA: scoreForA(j) })),
    { ...options.elo, seed: options.seed },
  );
  const tallies = tallyOutcomes(counted);
  const ordered = [...fit.strengths.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  const rows = ordered.map(([model, strength], index) => ({
    rank: index + 1,
    model,
    strength,
    low: intervals.get(model)?.low ?? null,
    high: intervals.get(model)?.high ?? null,
    elo: elo.get(model) as number,
    ...(tallies.get(model) as Tally),
  }));
  return { criterion, rows, items: byItem.size, judgements: counted.length, resamples, converged: fit.converged };
}

function groupByItem(judgements: readonly ModelJudgement[]): Map<string, ModelJudgement[]> {
  const byItem = new Map<string, ModelJudgement[]>();
  for (const judgement of judgements) {
    if (!byItem.has(judgement.item)) byItem.set(judgement.item, []);
    (byItem.get(judgement.item) as ModelJudgement[]).push(judgement);
  }
  return byItem;
}

/** A judgement as a Bradley–Terry comparison; tie and (when kept) both-bad are ties. */
function toComparison(judgement: ModelJudgement): BtComparison {
  if (judgement.choice === 'b') return { winner: judgement.modelB, loser: judgement.modelA };
  return { winner: judgement.modelA, loser: judgement.modelB, tie: judgement.choice !== 'a' };
}

function scoreForA(judgement: ModelJudgement): number {
  if (judgement.choice === 'a') return 1;
  if (judgement.choice === 'b') return 0;
  return 0.5;
}

interface Tally {
  games: number;
  wins: number;
  ties: number;
  losses: number;
}

function tallyOutcomes(judgements: readonly ModelJudgement[]): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  const get = (model: string) => {
    if (!tallies.has(model)) tallies.set(model, { games: 0, wins: 0, ties: 0, losses: 0 });
    return tallies.get(model) as Tally;
  };
  for (const judgement of judgements) {
    const a = get(judgement.modelA);
    const b = get(judgement.modelB);
    a.games++;
    b.games++;
    if (judgement.choice === 'a') {
      a.wins++;
      b.losses++;
    } else if (judgement.choice === 'b') {
      b.wins++;
      a.losses++;
    } else {
      a.ties++;
      b.ties++;
    }
  }
  return tallies;
}
