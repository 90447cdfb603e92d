import {
  OVERALL_CRITERION,
  PAIRWISE_CHOICES,
  VALIDATION_VERDICTS,
  type LabelContent,
  type PairwiseChoice,
  type RankingContent,
  type RatingContent,
  type TaskKind,
} from '@clinrank/domain';
import {
  decideOverlap,
  type AdaptiveOverlap,
  type OverlapCriteria,
  type OverlapDecision,
  type OverlapStatus,
} from './adaptive-overlap.js';
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

/**
 * The kinds adaptive overlap works on. Ranking labels become the pairwise outcomes of the ranking (every two responses:
 * the better-ranked one wins, one group is a tie), so an item closes once the order of every pair is confident; rating
 * labels become one outcome per response, its score on the project's scale.
 */
export const ADAPTIVE_KINDS = ['pairwise', 'validation', 'ranking', 'rating'] as const satisfies readonly TaskKind[];

/** Whether adaptive overlap works on projects of this kind. */
export function supportsAdaptiveOverlap(kind: string): boolean {
  return (ADAPTIVE_KINDS as readonly string[]).includes(kind);
}

/** A rating project's scale, whose values (as strings) are the Dawid–Skene classes of its scores. */
export interface RatingScale {
  min: number;
  max: number;
}

/** The fit options of a kind's outcomes: pairwise (and ranking) outcomes are symmetric under swapping the pair. */
export function outcomeOptions(kind: TaskKind, scale?: RatingScale): Pick<DawidSkeneOptions, 'classes' | 'swap'> {
  if (kind === 'pairwise' || kind === 'ranking') return { classes: PAIRWISE_CHOICES, swap: PAIRWISE_SWAP };
  if (kind === 'validation') return { classes: VALIDATION_VERDICTS };
  if (kind === 'rating') {
    if (!scale || !Number.isInteger(scale.min) || !Number.isInteger(scale.max) || scale.max <= scale.min)
      badInput('scale', 'a rating fit needs the whole-number scale of its project');
    return { classes: Array.from({ length: scale.max - scale.min + 1 }, (_, k) => String(scale.min + k)) };
  }
  return badInput('kind', `Dawid–Skene needs pairwise, validation, ranking or rating labels, got ${String(kind)}`);
}

/**
 * The criteria an item must be confident on before it closes. Pairwise: 'overall', plus every project criterion with
 * 'every'. Validation and ranking labels carry one judgement ('overall'). Rating: the project's 'overall' criterion,
 * or its first criterion when none is named so; every project criterion with 'every'.
 */
export function overlapCriteria(
  kind: TaskKind,
  setting: OverlapCriteria,
  projectCriteria: readonly string[],
): string[] {
  if (setting !== 'overall' && setting !== 'every')
    badInput('criteria', `must be "overall" or "every", got "${String(setting)}"`);
  if (kind === 'rating') {
    // A rating sheet has no overall score unless the project names one; its first criterion stands in for it.
    if (setting === 'every' && projectCriteria.length > 0) return [...projectCriteria];
    return [
      projectCriteria.includes(OVERALL_CRITERION) ? OVERALL_CRITERION : (projectCriteria[0] ?? OVERALL_CRITERION),
    ];
  }
  if (setting === 'overall' || kind === 'validation' || kind === 'ranking') return [OVERALL_CRITERION];
  return [OVERALL_CRITERION, ...projectCriteria.filter((criterion) => criterion !== OVERALL_CRITERION)];
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

/**
 * Every outcome one label gives under `criterion`: one for pairwise and validation (as labelOutcome), one per pair of
 * ranked responses for ranking (`a`: the response whose id sorts first is ranked better; one group: tie), one per
 * scored response for rating (the score as a string).
 */
export function labelOutcomesOf(label: OutcomeLabel, criterion: string = OVERALL_CRITERION): (DsLabel & OutcomeUnit)[] {
  const content = label.content;
  if (content.kind === 'ranking') return rankingOutcomes(label.item, label.annotator, content);
  if (content.kind === 'rating') return ratingOutcomes(label.item, label.annotator, content, criterion);
  const single = labelOutcome(label, criterion);
  return single ? [single] : [];
}

/** Every label's outcomes under `criterion` (labels without one are left out). */
export function labelOutcomes(labels: readonly OutcomeLabel[], criterion: string = OVERALL_CRITERION) {
  return labels.flatMap((label) => labelOutcomesOf(label, criterion));
}

function rankingOutcomes(item: string, annotator: string, content: RankingContent): (DsLabel & OutcomeUnit)[] {
  const place = new Map<string, number>();
  content.ranking.forEach((group, rank) => group.forEach((id) => place.set(id, rank)));
  const ids = [...place.keys()].sort(compareText);
  const outcomes: (DsLabel & OutcomeUnit)[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const [first, second] = [place.get(ids[i]) as number, place.get(ids[j]) as number];
      const value: PairwiseChoice = first < second ? 'a' : first > second ? 'b' : 'tie';
      outcomes.push({ ...unitOf(item, [ids[i], ids[j]]), annotator, value });
    }
  }
  return outcomes;
}

function ratingOutcomes(
  item: string,
  annotator: string,
  content: RatingContent,
  criterion: string,
): (DsLabel & OutcomeUnit)[] {
  const scores =
    content.scores[criterion] ?? (criterion === OVERALL_CRITERION ? Object.values(content.scores)[0] : undefined);
  if (!scores) return [];
  return Object.keys(scores)
    .sort(compareText)
    .map((response) => ({ ...unitOf(item, [response]), annotator, value: String(scores[response]) }));
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
  scale?: RatingScale,
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
  return fitDawidSkene(outcomes, { ...outcomeOptions(kind, scale), gold });
}

/**
 * The adaptive-overlap decision for one item from its labels: each judged unit (a pair, a response) of each criterion
 * is decided by `decideOverlap` with that criterion's model; the item closes when every unit of every criterion is
 * confident, and asks for no one beyond `max` annotators of the item. `models` maps each required criterion to its
 * fitted model (a bare `model` stands for 'overall' alone).
 */
export function decideItemOverlap(input: {
  labels: readonly OutcomeLabel[];
  model?: DawidSkeneModel;
  models?: ReadonlyMap<string, DawidSkeneModel>;
  overlap: AdaptiveOverlap;
}): OverlapDecision {
  const models = input.models ?? new Map(input.model ? [[OVERALL_CRITERION, input.model]] : []);
  if (models.size === 0) badInput('models', 'needs the fitted model of at least one criterion');
  const annotators = new Set(input.labels.map((label) => label.annotator)).size;
  const decisions: OverlapDecision[] = [];
  let everyCriterionJudged = true;
  for (const [criterion, model] of models) {
    const byUnit = new Map<string, DsLabel[]>();
    for (const outcome of labelOutcomes(input.labels, criterion)) {
      const list = byUnit.get(outcome.item) ?? [];
      list.push(outcome);
      byUnit.set(outcome.item, list);
    }
    if (byUnit.size === 0) everyCriterionJudged = false;
    const single = new Map([[criterion, model]]);
    for (const unitLabels of byUnit.values())
      decisions.push(
        decideOverlap({
          labels: unitLabels.map((label) => ({ ...label, criterion })),
          models: single,
          overlap: input.overlap,
          criteria: [criterion],
        }),
      );
  }
  const confident =
    everyCriterionJudged && decisions.length > 0 && decisions.every((decision) => decision.status === 'closed');
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
