import { OVERALL_CRITERION, PAIRWISE_CHOICES, type PairwiseChoice } from '@clinrank/domain';
import { badInput } from './errors.js';

/** One pairwise judgement between two models' answers to an item, for one criterion. */
export interface ModelJudgement {
  item: string;
  modelA: string;
  modelB: string;
  choice: PairwiseChoice;
  annotator: string;
  /** Defaults to "overall". */
  criterion?: string;
  language?: string;
  specialty?: string;
  questionType?: string;
}

/** How a "both bad" judgement counts: as a tie (default), or left out of the counts altogether. */
export type BothBadPolicy = 'tie' | 'exclude';

/** Outcome of a judgement from one named model's side. */
export type Outcome = 'win' | 'tie' | 'lose' | 'both_bad';

/** The criterion a judgement is about. */
export function criterionOf(judgement: ModelJudgement): string {
  return judgement.criterion ?? OVERALL_CRITERION;
}

/** What the judgement means for `model`, which must be one of its two sides. */
export function outcomeFor(judgement: ModelJudgement, model: string): Outcome {
  if (judgement.choice === 'tie' || judgement.choice === 'both_bad') return judgement.choice;
  const winner = judgement.choice === 'a' ? judgement.modelA : judgement.modelB;
  return winner === model ? 'win' : 'lose';
}

/** Checks every judgement's fields and returns them unchanged, naming the first bad field. */
export function validateJudgements<T extends ModelJudgement>(judgements: readonly T[]): readonly T[] {
  judgements.forEach((judgement, index) => {
    const at = `judgements[${index}]`;
    for (const field of ['item', 'modelA', 'modelB', 'annotator'] as const) {
      if (typeof judgement?.[field] !== 'string' || judgement[field] === '')
        badInput(`${at}.${field}`, 'must be a non-empty string');
    }
    if (judgement.modelA === judgement.modelB)
      badInput(`${at}.modelB`, `must differ from modelA ("${judgement.modelA}")`);
    if (!(PAIRWISE_CHOICES as readonly string[]).includes(judgement.choice))
      badInput(`${at}.choice`, `must be one of ${PAIRWISE_CHOICES.join(', ')}, got "${judgement.choice}"`);
  });
  return judgements;
}

/** Reads a both-bad policy option, refusing unknown values. */
export function readBothBadPolicy(value: BothBadPolicy | undefined): BothBadPolicy {
  const policy = value ?? 'tie';
  if (policy !== 'tie' && policy !== 'exclude')
    badInput('bothBad', `must be "tie" or "exclude", got "${String(policy)}"`);
  return policy;
}
