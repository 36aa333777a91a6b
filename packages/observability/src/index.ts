export { createMetrics } from './metrics/create-metrics.js';
export type { Metrics } from './metrics/create-metrics.js';
export { DEFAULT_BUCKETS } from './metrics/metrics-options.js';
export type { MetricsOptions, ServerStateLike } from './metrics/metrics-options.js';
