import { DomainError, ErrorCode, pairKey } from '@clinrank/domain';
import type { PairStrategy } from './campaign-schedule.js';

export const CAMPAIGN_STRATEGIES: readonly PairStrategy[] = ['all-pairs', 'baseline'];

/** The campaign plan stored in projects.settings.campaign. */
export interface CampaignPlan {
  strategy: PairStrategy;
  /** Set for the baseline strategy, null otherwise. */
  baseline: string | null;
}

export interface ModelResponse {
  id: string;
  model: string | null;
}

/** A planned pair of responses in its canonical order (baseline strategy: the other model first, the baseline second). */
export type PlannedPair = [ModelResponse & { model: string }, ModelResponse & { model: string }];

/** The plan in a project's settings, or null when there is none (or it is not a valid plan). */
export function readCampaignPlan(settings: unknown): CampaignPlan | null {
  const campaign = (settings as { campaign?: { strategy?: unknown; baseline?: unknown } } | null)?.campaign;
  if (!campaign || !CAMPAIGN_STRATEGIES.includes(campaign.strategy as PairStrategy)) return null;
  if (campaign.strategy === 'baseline')
    return typeof campaign.baseline === 'string' && campaign.baseline !== ''
      ? { strategy: 'baseline', baseline: campaign.baseline }
      : null;
  return { strategy: 'all-pairs', baseline: null };
}

/** Checks a plan a lead asks for against the models the project's responses come from. */
export function validateCampaignPlan(
  strategy: string,
  baseline: string | null | undefined,
  models: readonly string[],
): CampaignPlan {
  if (!CAMPAIGN_STRATEGIES.includes(strategy as PairStrategy))
    bad('strategy', `must be one of ${CAMPAIGN_STRATEGIES.join(', ')}, got "${strategy}"`);
  if (strategy === 'all-pairs') {
    if (baseline) bad('baseline', 'is only used by the baseline strategy');
    return { strategy: 'all-pairs', baseline: null };
  }
  if (!baseline) bad('baseline', 'is required by the baseline strategy');
  if (models.length > 0 && !models.includes(baseline))
    bad('baseline', `"${baseline}" answers no item of this project (models: ${models.join(', ')})`);
  return { strategy: 'baseline', baseline };
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
