import { matchesGold, type LabelContent } from '@clinrank/domain';

/** Weight of an annotator with no gold labels: the prior mean of the smoothed accuracy below. */
export const NO_GOLD_WEIGHT = 0.5;

/**
 * Bradley–Terry annotator weights from gold labels, keyed by pseudonym: Laplace-smoothed accuracy (correct + 1) / (n + 2),
 * so one lucky gold answer does not give full weight and annotators without gold sit at 0.5.
 */
export function goldAccuracyWeights(
  rows: { pseudonym: string; content: LabelContent; gold: { criterion: string; preferred: string } }[],
): Record<string, number> {
  const tallies = new Map<string, { n: number; correct: number }>();
  for (const row of rows) {
    const tally = tallies.get(row.pseudonym) ?? { n: 0, correct: 0 };
    tally.n += 1;
    if (matchesGold(row.content, row.gold)) tally.correct += 1;
    tallies.set(row.pseudonym, tally);
  }
  return Object.fromEntries([...tallies].map(([pseudonym, { n, correct }]) => [pseudonym, (correct + 1) / (n + 2)]));
}
