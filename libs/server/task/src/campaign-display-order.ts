import { pairKey } from '@clinrank/domain';
import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  activePlannedPair,
  balancedSides,
  leastUsedPairs,
  plannedPairs,
  readCampaignPlan,
  type ModelEstimate,
  type ModelResponse,
} from '@clinrank/eval-metrics';
import type { TaskRepository } from './task.repository.js';

/** The campaign's current Bradley–Terry estimates (EvaluationService.campaignEstimates). */
export type EstimatesOf = (projectId: string) => Promise<ModelEstimate[]>;

/**
 * The response pair a campaign shows for an item, or null when the project has no campaign plan or the item has no planned pair
 * (the caller then falls back to its usual order). Uniform selection picks the planned pair with the fewest labels and
 * live leases on this item; active selection draws it from the estimates (activePlannedPair), so a pair may repeat on
 * an item while an uncertain one elsewhere waits. Either way sides are balanced per model pair over the whole project.
 * Runs under the caller's lock on the item row.
 */
export async function plannedDisplayOrder(
  repository: TaskRepository,
  manager: EntityManager,
  projectId: string,
  itemId: string,
  settings: unknown,
  estimatesOf: EstimatesOf,
): Promise<string[] | null> {
  const plan = readCampaignPlan(settings);
  if (!plan) return null;
  const responses: ModelResponse[] = await repository.responseModels(manager, itemId);
  const pairs = plannedPairs(responses, plan);
  if (pairs.length === 0) return null;
  let pair;
  if (plan.selection === 'active') pair = activePlannedPair(pairs, await estimatesOf(projectId), uniformRandom);
  else {
    const candidates = leastUsedPairs(pairs, await pairUses(repository, manager, itemId));
    pair = candidates[randomInt(candidates.length)];
  }
  return balancedSides(pair, await timesOnSideA(repository, manager, projectId, pair[0].model, pair[1].model));
}

/** A cryptographic uniform number in [0, 1), so the draws carry no pattern an annotator could learn. */
function uniformRandom(): number {
  return randomInt(2 ** 47) / 2 ** 47;
}

/** Labels plus live leases per response pair of the item. */
async function pairUses(
  repository: TaskRepository,
  manager: EntityManager,
  itemId: string,
): Promise<Map<string, number>> {
  const labels = await repository.pairLabelCounts(manager, itemId);
  const uses = new Map(labels.map((row) => [row.pair_key, row.n]));
  for (const order of await repository.liveLeaseOrders(manager, itemId)) {
    const key = pairKey('pairwise', order);
    uses.set(key, (uses.get(key) ?? 0) + 1);
  }
  return uses;
}

/** How often each of the two models was shown on side A against the other, over every task of the project. */
async function timesOnSideA(
  repository: TaskRepository,
  manager: EntityManager,
  projectId: string,
  modelX: string,
  modelY: string,
): Promise<Map<string, number>> {
  const rows = await repository.timesOnSideA(manager, projectId, modelX, modelY);
  return new Map(rows.map((row) => [row.model, row.n]));
}
