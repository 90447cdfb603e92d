import { describe, expect, it } from '@jest/globals';
import { toApiError } from './graphql-client.js';

describe('toApiError', () => {
  it('marks a database outage (UNAVAILABLE) and a lost network as retryable', () => {
    const outage = toApiError({
      graphQLErrors: [{ message: 'The database is unavailable right now', extensions: { code: 'UNAVAILABLE' } }],
    });
    expect(outage.code).toBe('UNAVAILABLE');
    expect(outage.retryable).toBe(true);
    expect(toApiError({ networkError: new Error('Failed to fetch'), message: 'Failed to fetch' }).retryable).toBe(true);
  });

  it('does not retry answers that a resend would not change', () => {
    for (const code of ['BAD_USER_INPUT', 'LEASE_EXPIRED', 'INTERNAL', 'FORBIDDEN']) {
      expect(toApiError({ graphQLErrors: [{ message: 'no', extensions: { code } }] }).retryable).toBe(false);
    }
  });
});
