import type { Diagnostic, ServerState } from '@wharf/config';

/** `metrics.prometheus.*` (Traefik names and defaults) plus wharf's feeds. */
export interface MetricsOptions {
  /** default [0.1, 0.3, 1.2, 5.0] seconds */
  buckets?: readonly number[];
  /** default true: traefik_entrypoint_* series */
  addEntryPointsLabels?: boolean;
  /** default false: traefik_router_* series */
  addRoutersLabels?: boolean;
  /** default true: traefik_service_* series */
  addServicesLabels?: boolean;
  /** default true: process_* (cpu, memory, fds, start time, as Traefik's Go client) and nodejs_* */
  processMetrics?: boolean;
  /** route path, default `/metrics` */
  path?: string;
  /** read at scrape time for traefik_open_connections */
  openConnections?: () => Iterable<{ entryPoint: string; protocol: string; count: number }>;
  /**
   * read at scrape time for traefik_service_server_up (the live runtime view): the gauge then
   * holds exactly the configured servers; without it, `onServerState` pushes feed the gauge
   */
  servers?: () => Iterable<ServerStateLike>;
  /** read at scrape time for wharf_provider_diagnostics */
  diagnostics?: () => readonly Diagnostic[];
  /** read at scrape time for traefik_tls_certs_not_after (Traefik's names: decimal serial, comma-joined SANs) */
  certificates?: () => ReadonlyArray<{ commonName: string; serialNumber: string; sans: readonly string[]; notAfter: string }>;
}

/** A server's health flip, as the runtime's health registry reports it. */
export interface ServerStateLike {
  service: string;
  url: string;
  state: ServerState;
}

export const DEFAULT_BUCKETS: readonly number[] = [0.1, 0.3, 1.2, 5.0];
