import {
  OVERALL_CRITERION,
  PAIRWISE_CHOICES,
  VALIDATION_VERDICTS,
  type LabelContent,
  type PairwiseChoice,
  type TaskKind,
} from '@clinrank/domain';
import { decideOverlap, type AdaptiveOverlap, type OverlapDecision, type OverlapStatus } from './adaptive-overlap.js';
import {
  fitDawidSkene,
  PAIRWISE_SWAP,
  type DawidSkeneFit,
  type DawidSkeneModel,
  type DawidSkeneOptions,
  type DsLabel,
} from './dawid-skene.js';
import { badInput } from './errors.js';
import { compareText } from './value-order.js';

/** The task kinds whose labels have one categorical outcome per unit, so Dawid–Skene and adaptive overlap apply. */
export const CATEGORICAL_KINDS = ['pairwise', 'validation'] as const satisfies readonly TaskKind[];

/** A stored label as the reliability model reads it. */
export interface OutcomeLabel {
  item: string;
  annotator: string;
  content: LabelContent;
}

/** A judged unit: an item's pair of responses (pairwise) or its response (validation). */
export interface OutcomeUnit {
  /** The unit Dawid–Skene fits: `item|first|second` (response ids in text order) or `item|response`. */
  item: string;
  /** The stored item the unit belongs to. */
  itemId: string;
  /** Pairwise: the two response ids in text order; `a` in an outcome means the first of them. */
  responses: string[];
}

/** Whether labels of this kind can feed Dawid–Skene. */
export function isCategoricalKind(kind: string): kind is (typeof CATEGORICAL_KINDS)[number] {
  return (CATEGORICAL_KINDS as readonly string[]).includes(kind);
}

/** The fit options of a kind's outcomes: pairwise outcomes are symmetric under swapping the pair. */
export function outcomeOptions(kind: TaskKind): Pick<DawidSkeneOptions, 'classes' | 'swap'> {
  if (kind === 'pairwise') return { classes: PAIRWISE_CHOICES, swap: PAIRWISE_SWAP };
  if (kind === 'validation') return { classes: VALIDATION_VERDICTS };
  return badInput('kind', `Dawid–Skene needs pairwise or validation labels, got ${kind}`);
}

/**
 * The unit (as `item`, the key Dawid–Skene fits) and outcome one label gives under `criterion`, or null (no judgement on it). Pairwise outcomes are turned
 * from screen sides into response identity: `a` means the response whose id sorts first.
 */
export function labelOutcome(
  label: OutcomeLabel,
  criterion: string = OVERALL_CRITERION,
): (DsLabel & OutcomeUnit) | null {
  const content = label.content;
  if (content.kind === 'pairwise') {
    const judgement = content.judgements[criterion];
    if (!judgement || content.a === content.b) return null;
    const inOrder = compareText(content.a, content.b) < 0;
    const responses = inOrder ? [content.a, content.b] : [content.b, content.a];
    const value: PairwiseChoice = inOrder ? judgement.choice : swapSides(judgement.choice);
    return { ...unitOf(label.item, responses), annotator: label.annotator, value };
  }
  if (content.kind === 'validation') {
    if (criterion !== OVERALL_CRITERION) return null;
    return { ...unitOf(label.item, [content.response]), annotator: label.annotator, value: content.verdict };
  }
  return null;
}

/** Every label's outcome under `criterion` (labels without one are left out). */
export function labelOutcomes(labels: readonly OutcomeLabel[], criterion: string = OVERALL_CRITERION) {
  return labels.flatMap((label) => labelOutcome(label, criterion) ?? []);
}

/**
 * Fits Dawid–Skene to a project's labels under `criterion`. `goldPreferred` (item → the gold answer's preferred
 * response) clamps every pairwise unit of a gold item that contains that response.
 */
export function fitLabelOutcomes(
  kind: TaskKind,
  labels: readonly OutcomeLabel[],
  goldPreferred: ReadonlyMap<string, string> = new Map(),
  criterion: string = OVERALL_CRITERION,
): DawidSkeneFit {
  const outcomes = labelOutcomes(labels, criterion);
  const gold = new Map<string, string>();
  if (kind === 'pairwise') {
    for (const outcome of outcomes) {
      const preferred = goldPreferred.get(outcome.itemId);
      if (preferred && outcome.responses.includes(preferred))
        gold.set(outcome.item, preferred === outcome.responses[0] ? 'a' : 'b');
    }
  }
  return fitDawidSkene(outcomes, { ...outcomeOptions(kind), gold });
}

/**
 * The adaptive-overlap decision for one item from its labels: each judged unit is decided by `decideOverlap`; the item
 * closes when every unit is confident, and asks for no one beyond `max` annotators of the item.
 */
export function decideItemOverlap(input: {
  labels: readonly OutcomeLabel[];
  model: DawidSkeneModel;
  overlap: AdaptiveOverlap;
}): OverlapDecision {
  const annotators = new Set(input.labels.map((label) => label.annotator)).size;
  const byUnit = new Map<string, DsLabel[]>();
  for (const outcome of labelOutcomes(input.labels)) {
    const list = byUnit.get(outcome.item) ?? [];
    list.push(outcome);
    byUnit.set(outcome.item, list);
  }
  const models = new Map([[OVERALL_CRITERION, input.model]]);
  const decisions = [...byUnit.values()].map((unitLabels) =>
    decideOverlap({
      labels: unitLabels.map((label) => ({ ...label, criterion: OVERALL_CRITERION })),
      models,
      overlap: input.overlap,
      criteria: [OVERALL_CRITERION],
    }),
  );
  const confident = decisions.length > 0 && decisions.every((decision) => decision.status === 'closed');
  let status: OverlapStatus;
  if (annotators >= input.overlap.max) status = confident ? 'closed' : 'at-max';
  else if (annotators < input.overlap.min) status = 'needs-more';
  else status = confident ? 'closed' : 'needs-more';
  return { status, annotators, outcomes: decisions.flatMap((decision) => decision.outcomes) };
}

/** How many annotators the queue should give an item after a decision: never below `min`, never above `max`. */
export function targetOverlap(decision: OverlapDecision, overlap: AdaptiveOverlap): number {
  if (decision.status === 'needs-more') return Math.min(overlap.max, Math.max(overlap.min, decision.annotators + 1));
  return Math.min(overlap.max, Math.max(overlap.min, decision.annotators));
}

function unitOf(item: string, responses: string[]): OutcomeUnit {
  return { item: [item, ...responses].join('|'), itemId: item, responses };
}

function swapSides(choice: PairwiseChoice): PairwiseChoice {
  return choice === 'a' ? 'b' : choice === 'b' ? 'a' : choice;
}
