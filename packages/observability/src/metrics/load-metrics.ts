import type { createMetrics } from './create-metrics.js';

/**
 * Prometheus metrics (prom-client, with @opentelemetry/api and tdigest: ~0.05 s of module
 * loading) load when `metrics.prometheus` is configured, not with every wharf.
 */
export async function loadMetrics(): Promise<typeof createMetrics> {
  return (await import('./create-metrics.js')).createMetrics;
}
