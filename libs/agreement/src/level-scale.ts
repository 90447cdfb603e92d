import { badInput } from './errors.js';
import { printable, type LabelValue, type MeasurementLevel, requireLevel } from './labels.js';

/** What a measurement level needs to know about the value table: numbers for interval/ratio, an order for ordinal. */
export interface LevelScale {
  level: MeasurementLevel;
  /** Value index → number (interval, ratio). */
  numbers: Float64Array | null;
  /** Value indices from lowest to highest (ordinal). */
  ascending: Int32Array | null;
}

/** Checks that the values suit the level and prepares what its difference function needs. */
export function levelScale(
  values: readonly LabelValue[],
  level: MeasurementLevel,
  order?: readonly LabelValue[],
): LevelScale {
  requireLevel(level);
  if (order !== undefined && level !== 'ordinal') badInput('order', `only applies to the ordinal level, not ${level}`);
  if (level === 'nominal') {
    rejectAmbiguousCategories(values);
    return { level, numbers: null, ascending: null };
  }
  if (level === 'ordinal') return { level, numbers: null, ascending: ordinalOrder(values, order) };
  const numbers = new Float64Array(values.length);
  values.forEach((value, i) => {
    if (typeof value !== 'number') badInput('value', `${level} data must be numbers, got ${printable(value)}`);
    if (level === 'ratio' && value < 0) badInput('value', `ratio data must not be negative, got ${value}`);
    numbers[i] = value;
  });
  return { level, numbers, ascending: null };
}

/** 1 and "1" would silently be two categories; refuse rather than guess. */
function rejectAmbiguousCategories(values: readonly LabelValue[]): void {
  const seen = new Map<string, LabelValue>();
  for (const value of values) {
    const text = String(value);
    const other = seen.get(text);
    if (other !== undefined && other !== value) badInput('value', `${text} appears both as a number and as a string`);
    seen.set(text, value);
  }
}

function ordinalOrder(values: readonly LabelValue[], order: readonly LabelValue[] | undefined): Int32Array {
  const indices = Array.from(values.keys());
  if (order === undefined) {
    const text = values.find((value) => typeof value !== 'number');
    if (text !== undefined)
      badInput('order', `ordinal values that are not numbers (${printable(text)}) need an explicit order`);
    indices.sort((i, j) => (values[i] as number) - (values[j] as number));
    return Int32Array.from(indices);
  }
  const rank = new Map<LabelValue, number>();
  for (const value of order) {
    if (rank.has(value)) badInput('order', `lists ${printable(value)} twice`);
    rank.set(value, rank.size);
  }
  for (const value of values)
    if (!rank.has(value)) badInput('value', `${printable(value)} is not in the ordinal order`);
  indices.sort((i, j) => (rank.get(values[i]) as number) - (rank.get(values[j]) as number));
  return Int32Array.from(indices);
}
