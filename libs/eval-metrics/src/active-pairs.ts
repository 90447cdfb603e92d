import { normalCdf, normalQuantile } from '@clinrank/statistics';
import { OVERALL_CRITERION } from '@clinrank/domain';
import type { CampaignJudgement } from './campaign-judgements.js';
import { badInput } from './errors.js';
import { leaderboard } from './leaderboard.js';

/** A model's current Bradley–Terry estimate, as a leaderboard row has it. */
export interface ModelEstimate {
  model: string;
  strength: number;
  /** Interval bounds of the strength (null: no interval yet, counted as fully uncertain). */
  low: number | null;
  high: number | null;
}

export interface ActivePairOptions {
  /** Share of choices spread uniformly over all pairs, so that no pair starves and the graph stays connected (default 0.1). */
  exploration?: number;
  /** A pair's weight falls as (rank of its better model)^−topFocus: the top of the leaderboard matters most (default 2). */
  topFocus?: number;
  /** Level of the intervals given (default 0.95): turns their widths into standard errors. */
  level?: number;
}

export interface PairWeight {
  /** The better-ranked model of the pair, then the other; the caller chooses the screen sides. */
  first: string;
  second: string;
  /** Probability of choosing this pair; the weights add up to 1. */
  weight: number;
}

/**
 * How likely each pair of models is to be asked next, as in the Chatbot Arena paper's active sampling: a pair weighs
 * in by how uncertain its order still is (2·Φ(−|Δ|/σ), 1 when the intervals coincide, near 0 once they are far
 * apart), times a focus on the top of the leaderboard, mixed with a uniform share.
 */
export function activePairWeights(estimates: readonly ModelEstimate[], options: ActivePairOptions = {}): PairWeight[] {
  const { exploration, topFocus, z } = readOptions(options);
  validateEstimates(estimates);
  const ranked = [...estimates].sort((x, y) => y.strength - x.strength || (x.model < y.model ? -1 : 1));
  const pairs: Array<{ first: string; second: string; active: number }> = [];
  for (let i = 0; i < ranked.length; i++) {
    for (let j = i + 1; j < ranked.length; j++) {
      const active = orderUncertainty(ranked[i], ranked[j], z) * (i + 1) ** -topFocus;
      pairs.push({ first: ranked[i].model, second: ranked[j].model, active });
    }
  }
  const total = pairs.reduce((sum, pair) => sum + pair.active, 0);
  const uniform = 1 / pairs.length;
  return pairs.map(({ first, second, active }) => ({
    first,
    second,
    weight: total > 0 ? (1 - exploration) * (active / total) + exploration * uniform : uniform,
  }));
}

/** Resamples of the estimates that steer active selection (the simulator's selectionResamples default). */
export const SELECTION_RESAMPLES = 100;

/**
 * Bradley–Terry prior pseudo-games of the selection estimates. The leaderboard's 0.01 lets a model that wins every game
 * run off slowly (measured: 55 s for 100 resamples of 72 such judgements on the loaded 2-core box, against 0.7 s at 1);
 * one pseudo-game keeps every fit quick and the order the same. These estimates steer sampling and are never reported.
 */
export const SELECTION_PRIOR = 1;

/**
 * The Bradley–Terry estimates active selection reads: the leaderboard of the clinicians' 'overall' judgements (automated
 * judges left out, ties and both-bad as ties) with item-bootstrap intervals of `resamples` draws, fitted with
 * SELECTION_PRIOR.
 */
export function campaignEstimates(
  judgements: readonly CampaignJudgement[],
  options: { seed?: number; resamples?: number } = {},
): ModelEstimate[] {
  const counted = judgements.filter((j) => !j.isJudge && j.criterion === OVERALL_CRITERION);
  if (counted.length === 0) return [];
  const board = leaderboard(counted, {
    seed: options.seed ?? 1,
    resamples: options.resamples ?? SELECTION_RESAMPLES,
    prior: SELECTION_PRIOR,
  });
  return board.rows.map(({ model, strength, low, high }) => ({ model, strength, low, high }));
}

/** Draws the next pair from activePairWeights with the caller's seeded uniform generator. */
export function chooseActivePair(
  estimates: readonly ModelEstimate[],
  rng: () => number,
  options: ActivePairOptions = {},
): { first: string; second: string } {
  return drawPair(activePairWeights(estimates, options), rng);
}

/** Draws one pair from weights that add up to 1. */
export function drawPair(weights: readonly PairWeight[], rng: () => number): { first: string; second: string } {
  let u = rng();
  for (const pair of weights) {
    u -= pair.weight;
    if (u < 0) return { first: pair.first, second: pair.second };
  }
  const last = weights[weights.length - 1];
  return { first: last.first, second: last.second };
}

function orderUncertainty(a: ModelEstimate, b: ModelEstimate, z: number): number {
  if (a.low === null || a.high === null || b.low === null || b.high === null) return 1;
  const sigma = Math.hypot((a.high - a.low) / (2 * z), (b.high - b.low) / (2 * z));
  const gap = Math.abs(a.strength - b.strength);
  if (sigma === 0) return gap === 0 ? 1 : 0;
  return 2 * normalCdf(-gap / sigma);
}

function readOptions(options: ActivePairOptions) {
  const exploration = options.exploration ?? 0.1;
  const topFocus = options.topFocus ?? 2;
  const level = options.level ?? 0.95;
  if (!(exploration >= 0 && exploration <= 1)) badInput('exploration', `must be from 0 to 1, got ${exploration}`);
  if (!(topFocus >= 0 && Number.isFinite(topFocus)))
    badInput('topFocus', `must be a finite number ≥ 0, got ${topFocus}`);
  if (!(level > 0 && level < 1)) badInput('level', `must be strictly between 0 and 1, got ${level}`);
  return { exploration, topFocus, z: normalQuantile(1 - (1 - level) / 2) };
}

function validateEstimates(estimates: readonly ModelEstimate[]): void {
  if (estimates.length < 2) badInput('estimates', `needs at least two models, got ${estimates.length}`);
  const names = new Set<string>();
  estimates.forEach((estimate, k) => {
    if (names.has(estimate.model)) badInput(`estimates[${k}].model`, `"${estimate.model}" appears twice`);
    names.add(estimate.model);
    if (!Number.isFinite(estimate.strength))
      badInput(`estimates[${k}].strength`, `must be a finite number, got ${estimate.strength}`);
    const { low, high } = estimate;
    if ((low === null) !== (high === null))
      badInput(`estimates[${k}]`, 'low and high must both be numbers or both null');
    if (low !== null && high !== null && !(Number.isFinite(low) && Number.isFinite(high) && low <= high))
      badInput(`estimates[${k}]`, `needs finite low ≤ high, got ${low} and ${high}`);
  });
}
