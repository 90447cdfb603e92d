import { DomainError, ErrorCode } from './errors.js';

/** Letters, digits and the separators IANA names use; no colon, so offsets such as "+05:00" are not names. */
const TIME_ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/** Whether `value` names a time zone the runtime knows, in the IANA form (Europe/Rome, Asia/Shanghai, UTC, Etc/GMT-5). */
export function isTimeZone(value: string): boolean {
  if (!TIME_ZONE_SHAPE.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Refuses anything but an IANA time zone name, with a coded error naming `field`. */
export function checkTimeZone(value: string, field = 'timeZone'): void {
  if (!isTimeZone(value)) {
    throw new DomainError(
      ErrorCode.BadUserInput,
      `${field} must be an IANA time zone name such as Europe/Rome or Asia/Shanghai`,
      field,
    );
  }
}
