import { badInput } from './errors.js';

/** Arithmetic mean; null for an empty list. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  requireFinite(values);
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Sample variance (denominator n − 1); null when fewer than two values. */
export function variance(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const centre = mean(values) as number;
  let sumSquares = 0;
  for (const value of values) sumSquares += (value - centre) ** 2;
  return sumSquares / (values.length - 1);
}

/** Median (average of the two middle values for an even count); null for an empty list. */
export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

/** Quantile by linear interpolation between order statistics (Hyndman–Fan type 7, R's default); null for an empty list. */
export function quantile(values: readonly number[], q: number): number | null {
  if (!(q >= 0 && q <= 1)) badInput('q', `must be between 0 and 1, got ${q}`);
  if (values.length === 0) return null;
  requireFinite(values);
  const sorted = [...values].sort((x, y) => x - y);
  return quantileOfSorted(sorted, q);
}

/** Type-7 quantile of an already ascending, non-empty list. */
export function quantileOfSorted(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const fraction = position - below;
  return sorted[below] + fraction * (sorted[above] - sorted[below]);
}

function requireFinite(values: readonly number[]): void {
  const index = values.findIndex((value) => !Number.isFinite(value));
  if (index >= 0) badInput(`values[${index}]`, `must be a finite number, got ${values[index]}`);
}
