import type { ServerHealthInfo, TcpConfiguration } from '@wharf/config';
import type { HealthRegistry, TcpServerHealth } from '@wharf/loadbalancer';
import { compareTcpRoutes, type TcpConnectionInfo, type TcpMatcher } from '@wharf/router';
import type { TcpEntryPointRoutes, TcpRoute, UdpRoute } from '../types.js';
import { addError } from '../validate/element-state.js';
import { L4Messages } from '../validate/l4-shape.js';
import type { ValidatedConfig } from '../validate/validated.js';
import { chainGates, TcpGateStore, type TcpGate } from './tcp-gates.js';
import { httpsClaims, type HttpsSide } from './https-side.js';
import type { TcpHealthStore } from './tcp-health.js';
import { createPickers } from './tcp-services.js';

interface Entry {
  name: string;
  priority: number;
  match: TcpMatcher;
  /** exactly ``HostSNI(`*`)`` */
  catchAll: boolean;
  route: TcpRoute;
}

/** ACME TLS-ALPN-01 challenges are answered by the HTTPS side, before any TCP route (Traefik) */
const ACME_TLS_ALPN = 'acme-tls/1';

export interface CompiledL4 {
  tcp(entryPoint: string): TcpEntryPointRoutes | undefined;
  udpRoute(entryPoint: string): UdpRoute | undefined;
  /** live server health of a health-checked TCP service; undefined without a check */
  tcpServers(service: string): ServerHealthInfo[] | undefined;
  /** the first probes of new servers (warm-up) */
  ready(): Array<Promise<void>>;
}

/** State carried from one generation to the next (fresh stores: nothing carried), and the HTTPS side. */
export interface L4Carry {
  /** per entrypoint, its HTTPS routers' hosts (Traefik's HTTPS-before-TCP order on a shared entrypoint) */
  https?: ReadonlyMap<string, HttpsSide>;
  gates: TcpGateStore;
  /** the health registry shared with HTTP, the store of TCP checks and the generation's signal */
  health?: { registry: HealthRegistry; store: TcpHealthStore; signal: AbortSignal };
}

/**
 * Traefik's order on an entrypoint (pkg/server/router/tcp/router.go): a plain connection goes to
 * the non-TLS routes, then HTTP. A TLS one: ACME TLS-ALPN → HTTPS; an HTTPS router naming the SNI
 * → HTTPS; the first TLS route that matches, unless it is a catch-all; an HTTPS catch-all →
 * HTTPS; that TLS catch-all; else HTTPS (its 404). `undefined` hands the connection to HTTP(S).
 */
function entryPointRoutes(list: Entry[], https: HttpsSide | undefined): TcpEntryPointRoutes {
  list.sort(compareTcpRoutes);
  const plain = list.filter((e) => e.route.tls === 'none');
  const secure = list.filter((e) => e.route.tls !== 'none');
  return {
    // Traefik reads nothing only when the entrypoint has neither TLS routes nor HTTPS routers
    plainOnly: secure.length === 0 && https === undefined,
    route(conn: TcpConnectionInfo) {
      if (!conn.tls) return plain.find((e) => e.match(conn))?.route;
      if (https && (conn.alpn.includes(ACME_TLS_ALPN) || httpsClaims(https, conn.sni))) return undefined;
      const hit = secure.find((e) => e.match(conn));
      if (hit === undefined || (hit.catchAll && https?.catchAll)) return undefined;
      return hit.route;
    },
  };
}

function compileTcp(v: ValidatedConfig, transports: TcpConfiguration['serversTransports'], carry: L4Carry, built: Map<string, TcpServerHealth>): Map<string, Entry[]> {
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
      list.push({ name: r.name, priority: r.priority, match: r.parsed.match, catchAll: r.parsed.catchAll, route });
      byEntryPoint.set(ep, list);
    }
  }
  gates.sweep();
  carry.health?.store.sweep(new Set(built.keys()));
  return byEntryPoint;
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
  const entries = compileTcp(v, tcp?.serversTransports, carry, health);
  const tcpRoutes = new Map([...entries].map(([ep, list]) => [ep, entryPointRoutes(list, carry.https?.get(ep))]));
  const udpRoutes = compileUdp(v);
  return {
    tcp: (ep) => tcpRoutes.get(ep),
    udpRoute: (ep) => udpRoutes.get(ep),
    tcpServers: (service) => health.get(service)?.servers(),
    ready: () => [...health.values()].map((h) => h.ready()),
  };
}
