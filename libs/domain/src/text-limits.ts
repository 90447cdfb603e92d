/**
 * Every free-text field a person or a client can send, with its maximum length in characters. The GraphQL DTOs, the
 * label-content rules and the import parser all read their limits from here, so one table says what is accepted.
 */
export const TEXT_LIMITS = {
  username: 100,
  password: 1000,
  displayName: 200,
  search: 100,
  projectName: 200,
  projectSlug: 64,
  guidelines: 200_000,
  criterion: 100,
  specialty: 100,
  language: 20,
  rationale: 20_000,
  rewrite: 50_000,
  fixedText: 50_000,
  validationReason: 500,
  skipReason: 2_000,
  auditFilter: 200,
  modelName: 200,
  modelPath: 1_000,
  coder: 200,
  metricName: 200,
  /** Any other string argument (ids, enum-like filters) that has no entry of its own. */
  argument: 1_000,
} as const;

export type TextField = keyof typeof TEXT_LIMITS;

/** At most this many rejection reasons on one validation label. */
export const MAX_VALIDATION_REASONS = 20;

/** Limits on free-form JSON (item metadata): nesting depth and serialised size. */
export const JSON_LIMITS = { maxDepth: 32, maxBytes: 64 * 1024 } as const;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text (PostgreSQL refuses NUL; a lone surrogate is not Unicode), or null when it can. */
export function textDefect(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(value)) return 'is not valid Unicode (it holds a lone surrogate)';
  return null;
}

export interface TextDefect {
  path: string;
  reason: string;
}

/**
 * The first string (key or value) inside a value that cannot be stored, with its path (`input.metadata.note`).
 * Walks iteratively, so hostile nesting cannot overflow the stack.
 */
export function findTextDefect(value: unknown, rootPath: string): TextDefect | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: rootPath }];
  while (stack.length) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const reason = textDefect(current);
      if (reason) return { path, reason };
    } else if (Array.isArray(current)) {
      current.forEach((entry, index) => stack.push({ value: entry, path: `${path}[${index}]` }));
    } else if (typeof current === 'object' && current !== null && !(current instanceof Date)) {
      for (const [key, entry] of Object.entries(current)) {
        const keyPath = path ? `${path}.${key}` : key;
        const keyReason = textDefect(key);
        if (keyReason) return { path: keyPath, reason: `has a key that ${keyReason}` };
        stack.push({ value: entry, path: keyPath });
      }
    }
  }
  return null;
}

/** Nesting depth of a JSON value (a scalar is 0, `{}` is 1), computed without recursion. */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    for (const entry of Array.isArray(current) ? current : Object.values(current))
      stack.push({ value: entry, depth: level });
  }
  return deepest;
}

/** Why free-form JSON is refused (too deep or too large), or null when it fits JSON_LIMITS. */
export function jsonLimitProblem(value: unknown): string | null {
  const depth = jsonDepth(value);
  if (depth > JSON_LIMITS.maxDepth)
    return `is nested ${depth} levels deep; at most ${JSON_LIMITS.maxDepth} are allowed`;
  const bytes = new TextEncoder().encode(JSON.stringify(value) ?? '').length;
  if (bytes > JSON_LIMITS.maxBytes) return `is ${bytes} bytes; at most ${JSON_LIMITS.maxBytes} bytes are allowed`;
  return null;
}

/** Why a text field is refused (over its limit from TEXT_LIMITS, or not storable), or null when it is fine. */
export function textProblem(field: TextField, value: string): string | null {
  const limit = TEXT_LIMITS[field];
  if (value.length > limit) return `is ${value.length} characters; at most ${limit} are allowed`;
  return textDefect(value);
}
