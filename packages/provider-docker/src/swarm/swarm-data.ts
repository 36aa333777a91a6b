import type { Diagnostic } from '@wharf/config';
import type { ContainerData, ContainerNetwork } from '../build/container-data.js';

/** What the engine says of a Swarm service (`GET /services`), only the fields wharf reads. */
export interface SwarmService {
  ID: string;
  Spec?: {
    Name?: string;
    Labels?: Record<string, string>;
    Mode?: { Replicated?: unknown; Global?: unknown };
    EndpointSpec?: { Mode?: string };
  };
  Endpoint?: { VirtualIPs?: Array<{ NetworkID?: string; Addr?: string }> };
}

/** A task (`GET /tasks`): its slot, state and addresses on each attached network. */
export interface SwarmTask {
  ID: string;
  ServiceID?: string;
  Slot?: number;
  DesiredState?: string;
  Status?: { State?: string };
  NetworksAttachments?: Array<{ Network?: { ID?: string; Spec?: { Name?: string } }; Addresses?: string[] }>;
}

export const SwarmDiagnosticCode = { dnsrrLbSwarm: 'SWARM_LBSWARM_DNSRR' } as const;

const noMask = (cidr: string | undefined): string | undefined => (cidr ? cidr.split('/')[0] : undefined);

/** The routing mesh's `ingress` network only when nothing else is attached (it serves published ports). */
function withoutIngress(networks: Record<string, ContainerNetwork>): Record<string, ContainerNetwork> {
  const { ingress, ...rest } = networks;
  return Object.keys(rest).length > 0 || !ingress ? rest : { ingress };
}

/** `traefik.swarm.<key>`, or its deprecated alias `traefik.docker.<key>` (Traefik v3.2.2). */
function swarmLabel(labels: Record<string, string>, prefix: string, key: string): string | undefined {
  const lower = new Map(Object.entries(labels).map(([k, v]) => [k.toLowerCase(), v]));
  return lower.get(`${prefix}.swarm.${key}`.toLowerCase()) ?? lower.get(`${prefix}.docker.${key}`.toLowerCase());
}

function withSwarmNetworkLabel(labels: Record<string, string>, prefix: string): Record<string, string> {
  const network = swarmLabel(labels, prefix, 'network');
  const out = Object.fromEntries(Object.entries(labels).filter(([k]) => !k.toLowerCase().startsWith(`${prefix}.docker.`.toLowerCase())));
  if (network !== undefined) out[`${prefix}.swarm.network`] = network;
  return out;
}

function entry(id: string, name: string, service: string, labels: Record<string, string>, networks: Record<string, ContainerNetwork>): ContainerData {
  return { id, name, serviceName: service, labels, status: 'running', networkMode: 'swarm', networks, ports: [] };
}

/**
 * PURE: Swarm services and tasks → the builder's input (Traefik `pswarm.go`). Labels are the
 * service's (`deploy.labels`), never the containers'. `traefik.swarm.lbswarm=true` → one
 * server, the service's virtual IP on each network; otherwise one per running task (name
 * `<service>.<slot>`, or `<service>.<taskID>` for global services). Swarm publishes no ports,
 * so the port label is required (the builder says so per service).
 */
export function swarmContainers(
  services: readonly SwarmService[], tasks: readonly SwarmTask[], networkNames: ReadonlyMap<string, string>, prefix = 'traefik',
): { containers: ContainerData[]; diagnostics: Diagnostic[] } {
  const containers: ContainerData[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const service of services) {
    const name = service.Spec?.Name ?? service.ID;
    const labels = withSwarmNetworkLabel(service.Spec?.Labels ?? {}, prefix);
    const lbSwarm = swarmLabel(service.Spec?.Labels ?? {}, prefix, 'lbswarm')?.toLowerCase() === 'true';
    if (lbSwarm && service.Spec?.EndpointSpec?.Mode !== 'dnsrr') {
      const networks: Record<string, ContainerNetwork> = {};
      for (const vip of service.Endpoint?.VirtualIPs ?? []) {
        const net = networkNames.get(vip.NetworkID ?? '') ?? vip.NetworkID ?? '';
        const ip = noMask(vip.Addr);
        if (net && ip) networks[net] = { ipv4: ip };
      }
      containers.push(entry(service.ID, name, name, labels, withoutIngress(networks)));
      continue;
    }
    if (lbSwarm) {
      diagnostics.push({
        provider: 'swarm', source: name, code: SwarmDiagnosticCode.dnsrrLbSwarm, severity: 'warning',
        message: 'lbswarm is set but the service uses endpoint_mode dnsrr (no virtual IP); using its task addresses',
        key: `${prefix}.swarm.lbswarm`, element: { kind: 'container', name },
      });
    }
    const global = service.Spec?.Mode?.Global !== undefined;
    for (const task of tasks) {
      if (task.ServiceID !== service.ID || task.DesiredState !== 'running' || task.Status?.State !== 'running') continue;
      const networks: Record<string, ContainerNetwork> = {};
      for (const att of task.NetworksAttachments ?? []) {
        const net = att.Network?.Spec?.Name ?? networkNames.get(att.Network?.ID ?? '') ?? '';
        const ip = noMask(att.Addresses?.[0]);
        if (net && ip) networks[net] = { ipv4: ip };
      }
      const taskName = global || task.Slot === undefined ? `${name}.${task.ID}` : `${name}.${task.Slot}`;
      containers.push(entry(task.ID, taskName, name, labels, withoutIngress(networks)));
    }
  }
  return { containers, diagnostics };
}

/**
 * A task on its way up or down (desired running, not running yet; or still running, desired
 * otherwise). The engine's container event can come before the task's state is updated, so a
 * listing made on that event may not show the change yet: the provider lists again shortly.
 */
export function tasksSettling(tasks: readonly SwarmTask[]): boolean {
  return tasks.some((t) => (t.DesiredState === 'running') !== (t.Status?.State === 'running'));
}
