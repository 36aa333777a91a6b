import type { ServerHealthInfo, TcpConfiguration } from '@wharf/config';
import type { HealthRegistry, TcpServerHealth } from '@wharf/loadbalancer';
import { compareTcpRoutes, type TcpConnectionInfo, type TcpMatcher } from '@wharf/router';
import type { TcpEntryPointRoutes, TcpRoute, UdpRoute } from '../types.js';
import { addError } from '../validate/element-state.js';
import { L4Messages } from '../validate/l4-shape.js';
import type { ValidatedConfig } from '../validate/validated.js';
import { chainGates, TcpGateStore, type TcpGate } from './tcp-gates.js';
import type { TcpHealthStore } from './tcp-health.js';
import { createPickers } from './tcp-services.js';

interface Entry {
  name: string;
  priority: number;
  match: TcpMatcher;
  route: TcpRoute;
}

export interface CompiledL4 {
  tcp(entryPoint: string): TcpEntryPointRoutes | undefined;
  udpRoute(entryPoint: string): UdpRoute | undefined;
  /** live server health of a health-checked TCP service; undefined without a check */
  tcpServers(service: string): ServerHealthInfo[] | undefined;
  /** the first probes of new servers (warm-up) */
  ready(): Array<Promise<void>>;
}

/** State carried from one generation to the next (fresh stores: nothing carried). */
export interface L4Carry {
  gates: TcpGateStore;
  /** the health registry shared with HTTP, the store of TCP checks and the generation's signal */
  health?: { registry: HealthRegistry; store: TcpHealthStore; signal: AbortSignal };
}

function entryPointRoutes(list: Entry[]): TcpEntryPointRoutes {
  list.sort(compareTcpRoutes);
  const plain = list.filter((e) => e.route.tls === 'none');
  const secure = list.filter((e) => e.route.tls !== 'none');
  return {
    plainOnly: secure.length === 0,
    route(conn: TcpConnectionInfo) {
      for (const e of conn.tls ? secure : plain) if (e.match(conn)) return e.route;
      return undefined;
    },
  };
}

function compileTcp(v: ValidatedConfig, transports: TcpConfiguration['serversTransports'], carry: L4Carry, built: Map<string, TcpServerHealth>): Map<string, TcpEntryPointRoutes> {
  const { gates } = carry;
  const scope = carry.health && { ...carry.health, built };
  const pickers = createPickers(v.tcpServices, transports ?? {}, scope);
  const gate = (name: string): TcpGate => gates.get(v.tcpMiddlewares[name]!);
  const byEntryPoint = new Map<string, Entry[]>();
  for (const r of Object.values(v.tcpRouters)) {
    if (r.status === 'disabled' || !r.parsed) continue;
    const tls = r.config.tls;
    const route: TcpRoute = {
      router: r.name,
      service: r.config.service!,
      tls: !tls ? 'none' : tls.passthrough ? 'passthrough' : 'terminate',
      tlsOptions: tls?.options || 'default',
      admit: chainGates((r.config.middlewares ?? []).map(gate)),
      pick: pickers(r.config.service!).pick,
    };
    for (const ep of r.using) {
      const list = byEntryPoint.get(ep) ?? [];
      list.push({ name: r.name, priority: r.priority, match: r.parsed.match, route });
      byEntryPoint.set(ep, list);
    }
  }
  gates.sweep();
  carry.health?.store.sweep(new Set(built.keys()));
  return new Map([...byEntryPoint].map(([ep, list]) => [ep, entryPointRoutes(list)]));
}

/** One UDP router per entrypoint: the first in descending name order (Traefik); the others warn. */
function compileUdp(v: ValidatedConfig): Map<string, UdpRoute> {
  const pickers = createPickers(v.udpServices, {});
  const out = new Map<string, UdpRoute>();
  const names = Object.keys(v.udpRouters).sort().reverse();
  for (const name of names) {
    const r = v.udpRouters[name]!;
    if (r.status === 'disabled') continue;
    const { pick } = pickers(r.config.service!);
    for (const ep of r.using) {
      const winner = out.get(ep);
      if (winner) {
        addError(r, L4Messages.udpShadowed(winner.router, ep), false);
        continue;
      }
      out.set(ep, { router: name, service: r.config.service!, pick });
    }
  }
  return out;
}

/**
 * TCP and UDP routing of one generation, compiled once, read per connection/session. `carry`
 * holds TCP middleware gates and health checks state from one generation to the next.
 */
export function compileL4(v: ValidatedConfig, tcp: TcpConfiguration | undefined, carry: L4Carry = { gates: new TcpGateStore() }): CompiledL4 {
  const health = new Map<string, TcpServerHealth>();
  const tcpRoutes = compileTcp(v, tcp?.serversTransports, carry, health);
  const udpRoutes = compileUdp(v);
  return {
    tcp: (ep) => tcpRoutes.get(ep),
    udpRoute: (ep) => udpRoutes.get(ep),
    tcpServers: (service) => health.get(service)?.servers(),
    ready: () => [...health.values()].map((h) => h.ready()),
  };
}
