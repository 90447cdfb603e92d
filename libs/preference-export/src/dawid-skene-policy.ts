import { fitDawidSkene, PAIRWISE_SWAP, posteriorMode, type DsLabel } from '@clinrank/agreement';
import { PAIRWISE_CHOICES, type PairwiseChoice } from '@clinrank/domain';
import { filterItem } from './filters.js';
import type { ExportRequest, PairPosteriors } from './request.js';
import type { ExportItem, Vote } from './types.js';
import { collectVotes, compareIds } from './votes.js';

/** The key of an item's unordered response pair. */
export function pairUnit(itemId: string, x: string, y: string): string {
  return compareIds(x, y) <= 0 ? `${itemId}|${x}|${y}` : `${itemId}|${y}|${x}`;
}

/** One vote as a Dawid–Skene label on its pair, or null for an invalid (rejected-proposal) vote. */
function voteOutcome(itemId: string, vote: Vote): (DsLabel & { adjudicated: boolean }) | null {
  if (vote.outcome === 'invalid') return null;
  const firstWins = compareIds(vote.winner, vote.loser) <= 0;
  const value = vote.outcome === 'win' ? (firstWins ? 'a' : 'b') : vote.outcome;
  return {
    item: pairUnit(itemId, vote.winner, vote.loser),
    annotator: vote.annotatorId,
    value,
    adjudicated: vote.adjudicated,
  };
}

/**
 * Fits Dawid–Skene (pairwise outcomes, symmetric under swapping the pair) to the votes the export would read: the same
 * filters, criterion and label selection. A lead's ruling is gold for its pair. A first pass over the items, before
 * the export streams them again.
 */
export async function fitPairPosteriors(
  items: AsyncIterable<ExportItem> | Iterable<ExportItem>,
  request: ExportRequest,
): Promise<PairPosteriors> {
  const labels: DsLabel[] = [];
  const gold = new Map<string, string>();
  for await (const item of items) {
    const filtered = filterItem(item, request);
    if (filtered.excluded !== null) continue;
    for (const vote of collectVotes(item, filtered.labels, filtered.responses, request)) {
      const outcome = voteOutcome(item.id, vote);
      if (outcome === null) continue;
      if (outcome.adjudicated) gold.set(outcome.item, outcome.value);
      else labels.push({ item: outcome.item, annotator: outcome.annotator, value: outcome.value });
    }
  }
  const posteriors: PairPosteriors = new Map();
  if (labels.length === 0) return posteriors;
  const fit = fitDawidSkene(labels, { classes: PAIRWISE_CHOICES, swap: PAIRWISE_SWAP, gold });
  const K = fit.classes.length;
  fit.items.forEach((unit, i) => {
    const { value, probability } = posteriorMode(fit.classes, fit.posteriors.subarray(i * K, (i + 1) * K));
    posteriors.set(unit, { outcome: value as PairwiseChoice, probability });
  });
  return posteriors;
}
