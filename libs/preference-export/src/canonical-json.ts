/** Returns a copy with object keys sorted at every depth (arrays keep their order), so JSON.stringify is deterministic. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value instanceof Map) return sortKeysDeep(Object.fromEntries(value));
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const entry = (value as Record<string, unknown>)[key];
      if (entry !== undefined) sorted[key] = sortKeysDeep(entry);
    }
    return sorted;
  }
  return value;
}

/** JSON with keys sorted at every depth. */
export function canonicalJson(value: unknown, indent?: number): string {
  return JSON.stringify(sortKeysDeep(value), null, indent);
}
