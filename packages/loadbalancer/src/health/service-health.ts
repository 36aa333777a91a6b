import { healthFromCounts, type ServerHealthInfo, type ServiceHealthInfo } from '@wharf/config';

/**
 * A service's health summary for the runtime view: `healthy` (all UP), `degraded` (some UP),
 * `down` (none UP), `unknown` (no servers, or every server still awaiting its first probe).
 */
export function summarizeServiceHealth(servers: readonly ServerHealthInfo[]): ServiceHealthInfo {
  const serversUp = servers.filter((s) => s.state === 'UP').length;
  const total = servers.length;
  const awaitingFirstProbe = servers.every((s) => s.state === 'DOWN' && s.reason === 'initial');
  const state = awaitingFirstProbe ? 'unknown' : healthFromCounts(serversUp, total);
  return { state, serversUp, serversTotal: total, servers: servers.map((s) => ({ ...s })) };
}
