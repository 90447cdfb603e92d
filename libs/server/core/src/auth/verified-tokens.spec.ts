import { describe, expect, it } from '@jest/globals';
import { VERIFIED_TOKEN_CACHE_SIZE, VERIFIED_TOKEN_TTL_MS, VerifiedTokens } from './verified-tokens.js';

const NOW = 1_800_000_000_000;
const claims = (expInSeconds: number) => ({ sub: 'u', exp: Math.floor(NOW / 1000) + expInSeconds });

describe('VerifiedTokens', () => {
  it('answers for the exact token only, until the TTL', () => {
    const tokens = new VerifiedTokens<{ sub: string; exp: number }>();
    const remembered = claims(3600);
    tokens.remember('a.b.c', remembered, NOW);
    expect(tokens.get('a.b.c', NOW + 1)).toBe(remembered);
    expect(tokens.get('a.b.d', NOW + 1)).toBeUndefined();
    expect(tokens.get('a.b.c', NOW + VERIFIED_TOKEN_TTL_MS - 1)).toBe(remembered);
    expect(tokens.get('a.b.c', NOW + VERIFIED_TOKEN_TTL_MS)).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('never answers past the token’s own exp, and keeps no token that has expired', () => {
    const tokens = new VerifiedTokens<{ sub: string; exp: number }>();
    tokens.remember('short', claims(5), NOW);
    expect(tokens.get('short', NOW + 4_999)).toBeDefined();
    expect(tokens.get('short', NOW + 5_000)).toBeUndefined();
    tokens.remember('gone', claims(-1), NOW);
    expect(tokens.size).toBe(0);
  });

  it('keeps at most VERIFIED_TOKEN_CACHE_SIZE tokens, dropping the oldest', () => {
    const tokens = new VerifiedTokens<{ sub: string; exp: number }>();
    for (let index = 0; index <= VERIFIED_TOKEN_CACHE_SIZE; index += 1) tokens.remember(`t${index}`, claims(60), NOW);
    expect(tokens.size).toBe(VERIFIED_TOKEN_CACHE_SIZE);
    expect(tokens.get('t0', NOW)).toBeUndefined();
    expect(tokens.get(`t${VERIFIED_TOKEN_CACHE_SIZE}`, NOW)).toBeDefined();
  });
});
