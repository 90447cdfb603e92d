/** How long a verified token is trusted without checking its signature again (never past its own exp). */
export const VERIFIED_TOKEN_TTL_MS = 60_000;
/** Tokens remembered at most; the oldest goes first. */
export const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/**
 * Claims of bearer tokens whose signature and claims were checked, keyed by the whole token string (signature
 * included), so only the exact token that passed can hit. An HMAC check is deterministic for one secret, so the answer
 * cannot change while the token is unexpired; an entry ends at the token's exp, and after VERIFIED_TOKEN_TTL_MS.
 * Refusals are never kept. The account behind the token is still checked on every request (SessionUsers).
 */
export class VerifiedTokens<Claims extends { exp: number }> {
  private readonly entries = new Map<string, { claims: Claims; until: number }>();

  get(token: string, now = Date.now()): Claims | undefined {
    const hit = this.entries.get(token);
    if (!hit) return undefined;
    if (hit.until > now) return hit.claims;
    this.entries.delete(token);
    return undefined;
  }

  remember(token: string, claims: Claims, now = Date.now()): void {
    const until = Math.min(claims.exp * 1000, now + VERIFIED_TOKEN_TTL_MS);
    if (until <= now) return;
    if (this.entries.size >= VERIFIED_TOKEN_CACHE_SIZE && !this.entries.has(token))
      this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { claims, until });
  }

  get size(): number {
    return this.entries.size;
  }
}
