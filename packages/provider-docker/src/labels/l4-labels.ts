import type { TcpHealthCheck, TcpMiddlewareConfig, TcpRouterConfig, UdpRouterConfig } from '@wharf/config';

/** The one server a TCP/UDP label service declares; the address is filled from the container. */
export interface L4LabelService {
  port?: number;
  tls?: boolean;
  serversTransport?: string;
  proxyProtocol?: { version: number };
  terminationDelay?: number;
  healthCheck?: TcpHealthCheck;
}

export interface L4LabelSet {
  tcp: { routers: Record<string, TcpRouterConfig>; services: Record<string, L4LabelService>; middlewares: Record<string, TcpMiddlewareConfig> };
  udp: { routers: Record<string, UdpRouterConfig>; services: Record<string, L4LabelService> };
  /** keys that are not Traefik TCP/UDP labels, or whose values are invalid */
  rejected: Array<{ key: string; message: string }>;
}

const list = (v: string): string[] => v.split(',').map((s) => s.trim()).filter((s) => s !== '');
const bool = (v: string): boolean | undefined => (/^true$/i.test(v) ? true : /^false$/i.test(v) ? false : undefined);
const int = (v: string): number | undefined => (/^-?\d{1,15}$/.test(v.trim()) ? Number(v) : undefined);

type Setter<T> = (target: T, value: string, index?: number) => boolean;

const ROUTER_FIELDS: Record<string, Setter<TcpRouterConfig>> = {
  'entrypoints': (r, v) => ((r.entryPoints = list(v)), true),
  'rule': (r, v) => ((r.rule = v), true),
  'service': (r, v) => ((r.service = v), true),
  'priority': (r, v) => ((r.priority = int(v)) !== undefined),
  'middlewares': (r, v) => ((r.middlewares = list(v)), true),
  'tls': (r, v) => {
    const b = bool(v);
    if (b) r.tls ??= {};
    return b !== undefined;
  },
  'tls.passthrough': (r, v) => ((r.tls ??= {}).passthrough = bool(v)) !== undefined,
  'tls.options': (r, v) => (((r.tls ??= {}).options = v), true),
  'tls.certresolver': (r, v) => (((r.tls ??= {}).certResolver = v), true),
  'tls.domains.main': (r, v, i = 0) => ((((r.tls ??= {}).domains ??= [])[i] ??= {}).main = v, true),
  'tls.domains.sans': (r, v, i = 0) => ((((r.tls ??= {}).domains ??= [])[i] ??= {}).sans = list(v), true),
};

const SERVICE_FIELDS: Record<string, Setter<L4LabelService>> = {
  'loadbalancer.server.port': (s, v) => ((s.port = int(v)) !== undefined && s.port > 0 && s.port < 65536),
  'loadbalancer.server.tls': (s, v) => (s.tls = bool(v)) !== undefined,
  'loadbalancer.serverstransport': (s, v) => ((s.serversTransport = v), true),
  'loadbalancer.proxyprotocol.version': (s, v) => {
    const n = int(v);
    if (n !== 1 && n !== 2) return false;
    s.proxyProtocol = { version: n };
    return true;
  },
  'loadbalancer.terminationdelay': (s, v) => (s.terminationDelay = int(v)) !== undefined,
  // Traefik's TCPServerHealthCheck (`label:"allowEmpty"`: `…healthcheck=true` turns on the defaults)
  'loadbalancer.healthcheck': (s, v) => {
    const b = bool(v);
    if (b) s.healthCheck ??= {};
    return b !== undefined;
  },
  'loadbalancer.healthcheck.port': (s, v) => {
    const n = int(v);
    if (n === undefined || n < 0 || n > 65535) return false;
    (s.healthCheck ??= {}).port = n;
    return true;
  },
  'loadbalancer.healthcheck.send': (s, v) => (((s.healthCheck ??= {}).send = v), true),
  'loadbalancer.healthcheck.expect': (s, v) => (((s.healthCheck ??= {}).expect = v), true),
  'loadbalancer.healthcheck.interval': (s, v) => (((s.healthCheck ??= {}).interval = v), true),
  'loadbalancer.healthcheck.unhealthyinterval': (s, v) => (((s.healthCheck ??= {}).unhealthyInterval = v), true),
  'loadbalancer.healthcheck.timeout': (s, v) => (((s.healthCheck ??= {}).timeout = v), true),
};

