/**
 * Traefik static options wharf knows and does not implement. A Traefik user's command line,
 * environment or file should start wharf unchanged where it safely can: an option that only
 * adds something wharf lacks (HTTP/3, tracing, another metrics backend) is ignored with a
 * warning that says what is missing; one without which the configuration means something else
 * (a DNS-01 resolver, a provider whose routers would all be missing) stops start-up with that
 * reason, instead of the generic "unknown flag" that a typo gets.
 */
export interface UnsupportedOption {
  /** lower-case dotted path; `*` is any one name (an entrypoint, a resolver); sub-keys included */
  path: string;
  reason: string;
  /** true: start-up stops (`WHARF_STATIC_UNSUPPORTED`); false: ignored with a warning */
  refuse: boolean;
}

const ignored = (path: string, reason: string): UnsupportedOption => ({ path, reason, refuse: false });
const refused = (path: string, reason: string): UnsupportedOption => ({ path, reason, refuse: true });
const PROVIDER_MISSING = 'is a Traefik provider wharf does not have: its routers and services would be missing (wharf has docker, swarm, file, dns, etcd and redis)';

export const TRAEFIK_OPTIONS_NOT_IMPLEMENTED: readonly UnsupportedOption[] = [
  ignored('entrypoints.*.http3', 'HTTP/3 (QUIC) is not served (Node has no QUIC server); clients use HTTP/2 or HTTP/1.1 on the same port'),
  ignored('entrypoints.*.reuseport', 'SO_REUSEPORT is not set (Node 20 cannot); one wharf process binds the port'),
  ignored('tracing', 'tracing is not implemented: no spans are exported (the access log and Prometheus metrics are)'),
  ignored('metrics.datadog', 'only Prometheus metrics are exported (metrics.prometheus)'),
  ignored('metrics.statsd', 'only Prometheus metrics are exported (metrics.prometheus)'),
  ignored('metrics.influxdb2', 'only Prometheus metrics are exported (metrics.prometheus)'),
  ignored('metrics.otlp', 'only Prometheus metrics are exported (metrics.prometheus)'),
  ignored('log.nocolor', 'wharf\'s log has no colours'),
  ignored('hostresolver', 'Traefik v2\'s CNAME flattening: wharf resolves names with the system resolver'),
  ignored('experimental', 'experimental features and plugins are not available: routers using a plugin middleware are disabled with an error'),
  ...['log.maxsize', 'log.maxage', 'log.maxbackups', 'log.compress'].map((p) => ignored(p, 'wharf does not rotate its log file (rotate it outside, e.g. logrotate with copytruncate)')),
  ignored('log.otlp', 'OpenTelemetry log export is not implemented'),
  ignored('accesslog.otlp', 'OpenTelemetry access-log export is not implemented'),
  ignored('accesslog.dualoutput', 'the access log goes to accessLog.filePath only, not also to stdout'),
  ignored('accesslog.addinternals', 'requests to the API, dashboard and ping are not in the access log (they are served beside the proxy)'),
  ignored('metrics.addinternals', 'requests to the API, dashboard and ping are not in the metrics (they are served beside the proxy)'),
  ignored('metrics.prometheus.headerlabels', 'labels from request headers are not added to the metrics'),
  ignored('ocsp', 'OCSP stapling is not done'),
  ignored('providers.file.debugloggeneratedtemplate', 'a debug option of Traefik\'s Go templates: nothing to log'),
  ignored('entrypoints.*.observability', 'per-entrypoint observability defaults are not applied: access log and metrics follow the global settings'),
  ignored('entrypoints.*.http2.maxdecoderheadertablesize', 'the HPACK tables stay at 4096 bytes (Node\'s and Traefik\'s default)'),
  ignored('entrypoints.*.http2.maxencoderheadertablesize', 'the HPACK tables stay at 4096 bytes (Node\'s and Traefik\'s default)'),
  ignored('entrypoints.*.http.encodequerysemicolons', 'semicolons in the query are forwarded as sent, never encoded'),
  ignored('tcpserverstransport', 'no static default for TCP services: they use their own serversTransport or wharf\'s defaults (dial timeout 30 s, system roots)'),
  ignored('certificatesresolvers.*.acme.profile', 'ACME profiles are not requested: the CA issues its default profile'),
  ignored('certificatesresolvers.*.acme.certificatetimeout', 'each CA request is bounded by clientTimeout instead'),
  ignored('certificatesresolvers.*.acme.clientresponseheadertimeout', 'each CA request is bounded by clientTimeout instead'),
  refused('certificatesresolvers.*.acme.dnschallenge', 'the DNS-01 challenge is not implemented yet: use httpChallenge or tlsChallenge (wildcard certificates need DNS-01)'),
  ...['kubernetescrd', 'kubernetesingress', 'kubernetesingressnginx', 'kubernetesgateway', 'knative', 'consulcatalog', 'consul', 'zookeeper', 'nomad', 'ecs', 'http', 'rest', 'plugin']
    .map((p) => refused(`providers.${p}`, `providers.${p} ${PROVIDER_MISSING}`)),
  refused('providers.redis.sentinel', 'Redis Sentinel is not supported: point providers.redis.endpoints at the master'),
  refused('certificatesresolvers.*.tailscale', 'Tailscale certificate resolvers are not supported'),
  // upstream TLS would not be checked against the SPIFFE identities the user asked for
  refused('spiffe', 'SPIFFE is not supported'),
  refused('serverstransport.spiffe', 'SPIFFE is not supported: upstream TLS would not be checked against SPIFFE identities'),
];

/** The table entry for a path given as lower-case steps, when one covers it (the path or a parent). */
export function unsupportedOption(steps: readonly string[]): UnsupportedOption | undefined {
  return TRAEFIK_OPTIONS_NOT_IMPLEMENTED.find((o) => {
    const pattern = o.path.split('.');
    return pattern.length <= steps.length && pattern.every((p, i) => p === '*' || p === steps[i]!.toLowerCase());
  });
}

export interface UnsupportedNotice {
  option: UnsupportedOption;
  /** where the user wrote it: `--entrypoints.web.http3`, `TRAEFIK_TRACING`, `traefik.yml:4:3` */
  where: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** First leaf under `value` (an origin is recorded per assigned leaf), as a dotted path in the tree's spelling. */
function firstLeaf(path: string, value: unknown): string {
  if (!isObject(value)) return path;
  const [key] = Object.keys(value);
  return key === undefined ? path : firstLeaf(`${path}.${key}`, value[key]);
}

/**
 * Takes every table entry out of the merged tree (in place) before it is decoded, so the schema
 * never calls them unknown; `describe(path)` names where each came from.
 */
export function takeUnsupported(tree: Record<string, unknown>, describe: (path: string) => string): UnsupportedNotice[] {
  const notices: UnsupportedNotice[] = [];
  const walk = (node: Record<string, unknown>, steps: string[]): void => {
    for (const key of Object.keys(node)) {
      const here = [...steps, key];
      const option = unsupportedOption(here);
      if (option !== undefined) {
        notices.push({ option, where: describe(firstLeaf(here.join('.'), node[key])) });
        delete node[key];
      } else if (isObject(node[key])) walk(node[key], here);
    }
  };
  walk(tree, []);
  return notices;
}
