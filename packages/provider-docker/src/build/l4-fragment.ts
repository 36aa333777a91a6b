import type { TcpConfiguration, TcpServiceConfig, UdpConfiguration } from '@wharf/config';
import type { L4LabelService, L4LabelSet } from '../labels/l4-labels.js';

export interface L4Fragment {
  tcp?: TcpConfiguration;
  udp?: UdpConfiguration;
  issues: Array<{ key?: string; message: string; severity: 'error' | 'warning' }>;
}

/** `ip:port` of the container for a label port (undefined: no port, or no reachable IP) */
export type AddressOf = (labelPort: number | undefined) => string | undefined;

function service(s: L4LabelService, address: string | undefined, emptyServers: boolean, withTls: boolean): TcpServiceConfig {
  const server = { address: address ?? '', ...(withTls && s.tls ? { tls: true } : {}) };
  return {
    loadBalancer: {
      servers: emptyServers || !address ? [] : [server],
      ...(s.serversTransport ? { serversTransport: s.serversTransport } : {}),
      ...(s.proxyProtocol ? { proxyProtocol: s.proxyProtocol } : {}),
      ...(s.terminationDelay !== undefined ? { terminationDelay: s.terminationDelay } : {}),
      ...(withTls && s.healthCheck ? { healthCheck: s.healthCheck } : {}),
    },
  };
}

/**
 * Traefik's docker defaults for TCP/UDP: routers but no service label → a service named after the
 * container; a router without `service` is linked when exactly one service exists, else dropped.
 */
export function buildL4Fragment(l4: L4LabelSet, base: string, emptyServers: boolean, addressOf: AddressOf): L4Fragment {
  const out: L4Fragment = { issues: l4.rejected.map((r) => ({ ...r, severity: 'error' as const })) };
  for (const protocol of ['tcp', 'udp'] as const) {
    const labels = l4[protocol];
    const names = Object.keys(labels.routers);
    const middlewares = protocol === 'tcp' ? l4.tcp.middlewares : {};
    if (names.length === 0 && Object.keys(labels.services).length === 0 && Object.keys(middlewares).length === 0) continue;
    const declared = Object.keys(labels.services).length > 0 ? labels.services : names.length > 0 ? { [base]: {} } : {};
    const services: Record<string, TcpServiceConfig> = {};
    for (const [name, s] of Object.entries(declared)) {
      const address = addressOf(s.port);
      if (!address && !emptyServers) out.issues.push({ message: `${protocol} service "${name}": port is missing, the service has no server`, severity: 'error' });
      services[name] = service(s, address, emptyServers, protocol === 'tcp');
    }
    const routers: Record<string, (typeof labels.routers)[string]> = {};
    const serviceNames = Object.keys(services);
    for (const [name, r] of Object.entries(labels.routers)) {
      if (r.service) routers[name] = r;
      else if (serviceNames.length === 1) routers[name] = { ...r, service: serviceNames[0]! };
      else out.issues.push({ message: `${protocol} router "${name}" cannot be linked automatically with multiple Services`, severity: 'error' });
    }
    if (protocol === 'tcp') out.tcp = { routers, services, middlewares };
    else out.udp = { routers, services: services as UdpConfiguration['services'] };
  }
  return out;
}
