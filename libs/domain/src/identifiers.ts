const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PROJECT_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Whether `value` is a UUID in its canonical 8-4-4-4-12 hex form (any case); PostgreSQL would accept it as a uuid. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Whether `value` can be a project slug: lowercase letters, digits and dashes, at most 63, not starting with a dash. */
export function isProjectSlug(value: string): boolean {
  return PROJECT_SLUG.test(value);
}
