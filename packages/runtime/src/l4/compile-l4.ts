import { qualify, TLS_DEFAULT_OPTIONS_NAME, type ServerHealthInfo, type TcpConfiguration } from '@wharf/config';
import type { HealthRegistry, TcpServerHealth } from '@wharf/loadbalancer';
import type { HttpsServerNames, TcpRoute, UdpRoute } from '../types.js';
import { addError } from '../validate/element-state.js';
import { L4Messages } from '../validate/l4-shape.js';
import type { ValidatedConfig } from '../validate/validated.js';
import { chainGates, TcpGateStore, type TcpGate } from './tcp-gates.js';
import type { TcpHealthStore } from './tcp-health.js';
import { createPickers } from './tcp-services.js';
import { createTcpTable, type TcpRouteEntry, type TcpTable } from './tcp-order.js';

/** Traefik qualifies a TCP router's `tls.options` with its provider at use time; `default` stays shared. */
function tlsOptionsName(options: string | undefined, provider: string): string {
  return !options || options === TLS_DEFAULT_OPTIONS_NAME ? TLS_DEFAULT_OPTIONS_NAME : qualify(options, provider);
}

export interface CompiledL4 {
  /** an entrypoint's TCP routes in Traefik's order (tcp-order.ts), which the route tester walks too */
  tcp(entryPoint: string): TcpTable | undefined;
  udpRoute(entryPoint: string): UdpRoute | undefined;
  /** live server health of a health-checked TCP service; undefined without a check */
  tcpServers(service: string): ServerHealthInfo[] | undefined;
  /** the first probes of new servers (warm-up) */
  ready(): Array<Promise<void>>;
}

/** State carried from one generation to the next (fresh stores: nothing carried), and the HTTPS side. */
export interface L4Carry {
  /** an entrypoint's HTTPS router hosts (Traefik's HTTPS-before-TCP order on a shared entrypoint); undefined: none */
  https?: (entryPoint: string) => HttpsServerNames | undefined;
  gates: TcpGateStore;
  /** entrypoints whose TCP routers also see `acme-tls/1` ClientHellos (Traefik's ACME TLS passthrough) */
  acmeTlsPassthrough?: (entryPoint: string) => boolean;
  /** the health registry shared with HTTP, the store of TCP checks and the generation's signal */
  health?: { registry: HealthRegistry; store: TcpHealthStore; signal: AbortSignal };
}

function compileTcp(v: ValidatedConfig, transports: TcpConfiguration['serversTransports'], carry: L4Carry, built: Map<string, TcpServerHealth>): Map<string, TcpTable> {
  const { gates } = carry;
  const scope = carry.health && { ...carry.health, built };
  const pickers = createPickers(v.tcpServices, transports ?? {}, scope);
  const gate = (name: string): TcpGate => gates.get(v.tcpMiddlewares[name]!);
  const byEntryPoint = new Map<string, TcpRouteEntry[]>();
  for (const r of Object.values(v.tcpRouters)) {
    if (r.status === 'disabled' || !r.parsed) continue;
    const tls = r.config.tls;
    const route: TcpRoute = {
      router: r.name,
      service: r.config.service!,
      tls: !tls ? 'none' : tls.passthrough ? 'passthrough' : 'terminate',
      tlsOptions: tlsOptionsName(tls?.options, r.provider),
      admit: chainGates((r.config.middlewares ?? []).map(gate)),
      pick: pickers(r.config.service!).pick,
    };
    for (const ep of r.using) {
      const list = byEntryPoint.get(ep) ?? [];
      list.push({ name: r.name, priority: r.priority, match: r.parsed.match, catchAll: r.parsed.catchAll, route });
      byEntryPoint.set(ep, list);
    }
  }
  gates.sweep();
  carry.health?.store.sweep(new Set(built.keys()));
  return new Map([...byEntryPoint].map(([ep, list]) => [ep, createTcpTable(list, carry.https?.(ep), carry.acmeTlsPassthrough?.(ep) === true)]));
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
