import type { ServiceHealth, ServiceInfo } from '@wharf/config';

/**
 * A service's live health: the runtime's `health` summary when present, else derived from
 * `serverStatus` (all UP → healthy, some → degraded, none → down). Composite services without
 * servers are `unknown`.
 */
export function serviceHealthState(service: ServiceInfo): ServiceHealth {
  if (service.health) return service.health.state;
  const states = Object.values(service.serverStatus ?? {});
  if (states.length === 0) return 'unknown';
  const up = states.filter((s) => s === 'UP').length;
  if (up === states.length) return 'healthy';
  return up === 0 ? 'down' : 'degraded';
}

/** "2/3 UP": servers up over servers known, or undefined when health is not tracked. */
export function serversUpLabel(service: ServiceInfo): string | undefined {
  if (service.health) return `${service.health.serversUp}/${service.health.serversTotal} UP`;
  const states = Object.values(service.serverStatus ?? {});
  if (states.length === 0) return undefined;
  return `${states.filter((s) => s === 'UP').length}/${states.length} UP`;
}
