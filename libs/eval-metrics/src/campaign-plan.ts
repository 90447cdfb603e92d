import { DomainError, ErrorCode, pairKey } from '@clinrank/domain';
import { activePairWeights, drawPair, type ActivePairOptions, type ModelEstimate } from './active-pairs.js';
import type { PairStrategy } from './campaign-schedule.js';

export const CAMPAIGN_STRATEGIES: readonly PairStrategy[] = ['all-pairs', 'baseline'];

/**
 * How the next pair is chosen among the planned ones: `uniform` shows the pair least used on the item (every planned
 * pair equally often); `active` draws it from activePairWeights of the current Bradley–Terry estimates.
 */
export const CAMPAIGN_SELECTIONS = ['uniform', 'active'] as const;
export type CampaignSelection = (typeof CAMPAIGN_SELECTIONS)[number];

/**
 * The default selection, also of plans stored before selection existed: uniform keeps every planned pair's
 * win/tie/lose row and every model's interval equally precise; active spends the votes on the top of the leaderboard
 * (BENCHMARKS.md, "Active model comparisons": the same top-gap precision with 35 % of the votes, but wider intervals
 * for the weaker models), a trade a lead opts into.
 */
export const DEFAULT_CAMPAIGN_SELECTION: CampaignSelection = 'uniform';

/** The campaign plan stored in projects.settings.campaign. */
export interface CampaignPlan {
  strategy: PairStrategy;
  /** Set for the baseline strategy, null otherwise. */
  baseline: string | null;
  selection: CampaignSelection;
}

export interface ModelResponse {
  id: string;
  model: string | null;
}

/** A planned pair of responses in its canonical order (baseline strategy: the other model first, the baseline second). */
export type PlannedPair = [ModelResponse & { model: string }, ModelResponse & { model: string }];

/** The plan in a project's settings, or null when there is none (or it is not a valid plan). */
export function readCampaignPlan(settings: unknown): CampaignPlan | null {
  const campaign = (settings as { campaign?: { strategy?: unknown; baseline?: unknown; selection?: unknown } } | null)
    ?.campaign;
  if (!campaign || !CAMPAIGN_STRATEGIES.includes(campaign.strategy as PairStrategy)) return null;
  const selection = (CAMPAIGN_SELECTIONS as readonly unknown[]).includes(campaign.selection)
    ? (campaign.selection as CampaignSelection)
    : DEFAULT_CAMPAIGN_SELECTION;
  if (campaign.strategy === 'baseline')
    return typeof campaign.baseline === 'string' && campaign.baseline !== ''
      ? { strategy: 'baseline', baseline: campaign.baseline, selection }
      : null;
  return { strategy: 'all-pairs', baseline: null, selection };
}

/** Checks a plan a lead asks for against the models the project's responses come from. */
export function validateCampaignPlan(
  strategy: string,
  baseline: string | null | undefined,
  models: readonly string[],
  selection: string = DEFAULT_CAMPAIGN_SELECTION,
): CampaignPlan {
  if (!CAMPAIGN_STRATEGIES.includes(strategy as PairStrategy))
    bad('strategy', `must be one of ${CAMPAIGN_STRATEGIES.join(', ')}, got "${strategy}"`);
  if (!(CAMPAIGN_SELECTIONS as readonly string[]).includes(selection))
    bad('selection', `must be one of ${CAMPAIGN_SELECTIONS.join(', ')}, got "${selection}"`);
  const chosen = selection as CampaignSelection;
  if (strategy === 'all-pairs') {
    if (baseline) bad('baseline', 'is only used by the baseline strategy');
    return { strategy: 'all-pairs', baseline: null, selection: chosen };
  }
  if (!baseline) bad('baseline', 'is required by the baseline strategy');
  if (models.length > 0 && !models.includes(baseline))
    bad('baseline', `"${baseline}" answers no item of this project (models: ${models.join(', ')})`);
  return { strategy: 'baseline', baseline, selection: chosen };
}

/** The pairs the plan allows on one item: every two models, or each other model with the baseline. Responses without a model are never planned. */
export function plannedPairs(responses: readonly ModelResponse[], plan: CampaignPlan): PlannedPair[] {
  const withModel = responses.filter(
    (response): response is ModelResponse & { model: string } => response.model !== null && response.model !== '',
  );
  const pairs: PlannedPair[] = [];
  for (let i = 0; i < withModel.length; i++) {
    for (let j = i + 1; j < withModel.length; j++) {
      const [x, y] = [withModel[i], withModel[j]];
      if (x.model === y.model) continue;
      if (plan.strategy === 'baseline') {
        if (x.model === plan.baseline) pairs.push([y, x]);
        else if (y.model === plan.baseline) pairs.push([x, y]);
      } else pairs.push(x.model < y.model ? [x, y] : [y, x]);
    }
  }
  return pairs;
}

/** The planned pairs shown least so far on this item (uses keyed by the sorted "id|id" pair key). */
export function leastUsedPairs(pairs: readonly PlannedPair[], uses: ReadonlyMap<string, number>): PlannedPair[] {
  const count = (pair: PlannedPair) => uses.get(pairKey('pairwise', [pair[0].id, pair[1].id])) ?? 0;
  const fewest = Math.min(...pairs.map(count));
  return pairs.filter((pair) => count(pair) === fewest);
}

/**
 * Active selection on one item: draws one of its planned pairs with the probability activePairWeights gives that model
 * pair (the simulator's `simulateCampaign` draws from the same weights), renormalised over the pairs the item offers.
 * Warm-up, as in the simulator: while a model of the item has no estimate yet (no judgement), a pair with such a model
 * is drawn uniformly instead, so every model is compared before the intervals steer. `rng` returns numbers in [0, 1).
 */
export function activePlannedPair(
  pairs: readonly PlannedPair[],
  estimates: readonly ModelEstimate[],
  rng: () => number,
  options: ActivePairOptions = {},
): PlannedPair {
  if (pairs.length === 0) bad('pairs', 'needs at least one planned pair');
  const known = new Set(estimates.map((estimate) => estimate.model));
  const warmUp = pairs.filter(([x, y]) => !known.has(x.model) || !known.has(y.model));
  if (warmUp.length > 0) return warmUp[Math.min(warmUp.length - 1, Math.floor(rng() * warmUp.length))];
  const byModels = new Map(
    activePairWeights(estimates, options).map((pair) => [modelPairKey(pair.first, pair.second), pair.weight]),
  );
  const weights = pairs.map((pair) => byModels.get(modelPairKey(pair[0].model, pair[1].model)) ?? 0);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const chosen = drawPair(
    pairs.map((pair, k) => ({
      first: String(k),
      second: '',
      weight: total > 0 ? weights[k] / total : 1 / pairs.length,
    })),
    rng,
  );
  return pairs[Number(chosen.first)];
}

function modelPairKey(x: string, y: string): string {
  return x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
}

/**
 * Display order of a pair: the model that has sat on side A less often against the other goes on A;
 * on a tie, the canonical first. Alternating this way keeps each model on A about half the time per model pair.
 */
export function balancedSides(pair: PlannedPair, timesOnA: ReadonlyMap<string, number>): [string, string] {
  const [first, second] = pair;
  const swap = (timesOnA.get(second.model) ?? 0) < (timesOnA.get(first.model) ?? 0);
  return swap ? [second.id, first.id] : [first.id, second.id];
}

function bad(field: string, message: string): never {
  throw new DomainError(ErrorCode.BadUserInput, `${field}: ${message}`, field);
}
