import { badOption } from './errors.js';

export type RawOptions = Record<string, unknown>;

/** Reads one of `allowed`, or the default when absent. */
export function readEnum<T extends string>(raw: RawOptions, key: string, allowed: readonly T[], fallback: T): T {
  const value = raw[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    badOption(key, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

/** Reads a finite number (numeric strings from a CLI are accepted), or the default when absent. */
export function readNumber(raw: RawOptions, key: string, fallback: number): number {
  const value = raw[key];
  if (value === undefined || value === null) return fallback;
  const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof parsed !== 'number' || !Number.isFinite(parsed))
    badOption(key, `must be a finite number, got ${JSON.stringify(value)}`);
  return parsed;
}

/** Reads a number within [min, max]. */
export function readNumberIn(raw: RawOptions, key: string, fallback: number, min: number, max: number): number {
  const value = readNumber(raw, key, fallback);
  if (value < min || value > max) badOption(key, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** Reads an integer ≥ min. */
export function readInteger(raw: RawOptions, key: string, fallback: number, min: number): number {
  const value = readNumber(raw, key, fallback);
  if (!Number.isInteger(value) || value < min) badOption(key, `must be an integer ≥ ${min}, got ${value}`);
  return value;
}

/** Reads an integer ≥ min, or null when absent. */
export function readOptionalInteger(raw: RawOptions, key: string, min: number): number | null {
  if (raw[key] === undefined || raw[key] === null) return null;
  return readInteger(raw, key, 0, min);
}

/** Reads a boolean ("true"/"false" strings accepted), or the default when absent. */
export function readBoolean(raw: RawOptions, key: string, fallback: boolean): boolean {
  const value = raw[key];
  if (value === undefined || value === null) return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return badOption(key, `must be true or false, got ${JSON.stringify(value)}`);
}

/** Reads a non-empty string, or the default when absent. */
export function readString(raw: RawOptions, key: string, fallback: string): string {
  const value = raw[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' || value.trim() === '')
    badOption(key, `must be a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

/** Reads a list of non-empty strings given as an array or a comma-separated string; null when absent. */
export function readStringList(raw: RawOptions, key: string): string[] | null {
  const value = raw[key];
  if (value === undefined || value === null) return null;
  const list = typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value;
  if (!Array.isArray(list) || list.some((entry) => typeof entry !== 'string' || entry === '')) {
    badOption(key, `must be a list of non-empty strings, got ${JSON.stringify(value)}`);
  }
  return [...new Set(list as string[])].sort();
}

/** Reads a list whose entries must all be in `allowed`. */
export function readEnumList<T extends string>(raw: RawOptions, key: string, allowed: readonly T[]): T[] | null {
  const list = readStringList(raw, key);
  const wrong = list?.find((entry) => !(allowed as readonly string[]).includes(entry));
  if (wrong !== undefined) badOption(key, `entries must be among ${allowed.join(', ')}, got "${wrong}"`);
  return list as T[] | null;
}

/** Reads an ISO 8601 date or date-time and returns it normalised to UTC; null when absent. */
export function readInstant(raw: RawOptions, key: string): string | null {
  const value = raw[key];
  if (value === undefined || value === null) return null;
  const time = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) badOption(key, `must be an ISO 8601 date such as 2025-01-31, got ${JSON.stringify(value)}`);
  return new Date(time).toISOString();
}
