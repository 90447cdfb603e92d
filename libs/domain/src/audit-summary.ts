/** One field that an audited change altered, as short readable text. */
export interface AuditChange {
  field: string;
  before: string;
  after: string;
}

/** Bookkeeping fields that change on every write and say nothing to a reader. */
const IGNORED = new Set([
  'updatedAt',
  'updated_at',
  'createdAt',
  'created_at',
  'id',
  'passwordHash',
  'password_hash',
  'tokenVersion',
]);
const MAX_VALUE = 80;

/** Readable text of one value: strings quoted, lists joined, objects as compact JSON, all cut to a length. */
export function readableValue(value: unknown): string {
  if (value === null || value === undefined) return '–';
  let text: string;
  if (typeof value === 'string') text = `"${value}"`;
  else if (Array.isArray(value) && value.every((entry) => typeof entry !== 'object' || entry === null))
    text = `[${value.join(', ')}]`;
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * The fields a change altered, before → after. With only `after` (a creation) or only `before` (a deletion), every
 * field is listed against "–"; non-object values compare as a whole.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const from = asRecord(before);
  const to = asRecord(after);
  if (!from && !to) {
    if (before === null && after === null) return [];
    return JSON.stringify(before) === JSON.stringify(after)
      ? []
      : [{ field: 'value', before: readableValue(before), after: readableValue(after) }];
  }
  const fields = [...new Set([...Object.keys(from ?? {}), ...Object.keys(to ?? {})])].filter(
    (field) => !IGNORED.has(field),
  );
  return fields
    .filter((field) => JSON.stringify(from?.[field] ?? null) !== JSON.stringify(to?.[field] ?? null))
    .map((field) => ({ field, before: readableValue(from?.[field]), after: readableValue(to?.[field]) }));
}

/** "overlap: 3 → 2; name: "Cardio" → "Cardiology"", at most `limit` fields then "and N more". */
export function auditSummary(changes: readonly AuditChange[], limit = 4): string {
  const shown = changes.slice(0, limit).map((change) => `${change.field}: ${change.before} → ${change.after}`);
  if (changes.length > limit) shown.push(`and ${changes.length - limit} more`);
  return shown.join('; ');
}

/** RFC 4180 CSV: every field quoted when it holds a comma, quote or line break; formulas neutralised for spreadsheets. */
export function csvRow(fields: readonly (string | number | null | undefined)[]): string {
  return fields
    .map((field) => {
      let text = field === null || field === undefined ? '' : String(field);
      if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',');
}
