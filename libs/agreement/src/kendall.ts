import { badInput } from './errors.js';
import { type RankingEntry, type RankingLabel, midRanks, rankingsByItem } from './rankings.js';

export interface KendallWResult {
  /** Kendall's coefficient of concordance with the tie correction; null when undefined (see reason). */
  w: number | null;
  reason?: string;
  coders: number;
  responses: number;
}

/**
 * Kendall's W for m coders ranking the same n responses (one item), ties as mid-ranks:
 * W = 12·S / (m²(n³ − n) − m·Σ_j T_j), S = Σ_i (R_i − R̄)², T_j = Σ (t³ − t) over coder j's tied groups.
 */
export function kendallW(rankings: readonly (readonly RankingEntry[])[]): KendallWResult {
  return kendallWOfRanks(rankings.map((ranking, i) => midRanks(ranking, `rankings[${i}]`)));
}

function kendallWOfRanks(rankings: Map<string, number>[]): KendallWResult {
  const m = rankings.length;
  const responses = m === 0 ? [] : [...rankings[0].keys()];
  const n = responses.length;
  const shape = { coders: m, responses: n };
  if (m < 2) return { w: null, reason: 'fewer than two coders ranked this item', ...shape };
  if (rankings.some((ranks) => ranks.size !== n || responses.some((response) => !ranks.has(response)))) {
    return { w: null, reason: 'coders ranked different sets of responses', ...shape };
  }
  if (n < 2) return { w: null, reason: 'fewer than two responses to rank', ...shape };
  const meanRankSum = (m * (n + 1)) / 2;
  let s = 0;
  for (const response of responses) {
    let rankSum = 0;
    for (const ranks of rankings) rankSum += ranks.get(response) as number;
    s += (rankSum - meanRankSum) ** 2;
  }
  const ties = rankings.reduce((total, ranks) => total + tieCorrection(ranks.values()), 0);
  const denominator = m * m * (n ** 3 - n) - m * ties;
  if (denominator === 0) return { w: null, reason: 'no variation (every coder tied every response)', ...shape };
  return { w: (12 * s) / denominator, ...shape };
}

/** Σ (t³ − t) over groups of equal ranks. */
function tieCorrection(ranks: Iterable<number>): number {
  const groupSizes = new Map<number, number>();
  for (const rank of ranks) groupSizes.set(rank, (groupSizes.get(rank) ?? 0) + 1);
  let total = 0;
  for (const t of groupSizes.values()) total += t ** 3 - t;
  return total;
}

export interface KendallWByItem {
  items: Record<string, KendallWResult>;
  /** Mean of the defined per-item W; null when no item has one. */
  meanW: number | null;
  /** Items whose W is defined (and so count in the mean). */
  itemsUsed: number;
}

/** Kendall's W for every item of `{item, coder, ranking}` labels, and their mean. */
export function kendallWByItem(labels: Iterable<RankingLabel>): KendallWByItem {
  const items: Record<string, KendallWResult> = {};
  let total = 0;
  let used = 0;
  for (const [item, coders] of rankingsByItem(labels)) {
    const result = kendallWOfRanks([...coders.values()]);
    items[item] = result;
    if (result.w !== null) {
      total += result.w;
      used++;
    }
  }
  return { items, meanW: used === 0 ? null : total / used, itemsUsed: used };
}

/** Kendall's tau-b between two paired score lists (ties allowed); null when either list is constant or too short. */
export function kendallTauB(x: readonly number[], y: readonly number[]): number | null {
  if (x.length !== y.length) badInput('y', `must have the same length as x (${x.length}), got ${y.length}`);
  if ([...x, ...y].some((value) => !Number.isFinite(value))) badInput('x', 'values must be finite numbers');
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const dx = Math.sign(x[i] - x[j]);
      const dy = Math.sign(y[i] - y[j]);
      if (dx === 0) tiedX++;
      if (dy === 0) tiedY++;
      if (dx * dy > 0) concordant++;
      else if (dx * dy < 0) discordant++;
    }
  }
  const pairs = (x.length * (x.length - 1)) / 2;
  const denominator = Math.sqrt((pairs - tiedX) * (pairs - tiedY));
  return denominator === 0 ? null : (concordant - discordant) / denominator;
}

/** Kendall's tau-b between two coders' rankings, on the responses both ranked. */
export function rankingTauB(
  first: readonly RankingEntry[],
  second: readonly RankingEntry[],
): { tau: number | null; n: number; reason?: string } {
  const a = midRanks(first, 'first');
  const b = midRanks(second, 'second');
  const shared = [...a.keys()].filter((response) => b.has(response));
  const tau = kendallTauB(
    shared.map((response) => a.get(response) as number),
    shared.map((response) => b.get(response) as number),
  );
  return tau === null
    ? { tau, n: shared.length, reason: 'fewer than two shared responses, or one ranking ties them all' }
    : { tau, n: shared.length };
}
