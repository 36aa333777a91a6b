import type { ContainerInfo } from 'dockerode';
import type { ContainerData } from '../build/container-data.js';

/**
 * Re-listing on every event would inspect every container on the engine; this keeps the last
 * inspect per container and repeats it only when the list entry shows a change that matters
 * (state, health, networks and their IPs, ports, network mode).
 */
export class InspectCache {
  private readonly entries = new Map<string, { key: string; data: ContainerData }>();

  async refresh(summaries: readonly ContainerInfo[], inspect: (id: string) => Promise<ContainerData>): Promise<ContainerData[]> {
    const seen = new Set<string>();
    const out = await Promise.all(summaries.map(async (summary) => {
      seen.add(summary.Id);
      const key = summaryKey(summary);
      const hit = this.entries.get(summary.Id);
      if (hit?.key === key) return hit.data;
      const data = await inspect(summary.Id).catch(() => undefined);
      if (data) this.entries.set(summary.Id, { key, data });
      return data;
    }));
    for (const id of this.entries.keys()) if (!seen.has(id)) this.entries.delete(id);
    return out.filter((d): d is ContainerData => d !== undefined);
  }
}

const HEALTH = /\((healthy|unhealthy|health: starting)\)/;

/** What in a `GET /containers/json` entry changes when routing data changes ("Up 3 minutes" does not count). */
export function summaryKey(summary: ContainerInfo): string {
  const networks = Object.entries(summary.NetworkSettings?.Networks ?? {}).map(([name, n]) => [name, n.IPAddress, n.GlobalIPv6Address]);
  return JSON.stringify([
    summary.Names, summary.State, HEALTH.exec(summary.Status ?? '')?.[1] ?? '', networks, summary.Ports, summary.HostConfig?.NetworkMode,
  ]);
}
