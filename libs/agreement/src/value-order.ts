import type { LabelValue } from './labels.js';

/** Deterministic display order for categories: numbers ascending, then strings in code-unit order. */
export function compareValues(x: LabelValue, y: LabelValue): number {
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'number') return -1;
  if (typeof y === 'number') return 1;
  return compareText(x, y);
}

/** Plain code-unit string order (what `[...].sort()` does), independent of locale. */
export function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
