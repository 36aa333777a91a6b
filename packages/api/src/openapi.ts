/**
 * OpenAPI 3.1 description of every endpoint the API registers (a test checks coverage).
 * Hand-written and compact: shared parameters and schemas are referenced, not repeated.
 */
type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const param = (name: string): Json => ({ $ref: `#/components/parameters/${name}` });
const json = (schema: Json): Json => ({ content: { 'application/json': { schema } } });
const errorResponse = (description: string): Json => ({ description, ...json(ref('Error')) });

function listOp(summary: string, item: string, filters: string[]): Json {
  return {
    get: {
      summary,
      parameters: [param('page'), param('per_page'), ...filters.map(param)],
      responses: {
        '200': {
          description: 'one page, filtered and sorted',
          headers: { 'X-Next-Page': { description: 'next page, or 1 on the last page', schema: { type: 'integer' } } },
          ...json({ type: 'array', items: ref(item) }),
        },
        '400': errorResponse('invalid page, per_page or filter'),
      },
    },
  };
}

function detailOp(summary: string, item: string): Json {
  return {
    get: {
      summary,
      parameters: [{ name: 'name', in: 'path', required: true, description: 'qualified name, URL-encoded', schema: { type: 'string' } }],
      responses: { '200': { description: summary, ...json(ref(item)) }, '404': errorResponse('unknown name') },
    },
  };
}

const simple = (summary: string, schema: Json, extra: Json = {}): Json => ({
  get: { summary, responses: { '200': { description: summary, ...json(schema) }, ...extra } },
});

const routerFilters = ['search', 'status', 'serviceName', 'middlewareName', 'sortBy', 'direction'];
const filters = ['search', 'status', 'sortBy', 'direction'];

function elementPaths(): Json {
  const out: Json = {};
  const kinds: Array<[string, string, string[]]> = [
    ['http/routers', 'Router', routerFilters],
    ['http/services', 'Service', [...filters, 'health']],
    ['http/middlewares', 'Middleware', filters],
    ['tcp/routers', 'Router', routerFilters],
    ['tcp/services', 'Service', filters],
    ['tcp/middlewares', 'Middleware', filters],
    ['udp/routers', 'Router', routerFilters],
    ['udp/services', 'Service', filters],
  ];
  out['/api/certificates'] = listOp('certificates (Traefik 3.7)', 'Certificate', ['search', 'status', 'sortBy', 'direction']);
  out['/api/certificates/{id}'] = {
    get: {
      summary: 'one certificate by SHA-256 fingerprint',
      parameters: [{ name: 'id', in: 'path', required: true, description: 'SHA-256 fingerprint, hex', schema: { type: 'string' } }],
      responses: { '200': { description: 'one certificate', ...json(ref('Certificate')) }, '404': errorResponse('unknown certificate') },
    },
  };
  for (const [path, item, f] of kinds) {
    out[`/api/${path}`] = listOp(`list ${path}`, item, f);
    out[`/api/${path}/{name}`] = detailOp(`one of ${path}`, item);
  }
  return out;
}

const queryParam = (name: string, description: string, schema: Json = { type: 'string' }): Json => ({
  name,
  in: 'query',
  description,
  schema,
});

