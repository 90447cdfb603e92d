import { kendallTauB } from '@clinrank/agreement';
import {
  activePairWeights,
  drawPair,
  type ActivePairOptions,
  type ModelEstimate,
  type PairWeight,
} from '@clinrank/eval-metrics';
import { bootstrapIntervals, createRng, fitBradleyTerryTallies, type BtTallies } from '@clinrank/statistics';
import { badInput } from './errors.js';

/** True log-strengths spread like a real leaderboard, the top three close (issue 17). */
export const LEADERBOARD_LOG_STRENGTHS: readonly number[] = [0, 0.3, 0.6, 0.9, 1.2, 1.5, 1.65, 1.8];

export const SIMULATED_CAMPAIGN_STRATEGIES = ['uniform', 'active'] as const;
export type CampaignStrategy = (typeof SIMULATED_CAMPAIGN_STRATEGIES)[number];

export interface CampaignSimulationOptions {
  /** How many models, from 2 to 8: the strongest of LEADERBOARD_LOG_STRENGTHS (default 8). */
  models?: number;
  votes: number;
  strategy: CampaignStrategy;
  seed: number;
  /** Bootstrap resamples of the final intervals (default 1000). */
  resamples?: number;
  /** Active only: votes between two refits of the estimates that choose the pairs (default max(25, votes/40)). */
  batch?: number;
  /** Active only: resamples of the intervals that choose the pairs (default 100). */
  selectionResamples?: number;
  active?: ActivePairOptions;
}

export interface CampaignSimulationResult {
  strategy: CampaignStrategy;
  votes: number;
  /** Kendall τ-b between the true and the estimated strengths over all models. */
  kendallTau: number;
  /** Mean width of the models' 95 % bootstrap intervals of strength. */
  meanIntervalWidth: number;
  /** Width of the 95 % bootstrap interval of (truly best − truly second-best) strength. */
  topGapIntervalWidth: number;
  topModelCorrect: boolean;
}

/** Votes as indices into the model list: winners[v] beat losers[v]. */
export interface CampaignVotes {
  winners: Int32Array;
  losers: Int32Array;
}

export interface StrengthEstimates {
  estimates: ModelEstimate[];
  /** Percentile bootstrap interval of strength[best] − strength[second], for the indices given. */
  gap: { low: number; high: number } | null;
}

/**
 * A simulated evaluation campaign with known true strengths: each vote compares two models and the winner is drawn
 * from the Bradley–Terry probability. Uniform picks every pair equally often; active picks from the current fit's
 * intervals with activePairWeights and drawPair, the functions the API's activePlannedPair draws with (over every pair, as
 * every simulated item offers them all), refitting every `batch` votes.
 */
export function simulateCampaign(options: CampaignSimulationOptions): CampaignSimulationResult {
  const { models, votes, strategy, seed, resamples, batch, selectionResamples } = readOptions(options);
  const truth = LEADERBOARD_LOG_STRENGTHS.slice(LEADERBOARD_LOG_STRENGTHS.length - models);
  const names = truth.map((_, i) => `model-${i + 1}`);
  const rng = createRng(seed);
  const cast: CampaignVotes = { winners: new Int32Array(votes), losers: new Int32Array(votes) };
  const uniform = uniformWeights(names);
  const index = new Map(names.map((name, i) => [name, i]));
  let weights = uniform;
  // Active: every pair once before the first fit, so every model has an interval to compare.
  const warmUp = strategy === 'active' ? Math.min(votes, uniform.length) : votes;
  for (let v = 0; v < votes; v++) {
    let pair: { first: string; second: string };
    if (v < warmUp) pair = strategy === 'active' ? uniform[v] : drawPair(weights, rng);
    else {
      if ((v - warmUp) % batch === 0) {
        const current = estimateStrengths(
          { winners: cast.winners.subarray(0, v), losers: cast.losers.subarray(0, v) },
          names,
          { seed: seed + v, resamples: selectionResamples },
        );
        weights = current.estimates.length === names.length ? toWeights(current.estimates, options.active) : uniform;
      }
      pair = drawPair(weights, rng);
    }
    const first = index.get(pair.first) as number;
    const second = index.get(pair.second) as number;
    const firstWins = rng() < 1 / (1 + Math.exp(truth[second] - truth[first]));
    cast.winners[v] = firstWins ? first : second;
    cast.losers[v] = firstWins ? second : first;
  }
  const final = estimateStrengths(cast, names, { seed, resamples, gap: [models - 1, models - 2] });
  const estimated = names.map((name) => final.estimates.find((e) => e.model === name)?.strength ?? 0);
  const widths = final.estimates.map((e) => (e.high ?? 0) - (e.low ?? 0));
  const best = estimated.indexOf(Math.max(...estimated));
  return {
    strategy,
    votes,
    kendallTau: kendallTauB(truth, estimated) ?? 0,
    meanIntervalWidth: widths.reduce((sum, width) => sum + width, 0) / widths.length,
    topGapIntervalWidth: final.gap ? final.gap.high - final.gap.low : Number.NaN,
    topModelCorrect: best === models - 1,
  };
}

