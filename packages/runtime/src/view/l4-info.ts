import { splitQualified, healthFromCounts } from '@wharf/config';
import type { Diagnostic, ServerHealthInfo, ServerState, TcpMiddlewareInfo, TcpRouterInfo, TcpServiceInfo, UdpRouterInfo, UdpServiceInfo } from '@wharf/config';
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

/** Every server is UP without a health check (Traefik); `withTcpServerHealth` adds live state. */
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

/** A health-checked service's live `serverStatus` (Traefik) and wharf's `health` summary. */
export function withTcpServerHealth(info: TcpServiceInfo, servers: ServerHealthInfo[] | undefined): TcpServiceInfo {
  if (servers === undefined) return info;
  const serverStatus: Record<string, ServerState> = {};
  for (const s of servers) serverStatus[s.url] = s.state;
  const up = servers.filter((s) => s.state === 'UP').length;
  return { ...info, serverStatus, health: { state: healthFromCounts(up, servers.length), serversUp: up, serversTotal: servers.length, servers } };
}

/** A warning per DOWN server of a health-checked TCP service (`/api/wharf/diagnostics`). */
export function tcpHealthDiagnostics(services: Record<string, TcpServiceInfo>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const info of Object.values(services)) {
    for (const s of info.health?.servers ?? []) {
      if (s.state === 'UP') continue;
      const why = s.reason === 'initial' ? 'not checked yet' : `health check: ${s.lastResult ?? 'failed'}`;
      out.push({
        provider: info.provider,
        source: info.name,
        code: 'WHARF_TCP_SERVER_DOWN',
        severity: 'warning',
        message: `TCP server ${s.url} of service ${info.name} is DOWN (${why}): it gets no new connections`,
        element: { kind: 'service', name: splitQualified(info.name).name },
      });
    }
  }
  return out;
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
