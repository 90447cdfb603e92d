/** The account behind a bearer token, as the guard checks it on every request. */
export interface SessionUserRow {
  id: string;
  username: string;
  role: string;
  active: boolean;
  token_version: number;
  languages: string[];
  specialties: string[];
}

/**
 * How long an accepted account stays cached while no change feed is live: the most a change made by another process
 * (a CLI, another API worker) can lag.
 */
export const SESSION_CACHE_TTL_MS = 2_000;
/**
 * How long while the change feed is live (`sessionFeedStarted`): every change reaches the cache as it commits, and a
 * feed that stops answering empties the cache, so this only bounds what a fault in the feed itself could leave behind.
 */
export const SESSION_CACHE_FED_TTL_MS = 60_000;
/** Accounts cached at most; the oldest goes first. */
export const SESSION_CACHE_SIZE = 10_000;

/**
 * Where the guard reads accounts from. Core cannot depend on identity (identity depends on core), so identity's
 * UserRepository provides this and the guard asks for it.
 *
 * `activeSessionUser` keeps an accepted account (active, with the token's version), keyed by user id and token
 * version, so a burst of requests with one token reads the users table once. Refusals are never cached. Whatever
 * changes an account in this process calls `forgetSession` once its transaction has committed, so here a
 * deactivation, role change, password reset or new languages count from the next request. A change made by another
 * process counts as soon as the change feed (identity's SessionChangeFeed, which listens for the users table's
 * trigger) delivers it; while no feed is live, within SESSION_CACHE_TTL_MS.
 */
export abstract class SessionUsers {
  private readonly cache = new Map<string, { row: SessionUserRow; until: number }>();
  /** Bumped by every forgetSession and feed change: a read that started before one is not cached after it. */
  private changes = 0;
  private fed = false;

  abstract sessionUser(id: string): Promise<SessionUserRow | null>;

  /** The account if it is active and its token version is `tokenVersion`; otherwise what the table says (or null). */
  async activeSessionUser(id: string, tokenVersion: number, now = Date.now()): Promise<SessionUserRow | null> {
    const key = `${id}:${tokenVersion}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.row;
    if (hit) this.cache.delete(key);
    const changesBefore = this.changes;
    const row = await this.sessionUser(id);
    if (row && row.active && row.token_version === tokenVersion && this.changes === changesBefore) {
      if (this.cache.size >= SESSION_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, { row, until: now + (this.fed ? SESSION_CACHE_FED_TTL_MS : SESSION_CACHE_TTL_MS) });
    }
    return row;
  }

  /** Drops every cached entry of this account (call it after the change has committed). */
  forgetSession(id: string): void {
    this.changes += 1;
    const prefix = `${id}:`;
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) this.cache.delete(key);
  }

  /**
   * The change feed is listening: from now on every committed change reaches `forgetSession`. What is cached was read
   * while none was, so it goes.
   */
  sessionFeedStarted(): void {
    this.forgetAll();
    this.fed = true;
  }

  /** The change feed stopped, or may have missed a change: nothing cached under it can be trusted any more. */
  sessionFeedLost(): void {
    this.fed = false;
    this.forgetAll();
  }

  private forgetAll(): void {
    this.changes += 1;
    this.cache.clear();
  }
}
