import { pairKey } from '@clinrank/domain';
import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { balancedSides, leastUsedPairs, plannedPairs, readCampaignPlan, type ModelResponse } from '@clinrank/eval-metrics';

/**
 * The response pair a campaign shows for an item, or null when the project has no campaign plan or the item has no planned pair
 * (the caller then falls back to its usual order). Picks the planned pair with the fewest labels and live leases on this item,
 * and balances sides per model pair over the whole project. Runs under the caller's lock on the item row.
 */
export async function plannedDisplayOrder(manager: EntityManager, projectId: string, itemId: string, settings?: unknown): Promise<string[] | null> {
  const projectSettings = settings !== undefined ? settings : (await manager.query(`SELECT settings FROM projects WHERE id = $1`, [projectId]))[0]?.settings;
  const plan = readCampaignPlan(projectSettings);
  if (!plan) return null;
  const responses: ModelResponse[] = await manager.query(`SELECT id, model FROM responses WHERE item_id = $1 ORDER BY position`, [itemId]);
  const pairs = plannedPairs(responses, plan);
  if (pairs.length === 0) return null;
  const candidates = leastUsedPairs(pairs, await pairUses(manager, itemId));
  const pair = candidates[randomInt(candidates.length)];
  return balancedSides(pair, await timesOnSideA(manager, projectId, pair[0].model, pair[1].model));
}

/** Labels plus live leases per response pair of the item. */
async function pairUses(manager: EntityManager, itemId: string): Promise<Map<string, number>> {
  const labels: { pair_key: string; n: number }[] = await manager.query(`SELECT pair_key, count(*)::int AS n FROM labels WHERE item_id = $1 GROUP BY pair_key`, [itemId]);
  const leases: { display_order: string[] }[] = await manager.query(`SELECT display_order FROM assignments WHERE item_id = $1 AND status = 'leased' AND expires_at > now()`, [itemId]);
  const uses = new Map(labels.map((row) => [row.pair_key, row.n]));
  for (const lease of leases) {
    const key = pairKey('pairwise', lease.display_order);
    uses.set(key, (uses.get(key) ?? 0) + 1);
  }
  return uses;
}

/** How often each of the two models was shown on side A against the other, over every assignment of the project. */
async function timesOnSideA(manager: EntityManager, projectId: string, modelX: string, modelY: string): Promise<Map<string, number>> {
  const rows: { model: string; n: number }[] = await manager.query(
    `SELECT ra.model, count(*)::int AS n
       FROM assignments a
       JOIN responses ra ON ra.id = a.display_order[1]
       JOIN responses rb ON rb.id = a.display_order[2]
      WHERE a.project_id = $1 AND cardinality(a.display_order) = 2
        AND ((ra.model = $2 AND rb.model = $3) OR (ra.model = $3 AND rb.model = $2))
      GROUP BY ra.model`,
    [projectId, modelX, modelY],
  );
  return new Map(rows.map((row) => [row.model, row.n]));
}
