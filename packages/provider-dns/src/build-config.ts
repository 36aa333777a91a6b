import { emptyDynamicConfig, type Diagnostic, type ProviderSnapshot, type ServiceConfig } from '@wharf/config';
import { serviceDiagnostics } from './describe-service.js';
import { hostPort } from './format.js';
import type { DnsLoadBalancerOptions } from './options.js';
import type { ResolvedDnsService } from './resolve-options.js';
import { servingSlots, type ServiceState, type Slot, type SlotPolicy } from './slot-table.js';

/** One configured service and where its discovery stands. */
export interface DnsServiceView {
  service: ResolvedDnsService;
  state: ServiceState;
  policy: SlotPolicy;
}

type Server = Slot & { address: string };

/** `http.services.<name>`: the user's loadBalancer options plus one `http://ip:port` server per filled slot. */
export function httpService(servers: readonly Server[], loadBalancer: DnsLoadBalancerOptions): ServiceConfig {
  return { loadBalancer: { ...loadBalancer, servers: servers.map((s) => ({ url: `http://${hostPort(s.address, s.port)}`, weight: s.weight })) } };
}

/** `tcp.services.<name>` (for the L4 issue): `ip:port` addresses; the same slots feed it. */
export function tcpService(servers: readonly Server[], loadBalancer: Record<string, unknown>): Record<string, unknown> {
  return { loadBalancer: { ...loadBalancer, servers: servers.map((s) => ({ address: hostPort(s.address, s.port) })) } };
}

/**
 * The full snapshot of the `dns` provider: one service per configured name (even without
 * servers, so routers naming `x@dns` answer 503 rather than lose their service), no routers.
 */
export function buildConfig(views: readonly DnsServiceView[], now: number, optionDiagnostics: readonly Diagnostic[] = []): ProviderSnapshot {
  const config = emptyDynamicConfig();
  const diagnostics: Diagnostic[] = [...optionDiagnostics];
  for (const { service, state, policy } of views) {
    const servers = servingSlots(state);
    if (service.protocol === 'tcp') {
      config.tcp ??= { services: {} };
      config.tcp.services![service.service] = tcpService(servers, service.loadBalancer as Record<string, unknown>);
    } else {
      config.http.services[service.service] = httpService(servers, service.loadBalancer);
    }
    diagnostics.push(...serviceDiagnostics(service, state, policy, now));
  }
  return { config, diagnostics };
}