const MIDDLEWARE_FIELDS: Record<string, Setter<TcpMiddlewareConfig>> = {
  'ipallowlist.sourcerange': (m, v) => ((m.ipAllowList = { sourceRange: list(v) }), true),
  'ipwhitelist.sourcerange': (m, v) => ((m.ipWhiteList = { sourceRange: list(v) }), true),
  'inflightconn.amount': (m, v) => ((m.inFlightConn = { amount: int(v) ?? Number.NaN }), int(v) !== undefined),
};

const KEY = /^(tcp|udp)\.(routers|services|middlewares)\.([^.[\]]+)\.(.+)$/;

/**
 * `<prefix>.tcp.*` and `<prefix>.udp.*` labels (case-insensitive keys, Traefik's names) into the
 * TCP/UDP model; unknown keys and bad values are rejected one by one, the rest is kept.
 */
export function decodeL4Labels(labels: Record<string, string>, prefix: string): L4LabelSet {
  const out: L4LabelSet = { tcp: { routers: {}, services: {}, middlewares: {} }, udp: { routers: {}, services: {} }, rejected: [] };
  const p = `${prefix.toLowerCase()}.`;
  for (const [key, value] of Object.entries(labels)) {
    if (!key.toLowerCase().startsWith(p)) continue;
    const m = KEY.exec(key.slice(p.length));
    if (!m) {
      if (/^(tcp|udp)\./i.test(key.slice(p.length))) out.rejected.push({ key, message: `unknown label ${key}` });
      continue;
    }
    const protocol = m[1]!.toLowerCase() as 'tcp' | 'udp';
    const section = m[2]!.toLowerCase();
    const name = m[3]!;
    if (name === '__proto__' || name === 'constructor' || name === 'prototype') {
      out.rejected.push({ key, message: `invalid element name ${name} in ${key}` });
      continue;
    }
    const indexed = /^(.*)\[(\d{1,3})\](.*)$/.exec(m[4]!.toLowerCase());
    const field = indexed ? `${indexed[1]}${indexed[3]}` : m[4]!.toLowerCase();
    const index = indexed ? Number(indexed[2]) : undefined;
    const ok = apply(out, protocol, section, name, field, value, index);
    if (ok === undefined) out.rejected.push({ key, message: `unknown label ${key}` });
    else if (!ok) out.rejected.push({ key, message: `invalid value ${JSON.stringify(value)} for ${key}` });
  }
  return out;
}

function apply(out: L4LabelSet, protocol: 'tcp' | 'udp', section: string, name: string, field: string, value: string, index?: number): boolean | undefined {
  if (section === 'routers') {
    if (protocol === 'udp' && field !== 'entrypoints' && field !== 'service') return undefined;
    const setter = Object.hasOwn(ROUTER_FIELDS, field) ? ROUTER_FIELDS[field] : undefined;
    const routers = out[protocol].routers as Record<string, TcpRouterConfig>;
    return setter ? setter((routers[name] ??= {}), value, index) : undefined;
  }
  if (section === 'services') {
    if (protocol === 'udp' && field !== 'loadbalancer.server.port') return undefined;
    const setter = Object.hasOwn(SERVICE_FIELDS, field) ? SERVICE_FIELDS[field] : undefined;
    return setter ? setter((out[protocol].services[name] ??= {}), value) : undefined;
  }
  if (protocol === 'udp') return undefined;
  const setter = Object.hasOwn(MIDDLEWARE_FIELDS, field) ? MIDDLEWARE_FIELDS[field] : undefined;
  return setter ? setter((out.tcp.middlewares[name] ??= {}), value) : undefined;
}
