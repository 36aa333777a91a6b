import type { ContainerInspectInfo } from 'dockerode';
import type { ContainerData, ContainerHealth, ContainerNetwork, ContainerPort } from '../build/container-data.js';

const HEALTH = new Set<string>(['starting', 'healthy', 'unhealthy']);

/** dockerode inspect → the provider-local DTO (the only place dockerode's shapes are read). */
export function toContainerData(info: ContainerInspectInfo): ContainerData {
  const labels = info.Config?.Labels ?? {};
  const health = info.State?.Health?.Status;
  const data: ContainerData = {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    labels,
    status: info.State?.Status ?? 'unknown',
    networkMode: info.HostConfig?.NetworkMode ?? 'default',
    networks: toNetworks(info),
    ports: toPorts(info),
  };
  if (health && HEALTH.has(health)) data.health = health as ContainerHealth;
  const project = labels['com.docker.compose.project'];
  const service = labels['com.docker.compose.service'];
  if (project && service) data.compose = { project, service };
  return data;
}

function toNetworks(info: ContainerInspectInfo): Record<string, ContainerNetwork> {
  const out: Record<string, ContainerNetwork> = {};
  for (const [name, net] of Object.entries(info.NetworkSettings?.Networks ?? {})) {
    const entry: ContainerNetwork = {};
    if (net.IPAddress) entry.ipv4 = net.IPAddress;
    if (net.GlobalIPv6Address) entry.ipv6 = net.GlobalIPv6Address;
    out[name] = entry;
  }
  return out;
}

type PortMap = Record<string, Array<{ HostIp?: string; HostPort?: string }> | null>;

function toPorts(info: ContainerInspectInfo): ContainerPort[] {
  const byKey = new Map<string, ContainerPort>();
  const exposed = Object.keys((info.Config as { ExposedPorts?: Record<string, unknown> } | undefined)?.ExposedPorts ?? {});
  const published = (info.NetworkSettings?.Ports ?? {}) as PortMap;
  for (const key of [...exposed, ...Object.keys(published)]) {
    const [portText, proto = 'tcp'] = key.split('/');
    const port = Number(portText);
    if (!Number.isInteger(port) || byKey.has(key)) continue;
    const entry: ContainerPort = { port, protocol: proto as ContainerPort['protocol'] };
    const binding = published[key]?.find((b) => b.HostPort);
    if (binding) {
      entry.hostPort = Number(binding.HostPort);
      if (binding.HostIp) entry.hostIP = binding.HostIp;
    }
    byKey.set(key, entry);
  }
  for (const [key, bindings] of Object.entries(published)) {
    const binding = bindings?.find((b) => b.HostPort);
    const entry = byKey.get(key);
    if (entry && binding && entry.hostPort === undefined) {
      entry.hostPort = Number(binding.HostPort);
      if (binding.HostIp) entry.hostIP = binding.HostIp;
    }
  }
  return [...byKey.values()];
}
