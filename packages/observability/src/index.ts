export { loadMetrics } from './metrics/load-metrics.js';
export type { Metrics } from './metrics/create-metrics.js';
export { DEFAULT_BUCKETS } from './metrics/metrics-options.js';
export type { MetricsOptions, ServerStateLike } from './metrics/metrics-options.js';
export { createAccessLog } from './access-log/create-access-log.js';
export type { AccessLog } from './access-log/create-access-log.js';
export type { AccessLogOptions, AccessLogFieldsOptions, AccessLogFormat, FieldMode } from './access-log/access-log-options.js';
export type { AccessLogFilters } from './access-log/log-filters.js';
export { createTrafficRecorder } from './traffic/create-traffic-recorder.js';
export type { TrafficRecorder, TrafficRecorderOptions, TrafficStatsWithInFlight } from './traffic/create-traffic-recorder.js';
export type { InFlightRow } from './traffic/in-flight.js';
export type { L4Flow, L4Meter } from './traffic/l4-counters.js';
export { registerTrafficRoutes } from './traffic/traffic-routes.js';
export type { TrafficRoutesOptions } from './traffic/traffic-routes.js';
export { LATENCY_BOUNDS_MS, latencyQuantile } from './traffic/latency-buckets.js';
export { SLOT_MS, SLOTS } from './traffic/traffic-series.js';
export type {
  ServerStatsRow,
  StatusSplit,
  TrafficClock,
  TrafficSeriesPoints,
  TrafficSnapshot,
  TrafficStats,
  TrafficSummary,
} from './traffic/traffic-types.js';
