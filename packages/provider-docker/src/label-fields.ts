/**
 * Field tables for the label families wharf decodes (reference §1.2). Keys are matched
 * case-insensitively; `name` is the camelCase key written into the dynamic configuration.
 */
export type FieldSpec =
  | { kind: 'string' | 'number' | 'boolean' | 'list' | 'duration' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'map' }
  | { kind: 'object'; fields: Fields; presence?: boolean }
  | { kind: 'array'; item: FieldSpec }
  /** the single server of a label service: `loadbalancer.server.*` */
  | { kind: 'server'; fields: Fields };

export type Fields = Record<string, { name: string; spec: FieldSpec }>;

const s = { kind: 'string' } as const;
const n = { kind: 'number' } as const;
const b = { kind: 'boolean' } as const;
const l = { kind: 'list' } as const;
const d = { kind: 'duration' } as const;

/** `fields('rule', s, 'entryPoints', l)` → a table keyed by lower-case name. */
export function fields(...pairs: Array<string | FieldSpec>): Fields {
  const out: Fields = {};
  for (let i = 0; i < pairs.length; i += 2) {
    const name = pairs[i] as string;
    out[name.toLowerCase()] = { name, spec: pairs[i + 1] as FieldSpec };
  }
  return out;
}

export const routerFields: Fields = fields(
  'rule', s, 'ruleSyntax', { kind: 'enum', values: ['v2', 'v3'] }, 'entryPoints', l, 'middlewares', l,
  'service', s, 'priority', n,
  'tls', { kind: 'object', presence: true, fields: fields(
    'certResolver', s, 'options', s,
    'domains', { kind: 'array', item: { kind: 'object', fields: fields('main', s, 'sans', l) } },
  ) },
  'observability', { kind: 'object', fields: fields(
    'accessLogs', b, 'metrics', b, 'tracing', b, 'traceVerbosity', { kind: 'enum', values: ['minimal', 'detailed'] },
  ) },
);

const cookieFields = fields(
  'name', s, 'secure', b, 'httpOnly', b, 'sameSite', { kind: 'enum', values: ['none', 'lax', 'strict', ''] },
  'maxAge', n, 'path', s, 'domain', s,
);
const stickyFields = fields('cookie', { kind: 'object', presence: true, fields: cookieFields });

const loadBalancerFields = fields(
  'server', { kind: 'server', fields: fields('port', n, 'scheme', s, 'url', s, 'weight', n, 'preservePath', b) },
  'strategy', { kind: 'enum', values: ['wrr', 'p2c', 'leastconn', 'hrw'] },
  'passHostHeader', b,
  'responseForwarding', { kind: 'object', fields: fields('flushInterval', d) },
  'serversTransport', s,
  'sticky', { kind: 'object', presence: true, fields: stickyFields },
  'healthCheck', { kind: 'object', fields: fields(
    'path', s, 'port', n, 'interval', d, 'unhealthyInterval', d, 'timeout', d, 'scheme', s, 'hostname', s,
    'headers', { kind: 'map' }, 'followRedirects', b, 'status', n, 'method', s,
    'mode', { kind: 'enum', values: ['http', 'grpc'] }, 'rise', n, 'fall', n,
  ) },
  'passiveHealthCheck', { kind: 'object', fields: fields('failureWindow', d, 'maxFailedAttempts', n, 'maxEjectionPercent', n) },
);

export const serviceFields: Fields = fields(
  'loadBalancer', { kind: 'object', fields: loadBalancerFields },
  /** wharf: weighted (canary) services from labels, which Traefik only allows in files (#5673) */
  'weighted', { kind: 'object', fields: fields(
    'services', { kind: 'array', item: { kind: 'object', fields: fields('name', s, 'weight', n) } },
    'sticky', { kind: 'object', presence: true, fields: stickyFields },
  ) },
  'middlewares', l,
);
