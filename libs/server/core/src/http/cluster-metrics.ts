import cluster, { type Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry } from 'prom-client';
import { metricsRegistry } from './metrics.js';

// With API_WORKERS > 1 a scrape lands on one process. That process asks the primary, which gathers every worker's
// registry (prom-client's AggregatorRegistry, over the cluster's IPC channel) and answers with the sum.
const REQUEST = 'clinrank:metrics-request';
const RESPONSE = 'clinrank:metrics-response';
const SCRAPE_TIMEOUT_MS = 10_000;

interface MetricsRequest {
  type: typeof REQUEST;
  id: string;
}
interface MetricsResponse {
  type: typeof RESPONSE;
  id: string;
  body?: string;
  error?: string;
}

const pending = new Map<string, (response: MetricsResponse) => void>();

/** The metrics text to serve: this process's registry, or the whole cluster's when this is a cluster worker. */
export async function scrapeMetrics(): Promise<{ contentType: string; body: string }> {
  if (!cluster.isWorker || !process.send)
    return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
  const id = randomUUID();
  const response = await new Promise<MetricsResponse>((resolve) => {
    const timer = setTimeout(
      () => resolve({ type: RESPONSE, id, error: 'the primary process did not answer' }),
      SCRAPE_TIMEOUT_MS,
    );
    pending.set(id, (answer) => {
      clearTimeout(timer);
      resolve(answer);
    });
    process.send!({ type: REQUEST, id } satisfies MetricsRequest);
  }).finally(() => pending.delete(id));
  if (response.error !== undefined) throw new Error(`cluster metrics: ${response.error}`);
  return { contentType: AggregatorRegistry.PROMETHEUS_CONTENT_TYPE, body: response.body ?? '' };
}

/** In a cluster worker: answer the primary's aggregation requests from our registry, and take scrape answers. */
export function joinClusterMetrics(): void {
  AggregatorRegistry.setRegistries([metricsRegistry]);
  // prom-client installs a worker's answering listener when an AggregatorRegistry is constructed in that worker.
  new AggregatorRegistry();
  process.on('message', (message: MetricsResponse) => {
    if (message?.type === RESPONSE) pending.get(message.id)?.(message);
  });
}

/** In the primary: serve the workers' scrape requests with the sum over every worker. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker: Worker, message: MetricsRequest) => {
    if (message?.type !== REQUEST) return;
    aggregator.clusterMetrics().then(
      (body) => worker.isConnected() && worker.send({ type: RESPONSE, id: message.id, body } satisfies MetricsResponse),
      (error: Error) =>
        worker.isConnected() &&
        worker.send({ type: RESPONSE, id: message.id, error: error.message } satisfies MetricsResponse),
    );
  });
}
