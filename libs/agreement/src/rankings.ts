import { badInput } from './errors.js';
import { printable, type Id, normaliseId } from './labels.js';

/** One place in a ranking: a response id, or a group of response ids tied at that place (as in RankingContent). */
export type RankingEntry = string | readonly string[];

/** One coder's ranking of an item's responses, best first. */
export interface RankingLabel {
  item: Id;
  coder: Id;
  ranking: readonly RankingEntry[];
}

/** Each response's 1-based position, tied groups sharing their mid-rank (a tie for places 2 and 3 gives both 2.5). */
export function midRanks(ranking: readonly RankingEntry[], field = 'ranking'): Map<string, number> {
  if (!Array.isArray(ranking) || ranking.length === 0)
    badInput(field, `must be a non-empty array of response ids, got ${printable(ranking)}`);
  const ranks = new Map<string, number>();
  let placed = 0;
  for (const entry of ranking) {
    const group = typeof entry === 'string' ? [entry] : entry;
    if (!Array.isArray(group) || group.length === 0)
      badInput(field, `entries must be response ids or non-empty groups of ids, got ${printable(entry)}`);
    const midRank = placed + (group.length + 1) / 2;
    for (const response of group) {
      if (typeof response !== 'string' || response.length === 0)
        badInput(field, `response ids must be non-empty strings, got ${printable(response)}`);
      if (ranks.has(response)) badInput(field, `lists response ${JSON.stringify(response)} twice`);
      ranks.set(response, midRank);
    }
    placed += group.length;
  }
  return ranks;
}

/** Rankings grouped by item (string ids), each coder's mid-ranks; a coder ranking the same item twice is refused. */
export function rankingsByItem(labels: Iterable<RankingLabel>): Map<string, Map<string, Map<string, number>>> {
  const items = new Map<string, Map<string, Map<string, number>>>();
  for (const label of labels) {
    if (label === null || typeof label !== 'object')
      badInput('ranking', 'must be an object with item, coder and ranking');
    const item = normaliseId('item', label.item);
    const coder = normaliseId('coder', label.coder);
    let coders = items.get(item);
    if (coders === undefined) items.set(item, (coders = new Map()));
    if (coders.has(coder))
      badInput('coder', `coder ${JSON.stringify(coder)} ranked item ${JSON.stringify(item)} more than once`);
    coders.set(coder, midRanks(label.ranking));
  }
  return items;
}
