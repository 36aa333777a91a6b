import type { ServerState, ServiceHealth, ServiceInfo } from '@wharf/config';

/** Live health of a service (same rule as the API's `serviceHealthState`). */
export function healthOf(service: ServiceInfo): ServiceHealth {
  if (service.health) return service.health.state;
  const states = Object.values(service.serverStatus ?? {});
  if (states.length === 0) return 'unknown';
  const up = states.filter((s) => s === 'UP').length;
  if (up === states.length) return 'healthy';
  return up === 0 ? 'down' : 'degraded';
}

/** "2/3 UP", or undefined when the service has no servers of its own. */
export function serversUpLabel(service: ServiceInfo): string | undefined {
  if (service.health) return `${service.health.serversUp}/${service.health.serversTotal} UP`;
  const states = Object.values(service.serverStatus ?? {});
  return states.length === 0 ? undefined : `${states.filter((s) => s === 'UP').length}/${states.length} UP`;
}

/** A server's state: live health first, then serverStatus; missing counts as DOWN (Traefik UI). */
export function serverState(service: ServiceInfo, url: string): ServerState {
  const fromHealth = service.health?.servers.find((s) => s.url === url)?.state;
  return fromHealth ?? service.serverStatus?.[url] ?? 'DOWN';
}
