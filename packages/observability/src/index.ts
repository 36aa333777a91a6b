export { createMetrics } from './metrics/create-metrics.js';
export type { Metrics } from './metrics/create-metrics.js';
export { DEFAULT_BUCKETS } from './metrics/metrics-options.js';
export type { MetricsOptions, ServerStateLike } from './metrics/metrics-options.js';
export { createAccessLog } from './access-log/create-access-log.js';
export type { AccessLog } from './access-log/create-access-log.js';
export type { AccessLogOptions, AccessLogFieldsOptions, AccessLogFormat, FieldMode } from './access-log/access-log-options.js';
