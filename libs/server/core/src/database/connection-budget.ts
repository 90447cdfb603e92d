/** What PostgreSQL allows: `max_connections`, less the slots it keeps for superusers. */
export interface ConnectionLimit {
  maxConnections: number;
  reserved: number;
}

/** Connections each API process holds besides its pool: the account-change feed's (identity's SessionChangeFeed). */
export const API_CONNECTIONS_BESIDES_POOL = 1;

/**
 * Says what is wrong when the API processes together may open more connections than PostgreSQL allows (under load
 * each process fills its pool, and the connections past the limit fail with "too many clients"); null when they fit.
 * `besidesPool`: the connections each process holds outside its pool, which the pools cannot use.
 */
export function connectionBudgetProblem(
  limit: ConnectionLimit,
  apiWorkers: number,
  poolSize: number,
  besidesPool = 0,
): string | null {
  const held = apiWorkers * besidesPool;
  const available = limit.maxConnections - limit.reserved - held;
  const needed = apiWorkers * poolSize;
  if (needed <= available) return null;
  const alsoHeld = held ? ` and ${held} for the processes' account-change feeds` : '';
  return (
    `API_WORKERS (${apiWorkers}) × DATABASE_POOL_SIZE (${poolSize}) may open ${needed} connections, more than the ` +
    `${available} that PostgreSQL's max_connections (${limit.maxConnections}) leaves after ${limit.reserved} reserved ` +
    `ones${alsoHeld}; requests past that fail under load: lower DATABASE_POOL_SIZE or API_WORKERS, or raise max_connections`
  );
}
