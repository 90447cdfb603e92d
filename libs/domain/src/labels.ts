/** Vocabulary of labels, shared by the API, the exports and the statistics. */

export const TASK_KINDS = ['pairwise', 'ranking', 'rating', 'validation'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const DEFAULT_CRITERIA = ['accuracy', 'helpfulness', 'safety'] as const;
/** Every project also records this holistic choice next to its criteria. */
export const OVERALL_CRITERION = 'overall';

export const PAIRWISE_CHOICES = ['a', 'b', 'tie', 'both_bad'] as const;
export type PairwiseChoice = (typeof PAIRWISE_CHOICES)[number];

export const STRENGTHS = ['slightly', 'much'] as const;
export type Strength = (typeof STRENGTHS)[number];

export const LABEL_FLAGS = ['unsafe', 'factual_error', 'contains_phi', 'not_answerable', 'wrong_language'] as const;
export type LabelFlag = (typeof LABEL_FLAGS)[number];

export const RESPONSE_SOURCES = ['model', 'human', 'synthetic'] as const;
export type ResponseSource = (typeof RESPONSE_SOURCES)[number];

export const VALIDATION_VERDICTS = ['accept', 'reject', 'fix'] as const;
export type ValidationVerdict = (typeof VALIDATION_VERDICTS)[number];

export const MESSAGE_ROLES = ['user', 'assistant'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export interface ChatMessage {
  role: MessageRole | 'system';
  content: string;
}

export interface PairwiseJudgement {
  choice: PairwiseChoice;
  strength?: Strength | null;
}

/** Pairwise label content: one judgement per criterion (including `overall`). Responses are referred to by id, never by screen side. */
export interface PairwiseContent {
  kind: 'pairwise';
  /** Response id that was "A" (the left/first pane) and "B". */
  a: string;
  b: string;
  judgements: Record<string, PairwiseJudgement>;
}

/** Ranking content: groups of response ids, best group first; a group of more than one is a tie. */
export interface RankingContent {
  kind: 'ranking';
  ranking: string[][];
}

/** Rating content: scores[criterion][responseId] on the project's scale. */
export interface RatingContent {
  kind: 'rating';
  scores: Record<string, Record<string, number>>;
}

export interface ValidationContent {
  kind: 'validation';
  response: string;
  verdict: ValidationVerdict;
  fixedText?: string | null;
  reasons?: string[];
}

export type LabelContent = PairwiseContent | RankingContent | RatingContent | ValidationContent;

/** Signed ordinal strength of a pairwise judgement: −2 much A … 0 tie … +2 much B; null for both_bad. */
export function signedStrength(judgement: PairwiseJudgement): number | null {
  if (judgement.choice === 'tie') return 0;
  if (judgement.choice === 'both_bad') return null;
  const magnitude = judgement.strength === 'much' ? 2 : 1;
  return judgement.choice === 'a' ? -magnitude : magnitude;
}
