import type { ServerState, ServiceHealth, ServiceInfo } from '../model/runtime-view.js';

// Pure views of a service's runtime health, shared by the API (filters, overview counts) and
// the dashboard (badges, server tables) so both always agree. No I/O: safe in a browser bundle.

function upOverKnown(service: ServiceInfo): { up: number; known: number } {
  const states = Object.values(service.serverStatus ?? {});
  return { up: states.filter((s) => s === 'UP').length, known: states.length };
}

/** The health rule: all servers UP → healthy, some → degraded, none → down; no servers → unknown. */
export function healthFromCounts(up: number, total: number): ServiceHealth {
  if (total === 0) return 'unknown';
  if (up === total) return 'healthy';
  return up === 0 ? 'down' : 'degraded';
}

/**
 * A service's live health: the runtime's `health` summary when present, else derived from
 * `serverStatus` by `healthFromCounts`. Composite services without servers are `unknown`.
 */
export function serviceHealthState(service: ServiceInfo): ServiceHealth {
  if (service.health) return service.health.state;
  const { up, known } = upOverKnown(service);
  return healthFromCounts(up, known);
}

/** "2/3 UP": servers up over servers known, or undefined when health is not tracked. */
export function serversUpLabel(service: ServiceInfo): string | undefined {
  if (service.health) return `${service.health.serversUp}/${service.health.serversTotal} UP`;
  const { up, known } = upOverKnown(service);
  return known === 0 ? undefined : `${up}/${known} UP`;
}

/** A server's state: live health first, then serverStatus; missing counts as DOWN (Traefik UI). */
export function serverState(service: ServiceInfo, url: string): ServerState {
  const fromHealth = service.health?.servers.find((s) => s.url === url)?.state;
  return fromHealth ?? service.serverStatus?.[url] ?? 'DOWN';
}
