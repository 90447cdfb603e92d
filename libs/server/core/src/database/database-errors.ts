import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError, type DataSource } from 'typeorm';
import { DatabaseProbeRepository } from './database-probe.repository.js';

/** PostgreSQL SQLSTATE classes and driver errors that mean "the database cannot be reached right now", not "bad data". */
const CONNECTION_SQLSTATES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '08007',
  '08P01',
]);
const CONNECTION_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /Cannot use a pool after calling end/i,
  /terminating connection/i,
  /Connection is not established/i,
  /the database system is (starting up|shutting down)/i,
];

interface DriverLike {
  code?: unknown;
  message?: unknown;
  driverError?: DriverLike;
}

function causes(error: unknown): DriverLike[] {
  const first = error as DriverLike | null;
  if (!first || typeof first !== 'object') return [];
  return first.driverError ? [first, first.driverError] : [first];
}

/** True when a failure comes from losing the database (outage, restart, refused connection), so a retry may succeed. */
export function isDatabaseUnavailable(error: unknown): boolean {
  // TypeORM releases a transaction's query runner when its connection reports an error (an outage between two
  // queries); the next query then fails with this error rather than with the driver's. Our code never queries
  // through a manager after its transaction ends, so here it means the connection was lost.
  if (error instanceof QueryRunnerProviderAlreadyReleasedError || error instanceof QueryRunnerAlreadyReleasedError)
    return true;
  return causes(error).some((cause) => {
    const code = typeof cause.code === 'string' ? cause.code : '';
    if (CONNECTION_SQLSTATES.has(code) || CONNECTION_ERRNOS.has(code)) return true;
    const message = typeof cause.message === 'string' ? cause.message : '';
    return CONNECTION_MESSAGES.some((pattern) => pattern.test(message));
  });
}

/** The SQLSTATE of a data or constraint error (classes 22 and 23): the row, not the server, was at fault. */
export function dataErrorCode(error: unknown): string | null {
  for (const cause of causes(error)) {
    const code = typeof cause.code === 'string' ? cause.code : '';
    if (/^2[23][0-9A-Z]{3}$/.test(code)) return code;
  }
  return null;
}

/**
 * True when a failure is, or coincides with, losing the database: the error says so, or the database cannot answer a
 * trivial query right now. An outage can surface as an error of the ORM's own (a released runner, a broken transaction)
 * that names no cause; asking the database is the one reliable way to tell it from bad data.
 */
export async function failedForOutage(error: unknown, dataSource: DataSource): Promise<boolean> {
  if (isDatabaseUnavailable(error)) return true;
  try {
    await new DatabaseProbeRepository(dataSource).ping();
    return false;
  } catch {
    return true;
  }
}
