import { DomainError, ErrorCode } from '@clinrank/domain';

/** Throws a BadUserInput DomainError naming the offending field. */
export function badInput(field: string, message: string): never {
  throw new DomainError(ErrorCode.BadUserInput, `${field}: ${message}`, field);
}