// Within a batch the estimates do not change, so the weights are computed once: drawPair(activePairWeights(…)) is chooseActivePair.
function toWeights(estimates: ModelEstimate[], options: ActivePairOptions | undefined): PairWeight[] {
  return activePairWeights(estimates, options);
}

/**
 * Bradley–Terry strengths of the votes with vote-bootstrap percentile intervals (95 %), using the statistics library's
 * fit; with `gap`, also the interval of strength[gap[0]] − strength[gap[1]].
 */
export function estimateStrengths(
  votes: CampaignVotes,
  names: readonly string[],
  options: { seed: number; resamples: number; gap?: [number, number] },
): StrengthEstimates {
  const units = Array.from({ length: votes.winners.length }, (_, v) => v);
  const gapName = '\u0000gap';
  const statistic = (sample: readonly number[]) => {
    const strengths = fitBradleyTerryTallies(tally(votes, sample, names)).strengths;
    const out = new Map(strengths);
    if (options.gap) {
      const [a, b] = options.gap;
      const sa = strengths.get(names[a]);
      const sb = strengths.get(names[b]);
      if (sa !== undefined && sb !== undefined) out.set(gapName, sa - sb);
    }
    return out;
  };
  const intervals = bootstrapIntervals(units, statistic, { seed: options.seed, resamples: options.resamples });
  const estimates = names.flatMap((model) => {
    const interval = intervals.get(model);
    if (!interval || interval.estimate === null) return [];
    return [{ model, strength: interval.estimate, low: interval.low, high: interval.high }];
  });
  const gap = intervals.get(gapName);
  return { estimates, gap: gap && gap.low !== null && gap.high !== null ? { low: gap.low, high: gap.high } : null };
}

function tally(votes: CampaignVotes, sample: readonly number[], names: readonly string[]): BtTallies {
  const n = names.length;
  const wins = new Float64Array(n);
  const appearances = new Float64Array(n);
  const games = names.map(() => new Float64Array(n));
  for (const v of sample) {
    const w = votes.winners[v];
    const l = votes.losers[v];
    wins[w] += 1;
    appearances[w] += 1;
    appearances[l] += 1;
    games[w][l] += 1;
    games[l][w] += 1;
  }
  return { players: [...names], wins, games, appearances };
}

function uniformWeights(names: readonly string[]): PairWeight[] {
  const pairs: PairWeight[] = [];
  const count = (names.length * (names.length - 1)) / 2;
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++) pairs.push({ first: names[i], second: names[j], weight: 1 / count });
  return pairs;
}

function readOptions(options: CampaignSimulationOptions) {
  const models = options.models ?? LEADERBOARD_LOG_STRENGTHS.length;
  if (!Number.isInteger(models) || models < 2 || models > LEADERBOARD_LOG_STRENGTHS.length)
    badInput('models', `must be a whole number from 2 to ${LEADERBOARD_LOG_STRENGTHS.length}, got ${models}`);
  if (!Number.isInteger(options.votes) || options.votes < 1)
    badInput('votes', `must be a whole number ≥ 1, got ${options.votes}`);
  if (!(SIMULATED_CAMPAIGN_STRATEGIES as readonly string[]).includes(options.strategy))
    badInput(
      'strategy',
      `must be one of ${SIMULATED_CAMPAIGN_STRATEGIES.join(', ')}, got "${String(options.strategy)}"`,
    );
  if (!Number.isFinite(options.seed)) badInput('seed', `must be a finite number, got ${options.seed}`);
  const resamples = options.resamples ?? 1000;
  const selectionResamples = options.selectionResamples ?? 100;
  const batch = options.batch ?? Math.max(25, Math.floor(options.votes / 40));
  for (const [field, value] of [
    ['resamples', resamples],
    ['selectionResamples', selectionResamples],
    ['batch', batch],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) badInput(field, `must be a whole number ≥ 1, got ${value}`);
  }
  return {
    models,
    votes: options.votes,
    strategy: options.strategy,
    seed: options.seed,
    resamples,
    batch,
    selectionResamples,
  };
}
