import { badInput } from './errors.js';

/** Unit and coder identifiers; numbers and strings with the same text name the same unit or coder. */
export type Id = string | number;
/** A label's value: a category (nominal), an ordered category, or a number. */
export type LabelValue = string | number;

/** One coder's value for one unit; `value: null` is an explicit missing value and is ignored. */
export interface Label {
  unit: Id;
  coder: Id;
  value: LabelValue | null;
}

export const MEASUREMENT_LEVELS = ['nominal', 'ordinal', 'interval', 'ratio'] as const;
export type MeasurementLevel = (typeof MEASUREMENT_LEVELS)[number];

/** Normalises a unit/coder id to its string form; throws on anything but a finite number or a non-empty string. */
export function normaliseId(field: string, id: unknown): string {
  if (typeof id === 'string' && id.length > 0) return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return badInput(field, `must be a non-empty string or a finite number, got ${printable(id)}`);
}

/** Checks a label value: a finite number or a non-empty string (null means missing and is handled by the caller). */
export function requireLabelValue(field: string, value: unknown): LabelValue {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value === undefined) return badInput(field, 'is required (use null for a missing value)');
  return badInput(field, `must be a non-empty string or a finite number, got ${printable(value)}`);
}

/** Checks the measurement level option. */
export function requireLevel(level: unknown): MeasurementLevel {
  if ((MEASUREMENT_LEVELS as readonly unknown[]).includes(level)) return level as MeasurementLevel;
  return badInput('level', `must be one of ${MEASUREMENT_LEVELS.join(', ')}, got ${printable(level)}`);
}

/** Short printable form of an unknown input for error messages. */
export function printable(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return Array.isArray(value) ? 'an array' : typeof value;
}
