import { wilsonInterval } from '@clinrank/statistics';
import { badInput } from './errors.js';
import {
  criterionOf,
  readBothBadPolicy,
  validateJudgements,
  type BothBadPolicy,
  type ModelJudgement,
} from './judgements.js';

export interface JudgeAgreement {
  judge: string;
  /** Judge judgements on a unit (item, model pair, criterion) where the clinicians have a majority (an unshared most common outcome). */
  n: number;
  agreeing: number;
  /** agreeing / n; null when n is 0. */
  share: number | null;
  interval: { low: number; high: number } | null;
  /** Judge judgements left out because the clinicians were split evenly or did not judge that unit. */
  withoutMajority: number;
}

/**
 * Agreement of a judge (an annotator, e.g. an LLM) with the clinicians' per-unit majority, sides normalised so A/B swaps compare.
 * bothBad "tie" (default) counts both-bad as a tie; "exclude" drops both-bad judgements, the judge's and the clinicians'.
 */
export function judgeAgreement(
  judgements: readonly ModelJudgement[],
  judge: string,
  options: { bothBad?: BothBadPolicy; level?: number } = {},
): JudgeAgreement {
  validateJudgements(judgements);
  if (typeof judge !== 'string' || judge === '') badInput('judge', 'must name an annotator');
  const bothBad = readBothBadPolicy(options.bothBad);
  const counted = judgements.filter((j) => !(bothBad === 'exclude' && j.choice === 'both_bad'));
  const clinicianVotes = new Map<string, Map<string, number>>();
  for (const judgement of counted) {
    if (judgement.annotator === judge) continue;
    const unit = unitKey(judgement);
    if (!clinicianVotes.has(unit)) clinicianVotes.set(unit, new Map());
    const votes = clinicianVotes.get(unit) as Map<string, number>;
    const outcome = canonicalOutcome(judgement);
    votes.set(outcome, (votes.get(outcome) ?? 0) + 1);
  }
  let n = 0;
  let agreeing = 0;
  let withoutMajority = 0;
  for (const judgement of counted.filter((j) => j.annotator === judge)) {
    const majority = mostCommonOutcome(clinicianVotes.get(unitKey(judgement)));
    if (majority === null) {
      withoutMajority++;
      continue;
    }
    n++;
    if (canonicalOutcome(judgement) === majority) agreeing++;
  }
  return {
    judge,
    n,
    agreeing,
    share: n === 0 ? null : agreeing / n,
    interval: n === 0 ? null : wilsonInterval(agreeing, n, options.level ?? 0.95),
    withoutMajority,
  };
}

function unitKey(judgement: ModelJudgement): string {
  const [first, second] = [judgement.modelA, judgement.modelB].sort();
  return [judgement.item, first, second, criterionOf(judgement)].join('\u0000');
}

/** The winning model's name or "tie" (both-bad included): independent of which side was A. */
function canonicalOutcome(judgement: ModelJudgement): string {
  if (judgement.choice === 'a') return `model:${judgement.modelA}`;
  if (judgement.choice === 'b') return `model:${judgement.modelB}`;
  return 'tie';
}

/** The clinicians' majority: the outcome with the most votes, or null when there are none or the top count is shared. */
function mostCommonOutcome(votes: Map<string, number> | undefined): string | null {
  if (votes === undefined) return null;
  const ranked = [...votes.entries()].sort((x, y) => y[1] - x[1]);
  return ranked.length === 1 || ranked[0][1] > ranked[1][1] ? ranked[0][0] : null;
}
