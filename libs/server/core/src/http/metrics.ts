import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError, ErrorCode } from '@clinrank/domain';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { isLoopbackHost, type AppConfig } from '../config/app-config.js';

/** Process-wide Prometheus registry and the product counters. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'clinrank_' });

export const httpRequestDuration = new Histogram({
  name: 'clinrank_http_request_duration_seconds',
  help: 'HTTP request duration by route kind and status',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

export const graphqlOperations = new Counter({
  name: 'clinrank_graphql_operations_total',
  help: 'GraphQL operations by name and outcome',
  labelNames: ['operation', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const labelsSubmitted = new Counter({
  name: 'clinrank_labels_submitted_total',
  help: 'Labels stored (retries of the same submission are not counted)',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

export const leaseSlotsTaken = new Counter({
  name: 'clinrank_lease_slot_taken_total',
  help: 'Leases refused because the locked item had no free slot when re-counted; the queue then tried the next item',
  registers: [metricsRegistry],
});

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Throws unless this caller may scrape /metrics: the bearer METRICS_TOKEN when one is set, else only on loopback. */
export function assertMetricsAccess(
  config: Pick<AppConfig, 'host' | 'metricsToken'>,
  authorization: string | undefined,
): void {
  if (config.metricsToken) {
    if (!timingSafeEqual(digest(authorization ?? ''), digest(`Bearer ${config.metricsToken}`))) {
      throw new DomainError(ErrorCode.Unauthenticated, 'metrics need Authorization: Bearer $METRICS_TOKEN');
    }
    return;
  }
  if (!isLoopbackHost(config.host))
    throw new DomainError(
      ErrorCode.Forbidden,
      `metrics are off: HOST ${config.host} is not loopback, so set METRICS_TOKEN`,
    );
}
