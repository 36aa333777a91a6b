import type { HttpHandler, ServerHealthInfo, ServiceHealth } from '@wharf/config';
import type { PickRequest } from '@wharf/loadbalancer';

/** A service compiled for one generation: its handler plus what failover/weighted/the view need. */
export interface CompiledService {
  readonly name: string;
  readonly handler: HttpHandler;
  /** true while some server can take a request (failover switches, weighted skips on false) */
  available(): boolean;
  /** the server URL a request would reach now, without side effects (route tester) */
  peek(req: PickRequest): string | undefined;
  /** live servers (composites: their members' servers) */
  servers(): ServerHealthInfo[];
  /** wharf summary health */
  health(): ServiceHealth;
  /** resolves once new servers had their first health probe (warm-up before a swap) */
  ready?(): Promise<void>;
}

/** healthy when every member is up, down when none is, degraded in between. */
export function summarizeHealth(up: number, total: number): ServiceHealth {
  if (total === 0) return 'unknown';
  if (up === 0) return 'down';
  return up === total ? 'healthy' : 'degraded';
}

/** Leaf servers of composite members, de-duplicated by URL (for the view's health detail). */
export function memberServers(members: readonly CompiledService[]): ServerHealthInfo[] {
  const seen = new Map<string, ServerHealthInfo>();
  for (const m of members) for (const s of m.servers()) if (!seen.has(s.url)) seen.set(s.url, s);
  return [...seen.values()];
}
