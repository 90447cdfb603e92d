import { OVERALL_CRITERION, type LabelContent } from './labels.js';

/**
 * A label's answer to "which response is best on this criterion", as a comparable string independent of screen side:
 * a response id, "tie", "both_bad", or several ids joined by "=" when tied at the top. Null when the label does not say.
 */
export function labelVerdict(content: LabelContent, criterion: string = OVERALL_CRITERION): string | null {
  switch (content.kind) {
    case 'pairwise': {
      const judgement = content.judgements[criterion];
      if (!judgement) return null;
      if (judgement.choice === 'a') return content.a;
      if (judgement.choice === 'b') return content.b;
      return judgement.choice;
    }
    case 'ranking':
      return content.ranking[0] ? [...content.ranking[0]].sort().join('=') : null;
    case 'rating': {
      const scores =
        content.scores[criterion] ?? (criterion === OVERALL_CRITERION ? Object.values(content.scores)[0] : undefined);
      if (!scores || Object.keys(scores).length === 0) return null;
      const best = Math.max(...Object.values(scores));
      return Object.keys(scores)
        .filter((id) => scores[id] === best)
        .sort()
        .join('=');
    }
    case 'validation':
      return content.verdict;
  }
}

/** Whether a label picked the gold item's preferred response on the gold criterion. */
export function matchesGold(content: LabelContent, gold: { criterion: string; preferred: string }): boolean {
  return labelVerdict(content, gold.criterion) === gold.preferred;
}

/** Share of labels agreeing with the most common verdict, and whether they disagree at all. */
export function verdictAgreement(verdicts: readonly (string | null)[]): {
  majority: string | null;
  share: number;
  disagree: boolean;
} {
  const counts = new Map<string, number>();
  for (const verdict of verdicts) if (verdict !== null) counts.set(verdict, (counts.get(verdict) ?? 0) + 1);
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return { majority: null, share: 0, disagree: false };
  const [majority, top] = [...counts.entries()].sort(
    (left, right) => right[1] - left[1] || left[0].localeCompare(right[0]),
  )[0];
  return { majority, share: top / total, disagree: counts.size > 1 };
}
