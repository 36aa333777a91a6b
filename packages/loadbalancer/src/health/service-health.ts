import type { ServerHealthInfo, ServiceHealthInfo } from '@wharf/config';

/**
 * A service's health summary for the runtime view: `healthy` (all UP), `degraded` (some UP),
 * `down` (none UP), `unknown` (no servers, or every server still awaiting its first probe).
 */
export function summarizeServiceHealth(servers: readonly ServerHealthInfo[]): ServiceHealthInfo {
  const serversUp = servers.filter((s) => s.state === 'UP').length;
  const total = servers.length;
  let state: ServiceHealthInfo['state'];
  if (total === 0 || servers.every((s) => s.state === 'DOWN' && s.reason === 'initial')) state = 'unknown';
  else if (serversUp === total) state = 'healthy';
  else if (serversUp === 0) state = 'down';
  else state = 'degraded';
  return { state, serversUp, serversTotal: total, servers: servers.map((s) => ({ ...s })) };
}
