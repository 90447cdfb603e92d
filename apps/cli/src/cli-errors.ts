import { DomainError } from '@clinrank/domain';
import { ConfigError } from '@clinrank/server-core';

/** A wrong option or argument: the CLI prints it and exits with 2. */
export class UsageError extends Error {}

export const EXIT = { ok: 0, failure: 1, usage: 2, empty: 3 } as const;

/** Turns a thrown error into one line on stderr and an exit code; unknown errors keep their stack for debugging. */
export function reportError(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`clinrank: ${error.message}\n`);
    return EXIT.usage;
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`clinrank: configuration error: ${error.message}\n`);
    return EXIT.usage;
  }
  if (error instanceof DomainError) {
    process.stderr.write(`clinrank: ${error.code}: ${error.message}\n`);
    if (error.code === 'EMPTY_EXPORT') return EXIT.empty;
    return error.code === 'BAD_USER_INPUT' ? EXIT.usage : EXIT.failure;
  }
  process.stderr.write(`clinrank: ${(error as Error)?.message ?? String(error)}\n`);
  if (process.env.CLINRANK_DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
  return EXIT.failure;
}

export function parseList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

export function parseInteger(name: string) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value)) throw new UsageError(`option ${name} must be a whole number, got "${value}"`);
    return Number(value);
  };
}

export function parseFraction(name: string) {
  return (value: string): number => {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 1)
      throw new UsageError(`option ${name} must be a number from 0 to 1, got "${value}"`);
    return number;
  };
}

export function parseChoice<T extends string>(name: string, choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value))
      throw new UsageError(`option ${name} must be one of ${choices.join(', ')}, got "${value}"`);
    return value as T;
  };
}
