import {
  OVERALL_CRITERION,
  type LabelContent,
  type PairwiseChoice,
  type PairwiseContent,
  type RankingContent,
  type RatingContent,
} from '@clinrank/domain';
import type { ModelJudgement } from './judgements.js';

/** A label of a campaign project with what the report needs about its item and annotator. */
export interface CampaignLabel {
  itemId: string;
  annotator: string;
  /** users.kind: 'human', 'external' or 'judge'. */
  annotatorKind: string;
  content: LabelContent;
  language: string;
  specialty: string;
  metadata: Record<string, unknown>;
}

/** A model judgement that remembers whether an automated judge made it. */
export interface CampaignJudgement extends ModelJudgement {
  criterion: string;
  isJudge: boolean;
}

export interface ConvertedLabels {
  judgements: CampaignJudgement[];
  /** Comparisons that could not become model judgements, counted by reason. */
  skipped: Array<{ reason: string; count: number }>;
}

const NO_MODEL = 'a response has no model';
const SAME_MODEL = 'both responses come from the same model';
const VALIDATION = 'validation labels compare no models';

/**
 * Turns campaign labels into model-vs-model judgements, one per criterion:
 * - pairwise: each criterion's choice, with A/B mapped to the models of the shown responses;
 * - ranking: every two ranked responses, the better-ranked one wins and responses in one group tie (criterion "overall");
 * - rating: every two responses scored by the same annotator, per criterion, the higher score wins and equal scores tie;
 *   "overall" uses the overall score when one was given, otherwise the mean of the criteria both responses were scored on.
 */
export function judgementsFromLabels(
  labels: readonly CampaignLabel[],
  modelOf: ReadonlyMap<string, string | null>,
): ConvertedLabels {
  const judgements: CampaignJudgement[] = [];
  const skipped = new Map<string, number>();
  const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  for (const label of labels) {
    const comparisons = comparisonsOf(label.content);
    if (comparisons === null) {
      skip(VALIDATION);
      continue;
    }
    for (const comparison of comparisons) {
      const modelA = modelOf.get(comparison.a) ?? null;
      const modelB = modelOf.get(comparison.b) ?? null;
      if (modelA === null || modelB === null) skip(NO_MODEL);
      else if (modelA === modelB) skip(SAME_MODEL);
      else
        judgements.push({
          ...describeLabel(label),
          modelA,
          modelB,
          criterion: comparison.criterion,
          choice: comparison.choice,
        });
    }
  }
  return {
    judgements,
    skipped: [...skipped.entries()]
      .map(([reason, count]) => ({ reason, count }))
      .sort((x, y) => x.reason.localeCompare(y.reason)),
  };
}

/** The question type of an item: metadata.type or metadata.questionType; a list of types becomes "A+B" (sorted). */
export function questionTypeOf(metadata: Record<string, unknown> | null | undefined): string | undefined {
  const value = metadata?.type ?? metadata?.questionType;
  if (typeof value === 'string' && value !== '') return value;
  if (Array.isArray(value)) {
    const types = value.filter((entry): entry is string => typeof entry === 'string' && entry !== '');
    if (types.length > 0) return [...new Set(types)].sort().join('+');
  }
  return undefined;
}

interface Comparison {
  a: string;
  b: string;
  criterion: string;
  choice: PairwiseChoice;
}

function describeLabel(label: CampaignLabel): Omit<CampaignJudgement, 'modelA' | 'modelB' | 'criterion' | 'choice'> {
  return {
    item: label.itemId,
    annotator: label.annotator,
    isJudge: label.annotatorKind === 'judge',
    language: label.language || undefined,
    specialty: label.specialty || undefined,
    questionType: questionTypeOf(label.metadata),
  };
}

/** Response-vs-response comparisons a label expresses; null for labels that compare nothing. */
function comparisonsOf(content: LabelContent): Comparison[] | null {
  if (content.kind === 'pairwise') return pairwiseComparisons(content);
  if (content.kind === 'ranking') return rankingComparisons(content);
  if (content.kind === 'rating') return ratingComparisons(content);
  return null;
}

function pairwiseComparisons(content: PairwiseContent): Comparison[] {
  return Object.entries(content.judgements ?? {}).map(([criterion, judgement]) => ({
    a: content.a,
    b: content.b,
    criterion,
    choice: judgement.choice,
  }));
}

function rankingComparisons(content: RankingContent): Comparison[] {
  const placed = content.ranking.flatMap((group, rank) => group.map((id) => ({ id, rank })));
  return everyPair(placed).map(([x, y]) => ({
    a: x.id,
    b: y.id,
    criterion: OVERALL_CRITERION,
    choice: compareHigherWins(-x.rank, -y.rank),
  }));
}

function ratingComparisons(content: RatingContent): Comparison[] {
  const comparisons: Comparison[] = [];
  for (const [criterion, scores] of Object.entries(content.scores ?? {})) {
    for (const [a, b] of everyPair(Object.keys(scores)))
      comparisons.push({ a, b, criterion, choice: compareHigherWins(scores[a], scores[b]) });
  }
  if (!(OVERALL_CRITERION in (content.scores ?? {}))) comparisons.push(...derivedOverall(content));
  return comparisons;
}

/** Overall from the mean of the criteria on which both responses were scored; pairs with no shared criterion give none. */
function derivedOverall(content: RatingContent): Comparison[] {
  const ids = [...new Set(Object.values(content.scores ?? {}).flatMap((scores) => Object.keys(scores)))];
  const comparisons: Comparison[] = [];
  for (const [a, b] of everyPair(ids)) {
    const shared = Object.values(content.scores).filter((scores) => a in scores && b in scores);
    if (shared.length === 0) continue;
    const mean = (id: string) => shared.reduce((sum, scores) => sum + scores[id], 0) / shared.length;
    comparisons.push({ a, b, criterion: OVERALL_CRITERION, choice: compareHigherWins(mean(a), mean(b)) });
  }
  return comparisons;
}

function compareHigherWins(scoreA: number, scoreB: number): PairwiseChoice {
  if (scoreA > scoreB) return 'a';
  if (scoreA < scoreB) return 'b';
  return 'tie';
}

function everyPair<T>(values: readonly T[]): Array<[T, T]> {
  const pairs: Array<[T, T]> = [];
  for (let i = 0; i < values.length; i++)
    for (let j = i + 1; j < values.length; j++) pairs.push([values[i], values[j]]);
  return pairs;
}
