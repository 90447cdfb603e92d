import {
  PAIRWISE_CHOICES,
  type PairwiseChoice,
  type PairwiseContent,
  signedStrength,
  type Strength,
  STRENGTHS,
} from '@clinrank/domain';
import { badInput } from './errors.js';
import { type AlphaResult, krippendorffAlpha } from './krippendorff-alpha.js';
import { printable, type Id, type Label, normaliseId } from './labels.js';
import { percentAgreement } from './percent-agreement.js';
import { ReliabilityData } from './reliability-data.js';
import { compareText } from './value-order.js';

/** One coder's pairwise judgement on one criterion; `a` is the response shown first (screen side A). */
export interface PairwiseJudgementLabel {
  item: Id;
  criterion: string;
  coder: Id;
  a: string;
  b: string;
  choice: PairwiseChoice;
  strength?: Strength | null;
}

/** Choice relative to response identity: `first` means the lexicographically first response id wins, `second` that it loses. */
export type NormalisedChoice = 'first' | 'second' | 'tie' | 'both_bad';

export interface NormalisedJudgement {
  /** JSON of [item, criterion, first response id, second response id]: the same whatever order the coder saw. */
  unit: string;
  coder: string;
  criterion: string;
  choice: NormalisedChoice;
  /** −2 much first … 0 tie … +2 much second; null for both_bad. */
  signed: number | null;
}

/** Maps a screen-side judgement onto response identity, so coders who saw the pair in opposite orders compare correctly. */
export function normalisePairwise(label: PairwiseJudgementLabel): NormalisedJudgement {
  const item = normaliseId('item', label.item);
  const coder = normaliseId('coder', label.coder);
  const criterion = normaliseId('criterion', label.criterion);
  for (const side of ['a', 'b'] as const)
    if (typeof label[side] !== 'string' || label[side].length === 0)
      badInput(side, `must be a response id, got ${printable(label[side])}`);
  if (label.a === label.b) badInput('b', `must differ from a (both are ${JSON.stringify(label.a)})`);
  if (!(PAIRWISE_CHOICES as readonly unknown[]).includes(label.choice))
    badInput('choice', `must be one of ${PAIRWISE_CHOICES.join(', ')}, got ${printable(label.choice)}`);
  if (label.strength != null && !(STRENGTHS as readonly unknown[]).includes(label.strength))
    badInput('strength', `must be one of ${STRENGTHS.join(', ')}, got ${printable(label.strength)}`);
  const shownInOrder = compareText(label.a, label.b) < 0;
  const [first, second] = shownInOrder ? [label.a, label.b] : [label.b, label.a];
  const choice = shownInOrder ? label.choice : swapSides(label.choice);
  return {
    unit: JSON.stringify([item, criterion, first, second]),
    coder,
    criterion,
    choice: choice === 'a' ? 'first' : choice === 'b' ? 'second' : choice,
    signed: signedStrength({ choice, strength: label.strength }),
  };
}

function swapSides(choice: PairwiseChoice): PairwiseChoice {
  return choice === 'a' ? 'b' : choice === 'b' ? 'a' : choice;
}

/** Nominal reliability labels: first / second / tie / both_bad, each its own category. */
export function pairwiseNominalLabels(labels: Iterable<PairwiseJudgementLabel>): Label[] {
  return [...labels].map(normalisePairwise).map(({ unit, coder, choice }) => ({ unit, coder, value: choice }));
}

/** Ordinal reliability labels: the signed strength −2 … +2, both_bad as a missing value. */
export function pairwiseOrdinalLabels(labels: Iterable<PairwiseJudgementLabel>): Label[] {
  return [...labels].map(normalisePairwise).map(({ unit, coder, signed }) => ({ unit, coder, value: signed }));
}

/** Expands a stored PairwiseContent into one judgement per criterion. */
export function pairwiseLabelsFromContent(item: Id, coder: Id, content: PairwiseContent): PairwiseJudgementLabel[] {
  return Object.entries(content.judgements).map(([criterion, judgement]) => ({
    item,
    coder,
    criterion,
    a: content.a,
    b: content.b,
    ...judgement,
  }));
}

export interface CriterionAgreement {
  nominal: AlphaResult;
  ordinal: AlphaResult;
  percentAgreement: number | null;
}

/** Per criterion: nominal alpha (tie and both_bad as categories), ordinal alpha of the signed strength, and raw agreement. */
export function pairwiseAgreementByCriterion(
  labels: Iterable<PairwiseJudgementLabel>,
): Record<string, CriterionAgreement> {
  const nominal = new Map<string, ReliabilityData>();
  const ordinal = new Map<string, ReliabilityData>();
  for (const label of labels) {
    const judgement = normalisePairwise(label);
    dataFor(nominal, judgement.criterion).add(judgement.unit, judgement.coder, judgement.choice);
    dataFor(ordinal, judgement.criterion).add(judgement.unit, judgement.coder, judgement.signed);
  }
  const result: Record<string, CriterionAgreement> = {};
  for (const criterion of [...nominal.keys()].sort(compareText)) {
    const nominalData = nominal.get(criterion) as ReliabilityData;
    result[criterion] = {
      nominal: krippendorffAlpha(nominalData, { level: 'nominal' }),
      ordinal: krippendorffAlpha(ordinal.get(criterion) as ReliabilityData, { level: 'ordinal' }),
      percentAgreement: percentAgreement(nominalData).agreement,
    };
  }
  return result;
}

function dataFor(byCriterion: Map<string, ReliabilityData>, criterion: string): ReliabilityData {
  let data = byCriterion.get(criterion);
  if (data === undefined) byCriterion.set(criterion, (data = new ReliabilityData()));
  return data;
}
