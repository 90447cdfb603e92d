import { DomainError, ErrorCode } from '@clinrank/domain';

/** Which labels an analysis covers; every field is optional and narrows the set. */
export interface AgreementFilter {
  criterion?: string | null;
  language?: string | null;
  specialty?: string | null;
  /** Labels created at or after this moment. */
  from?: Date | string | null;
  /** Labels created strictly before this moment. */
  to?: Date | string | null;
}

/** The filter in a canonical form: empty strings dropped, dates as ISO strings, so equal filters share one cache entry. */
export interface NormalisedFilter {
  criterion: string | null;
  language: string | null;
  specialty: string | null;
  from: string | null;
  to: string | null;
}

/** Checks and canonicalises a filter; throws BAD_USER_INPUT naming the bad field. */
export function normaliseFilter(filter: AgreementFilter | null | undefined): NormalisedFilter {
  const normalised = {
    criterion: text(filter?.criterion),
    language: text(filter?.language),
    specialty: filter?.specialty === '' ? '' : text(filter?.specialty),
    from: moment('from', filter?.from),
    to: moment('to', filter?.to),
  };
  if (normalised.from && normalised.to && normalised.from >= normalised.to) {
    throw new DomainError(
      ErrorCode.BadUserInput,
      `filter.to (${normalised.to}) must be later than filter.from (${normalised.from})`,
      'to',
    );
  }
  return normalised;
}

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function moment(field: string, value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new DomainError(
      ErrorCode.BadUserInput,
      `filter.${field} must be a date (ISO 8601), got ${JSON.stringify(String(value))}`,
      field,
    );
  return date.toISOString();
}
