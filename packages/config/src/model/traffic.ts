/** Live traffic, as `GET /api/wharf/traffic` and the `traffic` event carry it (wire format, shared with the dashboard). */

export interface StatusSplit {
  '1xx': number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
}

/** Per-slot points, oldest first, one per `slotSeconds` (sparklines). */
export interface TrafficSeriesPoints {
  /** requests per second in each slot */
  rps: number[];
  /** p95 latency in ms in each slot (0 when idle) */
  p95: number[];
  /** 5xx responses in each slot */
  errors: number[];
}

export interface TrafficSummary {
  /** router or service name; for a server its URL */
  name: string;
  /** the server's service (servers only) */
  service?: string;
  /** requests per second over the last completed slots (30 s) */
  rps: number;
  /** latency percentiles in ms over the window */
  p50: number;
  p95: number;
  p99: number;
  /** requests in the window */
  requests: number;
  status: StatusSplit;
  /** 5xx / requests over the window (0..1) */
  errorRate: number;
  series?: TrafficSeriesPoints;
}

/** Connection and byte counters of one TCP or UDP router or service (since start). */
export interface L4Counters {
  protocol: 'tcp' | 'udp';
  open: number;
  total: number;
  bytesIn: number;
  bytesOut: number;
}

export interface TrafficSnapshot {
  /** ISO time of the snapshot */
  at: string;
  slotSeconds: number;
  slots: number;
  routers: TrafficSummary[];
  services: TrafficSummary[];
  servers: TrafficSummary[];
  /** TCP/UDP counters keyed by qualified router and service names */
  l4?: { routers: Record<string, L4Counters>; services: Record<string, L4Counters> };
}

/** One row of the HAProxy-style stats table (`GET /api/wharf/traffic/stats`). */
export interface ServerStatsRow {
  service: string;
  url: string;
  /** estimated requests in flight (Little's law over the last completed slot) */
  current: number;
  /** highest per-slot estimate in the window */
  max: number;
  /** requests since start */
  total: number;
  /** 5xx answers and upstream failures since start */
  errors: number;
  /** retry attempts since start */
  retries: number;
  /** from the runtime's health view; 'unknown' when the server left the configuration */
  health: 'UP' | 'DOWN' | 'unknown';
  rps: number;
  p95: number;
}

/** Exact requests in flight for one router or service (counted from request start to end). */
export interface InFlightRow {
  name: string;
  /** requests in flight now */
  current: number;
  /** highest in-flight count within the current 10 s slot */
  max: number;
  /** highest in-flight count within the last completed slot */
  lastSlotMax: number;
}

export interface TrafficStats {
  at: string;
  servers: ServerStatsRow[];
  /** exact per router and per service (servers' `current`/`max` are estimates) */
  inFlight?: { routers: InFlightRow[]; services: InFlightRow[] };
}
