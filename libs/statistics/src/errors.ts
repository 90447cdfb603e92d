import { DomainError, ErrorCode } from '@clinrank/domain';

/** Throws a BadUserInput DomainError naming the offending field. */
export function badInput(field: string, message: string): never {
  throw new DomainError(ErrorCode.BadUserInput, `${field}: ${message}`, field);
}

/** Asserts a non-negative integer, naming the field when it is not. */
export function requireNonNegativeInteger(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) badInput(field, `must be a non-negative integer, got ${value}`);
}

/** Asserts a probability strictly between 0 and 1 (a confidence level, a quantile). */
export function requireOpenUnit(field: string, value: number): void {
  if (!(value > 0 && value < 1)) badInput(field, `must be strictly between 0 and 1, got ${value}`);
}
