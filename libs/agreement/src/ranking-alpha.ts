import { type AlphaResult, krippendorffAlpha } from './krippendorff-alpha.js';
import { rankingsByItem, type RankingLabel } from './rankings.js';
import { ReliabilityData } from './reliability-data.js';

/** Reliability data from rankings: unit = (item, response), value = the response's 1-based position (mid-rank when tied). */
export function rankingReliabilityData(labels: Iterable<RankingLabel>): ReliabilityData {
  const data = new ReliabilityData();
  for (const [item, coders] of rankingsByItem(labels)) {
    for (const [coder, ranks] of coders) {
      for (const [response, rank] of ranks) data.add(JSON.stringify([item, response]), coder, rank);
    }
  }
  return data;
}

/** Ordinal and interval Krippendorff's alpha of rankings, per (item, response) unit. */
export function rankingAlpha(labels: Iterable<RankingLabel>): {
  alphaOrdinal: AlphaResult;
  alphaInterval: AlphaResult;
} {
  const data = rankingReliabilityData(labels);
  return {
    alphaOrdinal: krippendorffAlpha(data, { level: 'ordinal' }),
    alphaInterval: krippendorffAlpha(data, { level: 'interval' }),
  };
}
