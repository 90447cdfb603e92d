import { DomainError, ErrorCode } from './errors.js';
import {
  LABEL_FLAGS,
  OVERALL_CRITERION,
  PAIRWISE_CHOICES,
  STRENGTHS,
  VALIDATION_VERDICTS,
  type LabelContent,
  type LabelFlag,
  type PairwiseJudgement,
  type TaskKind,
} from './labels.js';
import type { RatingScale } from './project.js';
import { MAX_VALIDATION_REASONS, TEXT_LIMITS, textProblem } from './text-limits.js';

export interface LabelRules {
  kind: TaskKind;
  criteria: string[];
  scale: RatingScale;
  allowTies: boolean;
}

export const MAX_RATIONALE_CHARS = TEXT_LIMITS.rationale;
export const MAX_REWRITE_CHARS = TEXT_LIMITS.rewrite;

function bad(message: string, field: string): never {
  throw new DomainError(ErrorCode.BadUserInput, message, field);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every criterion the project asks about, plus the overall choice for pairwise and ranking-free rating sheets. */
export function requiredCriteria(rules: LabelRules): string[] {
  return rules.kind === 'pairwise' ? [...rules.criteria, OVERALL_CRITERION] : rules.criteria;
}

function validatePairwiseJudgement(value: unknown, criterion: string): PairwiseJudgement {
  if (!isRecord(value)) bad(`judgement for "${criterion}" must be an object with a choice`, `judgements.${criterion}`);
  const choice = value.choice;
  if (!(PAIRWISE_CHOICES as readonly unknown[]).includes(choice)) {
    bad(`choice for "${criterion}" must be one of ${PAIRWISE_CHOICES.join(', ')}`, `judgements.${criterion}.choice`);
  }
  const strength = value.strength ?? null;
  if (strength !== null && !(STRENGTHS as readonly unknown[]).includes(strength)) {
    bad(`strength for "${criterion}" must be slightly or much`, `judgements.${criterion}.strength`);
  }
  if (strength !== null && (choice === 'tie' || choice === 'both_bad')) {
    bad(`a ${choice} on "${criterion}" cannot have a strength`, `judgements.${criterion}.strength`);
  }
  return { choice: choice as PairwiseJudgement['choice'], strength: strength as PairwiseJudgement['strength'] };
}

function validatePairwise(raw: Record<string, unknown>, rules: LabelRules, shown: string[]): LabelContent {
  if (shown.length !== 2) bad('a pairwise label needs exactly two shown responses', 'displayOrder');
  const judgements = raw.judgements;
  if (!isRecord(judgements)) bad('judgements must map each criterion to a choice', 'judgements');
  const expected = requiredCriteria(rules);
  const unknown = Object.keys(judgements).filter((key) => !expected.includes(key));
  if (unknown.length)
    bad(`unknown criteria: ${unknown.join(', ')} (this project asks about ${expected.join(', ')})`, 'judgements');
  const missing = expected.filter((criterion) => !(criterion in judgements));
  if (missing.length) bad(`missing a choice for: ${missing.join(', ')}`, 'judgements');
  const normalised = Object.fromEntries(
    expected.map((criterion) => [criterion, validatePairwiseJudgement(judgements[criterion], criterion)]),
  );
  return { kind: 'pairwise', a: shown[0], b: shown[1], judgements: normalised };
}

function validateRanking(raw: Record<string, unknown>, rules: LabelRules, shown: string[]): LabelContent {
  const ranking = raw.ranking;
  if (!Array.isArray(ranking) || ranking.length === 0) bad('ranking must list the responses, best first', 'ranking');
  const groups = ranking.map((entry) => (Array.isArray(entry) ? entry : [entry]));
  if (groups.some((group) => group.length === 0 || group.some((id) => typeof id !== 'string'))) {
    bad('ranking entries must be response ids, or lists of ids for ties', 'ranking');
  }
  if (!rules.allowTies && groups.some((group) => group.length > 1))
    bad('this project does not allow ties in a ranking', 'ranking');
  const flat = groups.flat() as string[];
  if (new Set(flat).size !== flat.length) bad('a response appears twice in the ranking', 'ranking');
  const missing = shown.filter((id) => !flat.includes(id));
  const extra = flat.filter((id) => !shown.includes(id));
  if (missing.length || extra.length)
    bad(`the ranking must contain exactly the ${shown.length} shown responses`, 'ranking');
  return { kind: 'ranking', ranking: groups as string[][] };
}

function validateRating(raw: Record<string, unknown>, rules: LabelRules, shown: string[]): LabelContent {
  const scores = raw.scores;
  if (!isRecord(scores)) bad('scores must map each criterion to a score per response', 'scores');
  const normalised: Record<string, Record<string, number>> = {};
  for (const criterion of rules.criteria) {
    const perResponse = scores[criterion];
    if (!isRecord(perResponse)) bad(`missing scores for "${criterion}"`, `scores.${criterion}`);
    normalised[criterion] = {};
    for (const id of shown) {
      const score = perResponse[id];
      if (typeof score !== 'number' || !Number.isInteger(score) || score < rules.scale.min || score > rules.scale.max) {
        bad(
          `score for "${criterion}" must be a whole number from ${rules.scale.min} to ${rules.scale.max}`,
          `scores.${criterion}`,
        );
      }
      normalised[criterion][id] = score;
    }
    const extra = Object.keys(perResponse).filter((id) => !shown.includes(id));
    if (extra.length) bad(`scores for "${criterion}" name responses that were not shown`, `scores.${criterion}`);
  }
  const unknown = Object.keys(scores).filter((key) => !rules.criteria.includes(key));
  if (unknown.length) bad(`unknown criteria: ${unknown.join(', ')}`, 'scores');
  return { kind: 'rating', scores: normalised };
}

function validateReasons(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((reason) => typeof reason !== 'string'))
    bad('reasons must be a list of short texts', 'reasons');
  if (raw.length > MAX_VALIDATION_REASONS)
    bad(`at most ${MAX_VALIDATION_REASONS} reasons, got ${raw.length}`, 'reasons');
  return (raw as string[]).map((reason, index) => {
    const problem = textProblem('validationReason', reason);
    if (problem) bad(`reason ${index + 1} ${problem}`, `reasons[${index}]`);
    return reason;
  });
}

