import { qualify } from '@wharf/config';
import { qualifyTcp, qualifyUdp } from './qualify-l4.js';
import type { DynamicConfig, MiddlewareConfig, RouterConfig, ServiceConfig } from '@wharf/config';

type Rec<T> = Record<string, T>;

function qualifyKeys<T>(rec: Rec<T> | undefined, provider: string, map: (v: T) => T = (v) => v): Rec<T> {
  const out: Rec<T> = {};
  for (const [name, value] of Object.entries(rec ?? {})) out[qualify(name, provider)] = value !== null && typeof value === 'object' ? map(value) : value;
  return out;
}

function qualifyList(names: string[] | undefined, provider: string): string[] | undefined {
  return names?.map((n) => qualify(n, provider));
}

function qualifyRouter(r: RouterConfig, provider: string): RouterConfig {
  const out: RouterConfig = { ...r };
  if (r.service !== undefined && r.service !== '') out.service = qualify(r.service, provider);
  if (r.middlewares) out.middlewares = qualifyList(r.middlewares, provider);
  return out;
}

function qualifyService(s: ServiceConfig, provider: string): ServiceConfig {
  const out: ServiceConfig = { ...s };
  if (s.middlewares) out.middlewares = qualifyList(s.middlewares, provider);
  if (s.loadBalancer?.serversTransport) {
    out.loadBalancer = { ...s.loadBalancer, serversTransport: qualify(s.loadBalancer.serversTransport, provider) };
  }
  if (s.weighted) {
    out.weighted = { ...s.weighted, services: s.weighted.services?.map((c) => ({ ...c, name: qualify(c.name, provider) })) };
  }
  if (s.mirroring) {
    const m = s.mirroring;
    out.mirroring = { ...m, mirrors: m.mirrors?.map((c) => ({ ...c, name: qualify(c.name, provider) })) };
    if (m.service) out.mirroring.service = qualify(m.service, provider);
  }
  if (s.failover) {
    const f = s.failover;
    out.failover = { ...f };
    if (f.service) out.failover.service = qualify(f.service, provider);
    if (f.fallback) out.failover.fallback = qualify(f.fallback, provider);
  }
  return out;
}

function qualifyMiddleware(m: MiddlewareConfig, provider: string): MiddlewareConfig {
  const out: MiddlewareConfig = {};
  for (const [key, raw] of Object.entries(m)) {
    const lower = key.toLowerCase();
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      out[key] = raw;
    } else if (lower === 'chain') {
      const opts = raw as Record<string, unknown>;
      const list = opts['middlewares'];
      out[key] = Array.isArray(list) ? { ...opts, middlewares: list.map((n) => (typeof n === 'string' ? qualify(n, provider) : n)) } : opts;
    } else if (lower === 'errors') {
      const opts = raw as Record<string, unknown>;
      const svc = opts['service'];
      out[key] = typeof svc === 'string' && svc !== '' ? { ...opts, service: qualify(svc, provider) } : opts;
    } else {
      out[key] = raw;
    }
  }
  return out;
}

/**
 * Qualifies every element name `name@provider` and every reference without `@` into that
 * provider (router.service, router.middlewares, service.middlewares, composite children,
 * chain middlewares, errors.service). Names that already carry `@` are kept as written.
 */
export function qualifyConfig(config: DynamicConfig, provider: string): DynamicConfig {
  const http = config?.http ?? { routers: {}, services: {}, middlewares: {} };
  const out: DynamicConfig = {
    http: {
      routers: qualifyKeys(http.routers, provider, (r) => qualifyRouter(r, provider)),
      services: qualifyKeys(http.services, provider, (s) => qualifyService(s, provider)),
      middlewares: qualifyKeys(http.middlewares, provider, (m) => qualifyMiddleware(m, provider)),
    },
  };
  if (http.serversTransports) out.http.serversTransports = qualifyKeys(http.serversTransports, provider);
  if (config.tcp) out.tcp = qualifyTcp(config.tcp, provider);
  if (config.udp) out.udp = qualifyUdp(config.udp, provider);
  if (config.tls) out.tls = qualifyTls(config.tls, provider);
  return out;
}

/** Option sets become `name@provider` (Traefik's); `default` is never qualified. */
function qualifyTls(tls: NonNullable<DynamicConfig['tls']>, provider: string): NonNullable<DynamicConfig['tls']> {
  if (!tls.options) return tls;
  const options: NonNullable<typeof tls.options> = {};
  for (const [name, set] of Object.entries(tls.options)) options[name === 'default' ? name : name.includes('@') ? name : `${name}@${provider}`] = set;
  return { ...tls, options };
}