const components: Json = {
  parameters: {
    page: queryParam('page', 'page number (default 1)', { type: 'integer', minimum: 1 }),
    per_page: queryParam('per_page', 'items per page (default 100)', { type: 'integer', minimum: 1 }),
    search: queryParam('search', 'case-insensitive substring of the name (routers: or the rule)'),
    status: queryParam('status', 'enabled | warning | disabled', { type: 'string', enum: ['enabled', 'warning', 'disabled'] }),
    serviceName: queryParam('serviceName', 'exact service name; without @ compares the part before @'),
    middlewareName: queryParam('middlewareName', 'exact middleware name in the router chain'),
    sortBy: queryParam('sortBy', 'column to sort by (default name)'),
    health: queryParam('health', 'wharf: services by live health', { type: 'string', enum: ['healthy', 'degraded', 'down', 'unknown'] }),
    direction: queryParam('direction', 'asc (default) or desc', { type: 'string', enum: ['asc', 'desc'] }),
  },
  schemas: {
    Error: { type: 'object', required: ['message'], properties: { message: { type: 'string' } } },
    Router: { type: 'object', description: 'RouterInfo (@wharf/config)', required: ['name', 'provider', 'status'] },
    Service: { type: 'object', description: 'ServiceInfo (@wharf/config), with serverStatus and health' },
    Middleware: { type: 'object', description: 'MiddlewareInfo (@wharf/config): options under the type key' },
    EntryPoint: { type: 'object', required: ['name', 'address'] },
    Overview: { type: 'object', required: ['http', 'tcp', 'udp', 'features', 'providers'] },
    WharfOverview: { type: 'object', description: 'Overview plus health, effectiveServices, diagnostics' },
    Diagnostic: { type: 'object', required: ['provider', 'source', 'code', 'severity', 'message'] },
    ProviderState: {
      type: 'object',
      required: ['name', 'state', 'since', 'restarts'],
      properties: {
        state: { type: 'string', enum: ['starting', 'connected', 'retrying', 'stopped'] },
        elements: { type: 'object', description: 'counts of the last snapshot: http/tcp/udp routers, services, middlewares; diagnostics' },
        lastError: { type: 'object', required: ['code', 'message', 'at'] },
      },
    },
    Certificate: { type: 'object', required: ['name', 'commonName', 'sans', 'notBefore', 'notAfter', 'serialNumber', 'status'], description: "Traefik 3.7's certificate (pkg/api/certificate.go)" },
    WharfCertificate: {
      type: 'object',
      required: ['id', 'subject', 'sans', 'issuer', 'notBefore', 'notAfter', 'serial', 'source', 'stores', 'routers', 'servedRouters', 'status', 'warnings', 'errors'],
      properties: {
        routers: { type: 'array', items: { type: 'string' }, description: 'qualified names of the HTTP and TCP routers it serves' },
        servedRouters: {
          type: 'array',
          description: 'the same routers with their protocol (an HTTP and a TCP router may share a name)',
          items: { type: 'object', required: ['protocol', 'name'], properties: { protocol: { type: 'string', enum: ['http', 'tcp'] }, name: { type: 'string' } } },
        },
        source: { type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: ['file', 'inline', 'resolver', 'default'] } } },
        status: { type: 'string', enum: ['enabled', 'warning', 'disabled'] },
      },
    },
    MatchExplanation: {
      type: 'object',
      required: ['matched', 'tried'],
      properties: { tls: ref('MatchTls') },
      description: 'HTTP answer (proto=http): router, priority, service, middlewares, server, tried, reason; tls for an https URL',
    },
    MatchTls: {
      type: 'object',
      required: ['sni', 'options'],
      properties: {
        certificate: {
          type: 'object',
          required: ['id', 'subject', 'sans', 'selectedBy'],
          properties: { selectedBy: { type: 'string', enum: ['sni', 'default'] } },
        },
        refused: { type: 'string', description: 'why the handshake is refused (sniStrict, broken or unknown options)' },
      },
    },
    TcpMatchExplanation: {
      type: 'object',
      required: ['matched', 'peeked', 'tried'],
      properties: {
        mode: { type: 'string', enum: ['passthrough', 'terminated', 'plain'] },
        tls: ref('MatchTls'),
        peeked: { type: 'boolean', description: 'false: the entrypoint has no TLS TCP routers, nothing is read first and the connection is matched as plain' },
        fallback: { type: 'string', enum: ['http'], description: 'no TCP router takes it: the HTTP(S) routers do' },
      },
    },
    Version: { type: 'object', required: ['Version', 'Codename', 'startDate'], description: 'also disableDashboardAd (boolean) and dashboardName (when set), as Traefik' },
    TrafficSnapshot: { type: 'object', required: ['at', 'slotSeconds', 'slots', 'routers', 'services', 'servers'] },
    TrafficStats: { type: 'object', required: ['at', 'servers'], description: 'servers[] (estimated in flight) and inFlight {routers, services} (exact)' },
  },
};

