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

/** Median seconds per task below which an annotator is flagged as too fast, unless the project sets its own. */
export const DEFAULT_MIN_MEDIAN_SECONDS: Record<TaskKind, number> = {
  pairwise: 8,
  ranking: 12,
  rating: 5,
  validation: 10,
};

/** The project's "too fast" threshold: `settings.minMedianSeconds` when set, else the default for its kind. */
export function minMedianSecondsOf(kind: TaskKind, settings: Record<string, unknown> | null | undefined): number {
  const value = settings?.minMedianSeconds;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : DEFAULT_MIN_MEDIAN_SECONDS[kind];
}

/** How the queue orders a project's items: 'fixed' (partly labelled first), or least-certain reward model first. */
export const QUEUE_ORDERS = ['fixed', 'uncertainty'] as const;
export type QueueOrder = (typeof QUEUE_ORDERS)[number];