function validateValidation(raw: Record<string, unknown>, shown: string[]): LabelContent {
  const verdict = raw.verdict;
  if (!(VALIDATION_VERDICTS as readonly unknown[]).includes(verdict))
    bad(`verdict must be one of ${VALIDATION_VERDICTS.join(', ')}`, 'verdict');
  const fixedText = typeof raw.fixedText === 'string' ? raw.fixedText.trim() : '';
  if (verdict === 'fix' && !fixedText) bad('a fix needs the corrected text', 'fixedText');
  const fixedTextProblem = textProblem('fixedText', fixedText);
  if (fixedTextProblem) bad(`the corrected text ${fixedTextProblem}`, 'fixedText');
  const reasons = validateReasons(raw.reasons);
  return {
    kind: 'validation',
    response: shown[0],
    verdict: verdict as 'accept',
    fixedText: verdict === 'fix' ? fixedText : null,
    reasons,
  };
}

/**
 * Checks label content against the project's rules and the responses that were shown, and returns it normalised.
 * Pairwise content is stored by response id, so its meaning never depends on which side of the screen A was on.
 */
export function validateLabelContent(raw: unknown, rules: LabelRules, shown: string[]): LabelContent {
  if (!isRecord(raw)) bad('label content must be an object', 'content');
  if (raw.kind !== undefined && raw.kind !== rules.kind)
    bad(`this is a ${rules.kind} project, not ${String(raw.kind)}`, 'content.kind');
  switch (rules.kind) {
    case 'pairwise':
      return validatePairwise(raw, rules, shown);
    case 'ranking':
      return validateRanking(raw, rules, shown);
    case 'rating':
      return validateRating(raw, rules, shown);
    case 'validation':
      return validateValidation(raw, shown);
  }
}

/** Keeps known flags once each, in canonical order. */
export function normaliseFlags(flags: readonly string[]): LabelFlag[] {
  const unknown = flags.filter((flag) => !(LABEL_FLAGS as readonly string[]).includes(flag));
  if (unknown.length) bad(`unknown flags: ${unknown.join(', ')} (known: ${LABEL_FLAGS.join(', ')})`, 'flags');
  return LABEL_FLAGS.filter((flag) => flags.includes(flag));
}

/** Sorted "id|id" key of a response pair; empty for label kinds that cover every response. */
export function pairKey(kind: TaskKind, shown: readonly string[]): string {
  return kind === 'pairwise' ? [...shown].sort().join('|') : '';
}
