import { DomainError, ErrorCode } from '@clinrank/domain';

/** Throws a BadUserInput DomainError whose message starts with the offending option. */
export function badOption(option: string, message: string): never {
  throw new DomainError(ErrorCode.BadUserInput, `${option} ${message}`, option);
}
