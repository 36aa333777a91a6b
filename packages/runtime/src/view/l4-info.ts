import type { ServerState, TcpMiddlewareInfo, TcpRouterInfo, TcpServiceInfo, UdpRouterInfo, UdpServiceInfo } from '@wharf/config';
import type { ElementState } from '../validate/element-state.js';
import type { ValidatedTcpMiddleware, ValidatedTcpRouter, ValidatedTcpService, ValidatedUdpRouter, ValidatedUdpService } from '../validate/validated.js';

function statusFields(s: ElementState): { status: ElementState['status']; error?: string[] } {
  return s.errors.length > 0 ? { status: s.status, error: [...s.errors] } : { status: s.status };
}

export function tcpRouterInfo(r: ValidatedTcpRouter): TcpRouterInfo {
  const tls = r.config.tls ? { ...r.config.tls, passthrough: r.config.tls.passthrough === true } : undefined;
  return {
    ...r.config,
    ...(tls ? { tls } : {}),
    ...statusFields(r),
    using: r.using,
    priority: r.priority,
    priorityStr: String(r.priority),
    name: r.name,
    provider: r.provider,
  };
}

/** Every server starts UP (Traefik); TCP health checks would turn one DOWN. */
export function tcpServiceInfo(s: ValidatedTcpService): TcpServiceInfo {
  const info: TcpServiceInfo = { ...s.config, ...statusFields(s), type: s.kind ?? '', usedBy: s.usedBy, name: s.name, provider: s.provider };
  const servers = s.kind === 'loadbalancer' ? s.config.loadBalancer?.servers : undefined;
  if (Array.isArray(servers) && s.status !== 'disabled') {
    const status: Record<string, ServerState> = {};
    for (const server of servers) status[server.address] = 'UP';
    info.serverStatus = status;
  }
  return info;
}

export function tcpMiddlewareInfo(m: ValidatedTcpMiddleware): TcpMiddlewareInfo {
  return { ...m.config, ...statusFields(m), type: m.kind ?? '', usedBy: m.usedBy, name: m.name, provider: m.provider };
}

export function udpRouterInfo(r: ValidatedUdpRouter): UdpRouterInfo {
  return { ...r.config, ...statusFields(r), using: r.using, name: r.name, provider: r.provider };
}

export function udpServiceInfo(s: ValidatedUdpService): UdpServiceInfo {
  return { ...s.config, ...statusFields(s), type: s.kind ?? '', usedBy: s.usedBy, name: s.name, provider: s.provider };
}
