import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@clinrank/domain';
import { assertMetricsAccess } from './metrics.js';

const refusal = (host: string, metricsToken: string | null, authorization?: string) => {
  try {
    assertMetricsAccess({ host, metricsToken }, authorization);
    return null;
  } catch (error) {
    return (error as DomainError).code;
  }
};

describe('assertMetricsAccess', () => {
  it('serves loopback without a token, and refuses a non-loopback HOST until METRICS_TOKEN is set', () => {
    expect(refusal('127.0.0.1', null)).toBeNull();
    expect(refusal('::1', null)).toBeNull();
    expect(refusal('0.0.0.0', null)).toBe('FORBIDDEN');
    expect(refusal('10.1.2.3', null, 'Bearer anything')).toBe('FORBIDDEN');
  });

  it('requires the exact bearer token when one is set, on any HOST', () => {
    expect(refusal('0.0.0.0', 'scrape-token-1', 'Bearer scrape-token-1')).toBeNull();
    expect(refusal('0.0.0.0', 'scrape-token-1', 'Bearer scrape-token-2')).toBe('UNAUTHENTICATED');
    expect(refusal('127.0.0.1', 'scrape-token-1')).toBe('UNAUTHENTICATED');
  });
});
