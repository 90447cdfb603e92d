import { badOption } from './errors.js';
import { FILTER_FIELDS, type FieldFilter, type FilterField } from './request.js';

export interface WhereClause {
  field: FilterField;
  negated: boolean;
  values: string[];
}

/** Parses `field=value[,value…]` or `field!=value[,value…]`, e.g. `language=zh` or `source!=synthetic`. */
export function parseWhere(expression: string): WhereClause {
  const match = /^\s*([A-Za-z]+)\s*(!=|=)\s*(.+?)\s*$/.exec(expression);
  if (!match) badOption('where', `expressions look like language=zh or source!=synthetic, got "${expression}"`);
  const [, field, operator, rawValues] = match;
  if (!(FILTER_FIELDS as readonly string[]).includes(field)) {
    badOption('where', `field must be one of ${FILTER_FIELDS.join(', ')}, got "${field}" in "${expression}"`);
  }
  const values = rawValues.split(',').map((value) => value.trim());
  if (values.some((value) => value === '')) badOption('where', `has an empty value in "${expression}"`);
  return { field: field as FilterField, negated: operator === '!=', values: [...new Set(values)].sort() };
}

/** Narrows a filter by a list of allowed values (intersection) or excluded values (union). */
export function narrowFilter(filter: FieldFilter, values: string[], negated: boolean): FieldFilter {
  if (negated) return { include: filter.include, exclude: [...new Set([...filter.exclude, ...values])].sort() };
  const include = filter.include === null ? values : filter.include.filter((value) => values.includes(value));
  return { include, exclude: filter.exclude };
}

/** Whether a value passes a filter; a missing value (null) passes only an include-free filter. */
export function passesFilter(filter: FieldFilter, value: string | null | undefined): boolean {
  if (value === null || value === undefined) return filter.include === null;
  if (filter.include !== null && !filter.include.includes(value)) return false;
  return !filter.exclude.includes(value);
}