function wharfPaths(): Json {
  return {
    '/api/wharf/overview': simple('overview with service health counts', ref('WharfOverview')),
    '/api/wharf/diagnostics': listOp('provider diagnostics', 'Diagnostic', ['search']),
    '/api/wharf/certificates': simple('every certificate of the current generation: names, dates, source, stores, routers served, status, errors', { type: 'array', items: ref('WharfCertificate') }),
    '/api/wharf/certificates/{id}': {
      get: {
        summary: 'one certificate by SHA-256 fingerprint',
        parameters: [{ name: 'id', in: 'path', required: true, description: 'SHA-256 fingerprint, hex', schema: { type: 'string' } }],
        responses: { '200': { description: 'one certificate', ...json(ref('WharfCertificate')) }, '404': errorResponse('unknown certificate') },
      },
    },
    '/api/wharf/providers': simple('each provider: state (connected / retrying since), last snapshot, element counts, last error, restarts', { type: 'array', items: ref('ProviderState') }),
    '/api/wharf/events': {
      get: {
        summary: 'server-sent events: ready, generation, router-status, service-status, server-state, diagnostics, provider-state, traffic',
        responses: { '200': { description: 'event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } } },
      },
    },
    '/api/wharf/match': {
      get: {
        summary: 'route tester: which router, chain and server would take this request (proto=http), or which TCP router this connection (proto=tcp)',
        parameters: [
          queryParam('proto', 'http (default) or tcp', { type: 'string', enum: ['http', 'tcp'] }),
          queryParam('entryPoint', 'entry point name'),
          queryParam('url', 'http: absolute http(s) URL; https is matched against the TLS routers only'),
          queryParam('method', 'http: HTTP method (default GET)'),
          { ...queryParam('header', 'http: Name:value, repeatable', { type: 'array', items: { type: 'string' } }), explode: true },
          queryParam('clientIP', 'client address for ClientIP matchers'),
          queryParam('sni', 'the ClientHello server name (https: default the URL host; tcp: none)'),
          { ...queryParam('alpn', 'tcp: ALPN protocols, repeatable or comma-separated', { type: 'array', items: { type: 'string' } }), explode: true },
          queryParam('tls', 'tcp: the connection opens with a ClientHello (default: when sni or alpn is given)', { type: 'boolean' }),
          queryParam('postgres', 'tcp: the ClientHello follows a Postgres SSLRequest (STARTTLS): TLS TCP routers only', { type: 'boolean' }),
        ],
        responses: {
          '200': { description: 'explanation', ...json({ oneOf: [ref('MatchExplanation'), ref('TcpMatchExplanation')] }) },
          '400': errorResponse('bad url, sni, alpn, clientIP or entry point'),
        },
      },
    },
    '/api/wharf/openapi.json': simple('this document', { type: 'object' }),
    // served by the observability routes the app mounts (extraRoutes)
    '/api/wharf/traffic': {
      get: {
        summary: 'live traffic per router, service and server over the last 15 minutes (rps, p50/p95/p99, status split, error rate)',
        parameters: [queryParam('series', 'include per-slot series (default true)', { type: 'boolean' })],
        responses: { '200': { description: 'TrafficSnapshot (@wharf/config)', ...json(ref('TrafficSnapshot')) } },
      },
    },
    '/api/wharf/traffic/stats': simple('HAProxy-style stats table per server', ref('TrafficStats')),
    '/metrics': {
      get: {
        summary: 'Prometheus metrics (with --metrics.prometheus), Traefik metric names',
        responses: { '200': { description: 'text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } } },
      },
    },
  };
}

/** The document, with `servers` pointing at the API's base path. */
export function openApiDocument(basePath = '/'): Json {
  return {
    openapi: '3.1.0',
    info: { title: 'wharf API', version: '1', description: 'Traefik-compatible API plus wharf extensions under /api/wharf/' },
    servers: [{ url: basePath.replace(/\/$/, '') || '/' }],
    paths: {
      '/api/rawdata': simple('every runtime element keyed by qualified name', { type: 'object' }),
      '/api/overview': simple('counts per section, features, providers', ref('Overview')),
      '/api/version': simple('version', ref('Version')),
      '/api/entrypoints': listOp('entry points sorted by name', 'EntryPoint', []),
      '/api/entrypoints/{name}': detailOp('one entry point', 'EntryPoint'),
      ...elementPaths(),
      ...wharfPaths(),
      '/ping': simple('liveness: OK, or the terminating status while shutting down', { type: 'string' }),
      '/': { get: { summary: 'redirect to the dashboard', responses: { '302': { description: 'to dashboard/' } } } },
      '/dashboard': { get: { summary: 'redirect to dashboard/', responses: { '302': { description: 'to dashboard/' } } } },
      '/dashboard/{path}': {
        get: {
          summary: 'dashboard files; unknown paths fall back to index.html',
          parameters: [{ name: 'path', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'file' } },
        },
      },
    },
    components,
  };
}
