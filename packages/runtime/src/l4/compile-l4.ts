import { qualify, TLS_DEFAULT_OPTIONS_NAME, type TcpConfiguration } from '@wharf/config';
import type { HttpsServerNames, TcpRoute, UdpRoute } from '../types.js';
import { addError } from '../validate/element-state.js';
import { L4Messages } from '../validate/l4-shape.js';
import type { ValidatedConfig } from '../validate/validated.js';
import { chainGates, TcpGateStore, type TcpGate } from './tcp-gates.js';
import { createPickers } from './tcp-services.js';
import { createTcpTable, isCatchAllRule, type TcpRouteEntry, type TcpTable } from './tcp-order.js';

/** Traefik qualifies a TCP router's `tls.options` with its provider at use time; `default` stays shared. */
function tlsOptionsName(options: string | undefined, provider: string): string {
  return !options || options === TLS_DEFAULT_OPTIONS_NAME ? TLS_DEFAULT_OPTIONS_NAME : qualify(options, provider);
}

export interface CompiledL4 {
  tcp(entryPoint: string): TcpTable | undefined;
  udpRoute(entryPoint: string): UdpRoute | undefined;
}

function compileTcp(
  v: ValidatedConfig,
  transports: TcpConfiguration['serversTransports'],
  gates: TcpGateStore,
  https: (entryPoint: string) => HttpsServerNames | undefined,
): Map<string, TcpTable> {
  const pickers = createPickers(v.tcpServices, transports ?? {});
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
      pick: pickers(r.config.service!),
    };
    for (const ep of r.using) {
      const list = byEntryPoint.get(ep) ?? [];
      list.push({ name: r.name, priority: r.priority, catchAll: isCatchAllRule(r.parsed.rule), match: r.parsed.match, route });
      byEntryPoint.set(ep, list);
    }
  }
  gates.sweep();
  return new Map([...byEntryPoint].map(([ep, list]) => [ep, createTcpTable(list, https(ep))]));
}

/** One UDP router per entrypoint: the first in descending name order (Traefik); the others warn. */
function compileUdp(v: ValidatedConfig): Map<string, UdpRoute> {
  const pickers = createPickers(v.udpServices, {});
  const out = new Map<string, UdpRoute>();
  const names = Object.keys(v.udpRouters).sort().reverse();
  for (const name of names) {
    const r = v.udpRouters[name]!;
    if (r.status === 'disabled') continue;
    const pick = pickers(r.config.service!);
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
 * TCP and UDP routing of one generation, compiled once, read per connection/session. `gates`
 * carries TCP middleware state from one generation to the next (a fresh store: none carried).
 * `https` gives an entrypoint's HTTPS router hosts, which go before TCP TLS routers (Traefik).
 */
export function compileL4(
  v: ValidatedConfig,
  tcp: TcpConfiguration | undefined,
  gates = new TcpGateStore(),
  https: (entryPoint: string) => HttpsServerNames | undefined = () => undefined,
): CompiledL4 {
  const tcpRoutes = compileTcp(v, tcp?.serversTransports, gates, https);
  const udpRoutes = compileUdp(v);
  return {
    tcp: (ep) => tcpRoutes.get(ep),
    udpRoute: (ep) => udpRoutes.get(ep),
  };
}
