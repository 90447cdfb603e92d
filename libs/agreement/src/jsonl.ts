import { DomainError, ErrorCode } from '@clinrank/domain';
import { badInput } from './errors.js';

/** A parsed JSON-lines record with its 1-based line number. */
export interface NumberedRecord {
  line: number;
  record: Record<string, unknown>;
}

/** Splits a string into lines; passes any other iterable of lines through. */
export function linesOf(input: string | Iterable<string>): Iterable<string> {
  return typeof input === 'string' ? input.split(/\r?\n/) : input;
}

/** Parses one JSON-lines line into an object; null for a blank line; DomainError naming the line otherwise. */
export function parseJsonLine(text: string, line: number): Record<string, unknown> | null {
  if (text.trim() === '') return null;
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (error) {
    throw lineError(line, `is not valid JSON (${(error as Error).message})`);
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record))
    throw lineError(line, 'must be a JSON object');
  return record as Record<string, unknown>;
}

/** Runs `check` on a record, re-throwing its DomainError with the line number in front. */
export function atLine<T>(line: number, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof DomainError) throw lineError(line, error.message, error.field);
    throw error;
  }
}

/** A BadUserInput DomainError about one line. */
export function lineError(line: number, reason: string, field?: string): DomainError {
  return new DomainError(ErrorCode.BadUserInput, `line ${line}: ${reason}`, field ?? `line ${line}`);
}

/** Throws unless the record has every field (null allowed only where it means missing). */
export function requireFields(record: Record<string, unknown>, fields: readonly string[]): void {
  for (const field of fields) if (!(field in record)) badInput(field, 'is missing');
}
