/** The browser's IANA time zone, so "today" and per-day counts follow the viewer's calendar; null where none is known. */
export function browserTimeZone(): string | null {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
}
