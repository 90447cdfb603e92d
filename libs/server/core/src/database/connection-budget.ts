/** What PostgreSQL allows: `max_connections`, less the slots it keeps for superusers. */
export interface ConnectionLimit {
  maxConnections: number;
  reserved: number;
}

/**
 * Says what is wrong when the API processes together may open more connections than PostgreSQL allows (under load
 * each process fills its pool, and the connections past the limit fail with "too many clients"); null when they fit.
 */
export function connectionBudgetProblem(limit: ConnectionLimit, apiWorkers: number, poolSize: number): string | null {
  const available = limit.maxConnections - limit.reserved;
  const needed = apiWorkers * poolSize;
  if (needed <= available) return null;
  return (
    `API_WORKERS (${apiWorkers}) × DATABASE_POOL_SIZE (${poolSize}) may open ${needed} connections, more than the ` +
    `${available} that PostgreSQL's max_connections (${limit.maxConnections}) leaves after ${limit.reserved} reserved ` +
    `ones; requests past that fail under load: lower DATABASE_POOL_SIZE or API_WORKERS, or raise max_connections`
  );
}
