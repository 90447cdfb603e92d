/**
 * Log hygiene: database errors carry the values of the statement that failed (a password hash, a rationale, a
 * patient's words), in `parameters`, in the driver's `detail` (`Key (username)=(…)`) and in some messages
 * (`invalid input syntax for type uuid: "…"`). The serializer keeps what helps an operator (SQLSTATE, table,
 * constraint, the SQL text with its $n placeholders) and drops the values.
 */

/** Paths pino removes from every log line, whatever logged them. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  'password_hash',
  '*.password_hash',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'parameters',
  '*.parameters',
  'variables',
  '*.variables',
];

const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;
const KEY_VALUE = /=\(.*\)/gs;
const FAILING_ROW = /(Failing row contains )\(.*\)/s;
/** A quoted word after one of these names a schema object, not a value, and is kept. */
const NAMES_AN_OBJECT =
  /\b(constraint|relation|column|table|encoding|type|index|function|database|role|schema|trigger|sequence)\s*$/i;

/** Replaces quoted literals and `=(value)` pairs in a driver message with placeholders, keeping object names. */
export function scrubMessage(message: string): string {
  return message
    .replace(FAILING_ROW, '$1(…)')
    .replace(KEY_VALUE, '=(…)')
    .replace(QUOTED, (quoted, offset: number) =>
      NAMES_AN_OBJECT.test(message.slice(Math.max(0, offset - 20), offset)) ? quoted : '"…"',
    );
}

interface ErrorLike {
  name?: string;
  message?: string;
  stack?: string;
  code?: unknown;
  query?: unknown;
  parameters?: unknown;
  driverError?: ErrorLike & {
    table?: string;
    constraint?: string;
    column?: string;
    routine?: string;
    detail?: string;
    where?: string;
  };
  [key: string]: unknown;
}

/** pino `err` serializer: type, scrubbed message and stack, SQLSTATE, SQL text; never parameters or row values. */
export function serializeError(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object') return { message: scrubMessage(String(value)) };
  const error = value as ErrorLike;
  const message = typeof error.message === 'string' ? error.message : '';
  const scrubbed = scrubMessage(message);
  const driver = error.driverError;
  const out: Record<string, unknown> = {
    type: error.name ?? error.constructor?.name ?? 'Error',
    message: scrubbed,
    stack: typeof error.stack === 'string' ? error.stack.split(message).join(scrubbed) : undefined,
  };
  const code = error.code ?? driver?.code;
  if (code !== undefined) out.code = code;
  if (typeof error.query === 'string') out.query = error.query.slice(0, 2000);
  if (Array.isArray(error.parameters)) out.parameters = `[${error.parameters.length} redacted]`;
  if (driver) {
    for (const key of ['table', 'constraint', 'column', 'routine'] as const) if (driver[key]) out[key] = driver[key];
    if (driver.detail) out.detail = scrubMessage(driver.detail);
  }
  return out;
}
