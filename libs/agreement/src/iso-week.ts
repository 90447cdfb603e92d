import { badInput } from './errors.js';
import { printable } from './labels.js';

const DAY_MS = 86_400_000;

/** ISO 8601 week of a moment in UTC, e.g. "2021-W01"; the week belongs to the year of its Thursday. */
export function isoWeek(moment: Date | string | number, field = 'at'): string {
  const time = toTime(moment, field);
  const date = new Date(time);
  const mondayBased = (date.getUTCDay() + 6) % 7;
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - mondayBased + 3));
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function toTime(moment: Date | string | number, field: string): number {
  const time =
    moment instanceof Date
      ? moment.getTime()
      : typeof moment === 'string'
        ? Date.parse(moment)
        : typeof moment === 'number'
          ? moment
          : Number.NaN;
  if (!Number.isFinite(time))
    badInput(
      field,
      `must be a date, an ISO date string or epoch milliseconds, got ${printable(moment instanceof Date ? 'Invalid Date' : moment)}`,
    );
  return time;
}
