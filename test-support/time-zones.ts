/**
 * The Etc/GMT zone whose clock now reads `hour` o'clock, for tests about "today" that must not depend on when they run
 * (Etc/GMT signs are inverted: Etc/GMT-5 is UTC+5).
 */
export function zoneWhereItIsNow(hour: number, now = new Date()): string {
  let offset = hour - now.getUTCHours();
  if (offset < -12) offset += 24;
  if (offset > 14) offset -= 24;
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}
