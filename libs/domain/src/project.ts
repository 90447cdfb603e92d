import type { TaskKind } from './labels.js';

export interface RatingScale {
  min: number;
  max: number;
}

export const DEFAULT_RATING_SCALE: RatingScale = { min: 1, max: 5 };
export const MAX_RANKING_RESPONSES = 9;
export const MIN_RESPONSES = 2;
/** Default per-item limit on responses clinicians label (ranking: MAX_RANKING_RESPONSES, what fits on one screen). */
export const DEFAULT_MAX_RESPONSES_PER_ITEM = 20;

/** The default of a project's maxResponsesPerItem setting. */
export function defaultMaxResponsesPerItem(kind: TaskKind): number {
  return kind === 'ranking' ? MAX_RANKING_RESPONSES : DEFAULT_MAX_RESPONSES_PER_ITEM;
}

export interface ProjectSettings {
  kind: TaskKind;
  criteria: string[];
  scale: RatingScale;
  overlap: number;
  goldRate: number;
  leaseSeconds: number;
  allowTies: boolean;
  requireRationale: boolean;
  languages: string[];
  specialties: string[];
}

/** Parses "1-5" into a scale; throws a RangeError naming the problem. */
export function parseScale(text: string): RatingScale {
  const match = /^(-?\d+)-(-?\d+)$/.exec(text.trim());
  if (!match) throw new RangeError(`scale must look like 1-5, got "${text}"`);
  const scale = { min: Number(match[1]), max: Number(match[2]) };
  if (scale.max <= scale.min) throw new RangeError(`scale maximum must exceed its minimum, got "${text}"`);
  return scale;
}
