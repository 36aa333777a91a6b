import type { ServerHealthInfo, TcpHealthCheck } from '@wharf/config';
import { HealthChecker } from '../health/health-checker.js';
import type { ProbeResult } from '../health/http-probe.js';
import { ServerHealth } from '../health/server-health.js';
import { ServerSlot } from '../server-slot.js';
import type { LoadBalancerContext } from '../types.js';
import { resolveTcpHealth } from './tcp-health-options.js';
import { tcpProbe, type TcpProbeTarget } from './tcp-probe.js';

/** A TCP server as the health check sees it (`address` is its identity: serverStatus key). */
export interface TcpHealthServer {
  address: string;
  host: string;
  port: number;
  tls: boolean;
  serverName?: string;
  insecureSkipVerify?: boolean;
}

/** Live UP/DOWN of one TCP service's servers for one generation. */
export interface TcpServerHealth {
  isUp(address: string): boolean;
  servers(): ServerHealthInfo[];
  /** resolves once every server that started `initial` had its first probe (warm-up) */
  ready(): Promise<void>;
}

export interface TcpServerHealthOptions {
  prober?: (target: TcpProbeTarget, signal: AbortSignal) => Promise<ProbeResult>;
  now?: () => number;
}

function probeTarget(server: TcpHealthServer, o: ReturnType<typeof resolveTcpHealth>): TcpProbeTarget {
  const t: TcpProbeTarget = { host: server.host, port: o.port ?? server.port, tls: server.tls, timeoutMs: o.timeoutMs };
  if (server.serverName !== undefined) t.serverName = server.serverName;
  if (server.insecureSkipVerify) t.insecureSkipVerify = true;
  if (o.send !== undefined) t.send = o.send;
  if (o.expect !== undefined) t.expect = o.expect;
  return t;
}

/**
 * Active TCP health for one service: the HTTP checker's machinery (one timer per server,
 * `interval` when UP, `unhealthyInterval` when DOWN, state carried across generations by the
 * shared registry keyed by service + address) with the TCP prober. Stops when `ctx.signal` aborts.
 */
export function createTcpServerHealth(
  config: TcpHealthCheck,
  servers: readonly TcpHealthServer[],
  ctx: LoadBalancerContext,
  options: TcpServerHealthOptions = {},
): TcpServerHealth {
  const now = options.now ?? Date.now;
  const active = resolveTcpHealth(config);
  const byAddress = new Map<string, ServerSlot>();
  const targets = new Map<ServerSlot, TcpProbeTarget>();
  for (const server of servers) {
    if (byAddress.has(server.address)) continue;
    const slot = new ServerSlot(Object.freeze({ url: server.address, weight: 1 }), byAddress.size);
    byAddress.set(server.address, slot);
    targets.set(slot, probeTarget(server, active));
  }
  const slots = [...byAddress.values()];
  const health = new ServerHealth({ serviceName: ctx.serviceName, registry: ctx.health, slots, active, signal: ctx.signal, now });
  if (!ctx.signal.aborted) {
    const checker = new HealthChecker({
      targets,
      prober: options.prober ?? tcpProbe,
      options: active,
      signal: ctx.signal,
      now,
      onResult: (slot, result, startedAt) => health.onProbe(slot, result, startedAt),
    });
    checker.start((slot) => health.firstProbeDelay(slot));
  }
  return {
    isUp: (address) => byAddress.get(address)?.up === true,
    servers: () => slots.map((s) => s.info()),
    ready: () => health.ready,
  };
}
