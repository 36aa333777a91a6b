import { qualify } from '@wharf/config';
import type { TcpConfiguration, TcpRouterConfig, TcpServiceConfig, UdpConfiguration, UdpRouterConfig, UdpServiceConfig, WeightedChild } from '@wharf/config';

type Rec<T> = Record<string, T>;

function keys<T>(rec: Rec<T> | undefined, provider: string, map: (v: T) => T): Rec<T> {
  const out: Rec<T> = {};
  for (const [name, value] of Object.entries(rec ?? {})) {
    out[qualify(name, provider)] = value !== null && typeof value === 'object' ? map(value) : value;
  }
  return out;
}

const ref = (name: unknown, provider: string): unknown => (typeof name === 'string' && name !== '' ? qualify(name, provider) : name);

function children(list: WeightedChild[] | undefined, provider: string): WeightedChild[] | undefined {
  return Array.isArray(list) ? list.map((c) => (c && typeof c === 'object' ? { ...c, name: ref(c.name, provider) as string } : c)) : list;
}

function router<R extends TcpRouterConfig | UdpRouterConfig>(r: R, provider: string): R {
  const out: R = { ...r };
  if (r.service !== undefined) out.service = ref(r.service, provider) as string;
  if ('middlewares' in r && Array.isArray(r.middlewares)) {
    (out as TcpRouterConfig).middlewares = r.middlewares.map((m) => ref(m, provider) as string);
  }
  // `tls.options` stays as written (the API shows it so, as Traefik); compile-l4 qualifies it
  return out;
}

function service<S extends TcpServiceConfig | UdpServiceConfig>(s: S, provider: string): S {
  const out: S = { ...s };
  const lb = (s as TcpServiceConfig).loadBalancer;
  if (lb && typeof lb === 'object' && lb.serversTransport) {
    (out as TcpServiceConfig).loadBalancer = { ...lb, serversTransport: ref(lb.serversTransport, provider) as string };
  }
  if (s.weighted && typeof s.weighted === 'object') out.weighted = { ...s.weighted, services: children(s.weighted.services, provider) };
  return out;
}

/** `tcp:` qualified: names, router.service/middlewares, weighted children, serversTransport. */
export function qualifyTcp(tcp: TcpConfiguration, provider: string): TcpConfiguration {
  const out: TcpConfiguration = {
    routers: keys(tcp.routers, provider, (r) => router(r, provider)),
    services: keys(tcp.services, provider, (s) => service(s, provider)),
    middlewares: keys(tcp.middlewares, provider, (m) => m),
  };
  if (tcp.serversTransports) out.serversTransports = keys(tcp.serversTransports, provider, (t) => t);
  return out;
}

export function qualifyUdp(udp: UdpConfiguration, provider: string): UdpConfiguration {
  return {
    routers: keys(udp.routers, provider, (r) => router(r, provider)),
    services: keys(udp.services, provider, (s) => service(s, provider)),
  };
}
