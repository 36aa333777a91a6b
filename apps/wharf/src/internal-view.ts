import type { MiddlewareInfo, RouterInfo, ServiceInfo } from '@wharf/config';
import type { InternalView } from '@wharf/runtime';
import type { StaticConfig } from './static/index.js';

const INTERNAL_ENTRYPOINT = 'traefik';
/** Go's math.MaxInt and the two below it, exact as text (a JavaScript number cannot hold them; Traefik's UI shows priorityStr) */
const MAX_INT = ['9223372036854775807', '9223372036854775806', '9223372036854775805'] as const;

function router(name: string, rule: string, priorityStr: string, entryPoint: string, extra: Partial<RouterInfo> = {}): RouterInfo {
  return {
    entryPoints: [entryPoint],
    ...extra,
    service: `${name}@internal`,
    rule,
    ruleSyntax: 'default',
    priority: Number(priorityStr),
    priorityStr,
    observability: { accessLogs: true, metrics: true, tracing: true, traceVerbosity: 'minimal' },
    status: 'enabled',
    using: [entryPoint],
    name: `${name}@internal`,
    provider: 'internal',
    // `ruleSyntax: default` is Traefik's spelling for its internal routers (not a user-settable value)
  } as unknown as RouterInfo;
}

const service = (name: string, usedBy: string[]): ServiceInfo =>
  // Traefik lists internal services without a type; usedBy only when a router uses them
  ({ status: 'enabled', ...(usedBy.length > 0 && { usedBy }), name: `${name}@internal`, provider: 'internal' }) as unknown as ServiceInfo;

const middleware = (name: string, key: string, options: unknown): MiddlewareInfo =>
  ({ [key]: options, status: 'enabled', usedBy: ['dashboard@internal'], name: `${name}@internal`, provider: 'internal', type: key.toLowerCase() });

/**
 * The elements Traefik's internal provider (`pkg/provider/traefik/internal.go`) creates for this
 * static configuration, as the API lists them: `noop@internal` always; `api@internal` (and
 * `dashboard@internal` with the dashboard) when the API is on; with `api.insecure` the routers
 * `api@internal` (PathPrefix(`/api`), MaxInt-1), `dashboard@internal` (PathPrefix(`/`), MaxInt-2,
 * with `dashboard_redirect@internal` and `dashboard_stripprefix@internal`) and `debug@internal`
 * (with `api.debug`); `ping@internal` / `prometheus@internal` when served on the `traefik` entrypoint.
 */
export function internalView(config: StaticConfig): InternalView {
  const routers: InternalView['routers'] = {};
  const middlewares: InternalView['middlewares'] = {};
  const used = new Map<string, string[]>();
  const add = (r: RouterInfo) => {
    routers[r.name] = r;
    used.set(r.service!, [...(used.get(r.service!) ?? []), r.name].sort());
  };
  const api = config.api;
  if (api?.insecure) {
    add(router('api', 'PathPrefix(`/api`)', MAX_INT[1], INTERNAL_ENTRYPOINT));
    if (api.dashboard) {
      add(router('dashboard', 'PathPrefix(`/`)', MAX_INT[2], INTERNAL_ENTRYPOINT, { middlewares: ['dashboard_redirect@internal', 'dashboard_stripprefix@internal'] }));
      middlewares['dashboard_redirect@internal'] = middleware('dashboard_redirect', 'redirectRegex', {
        regex: '^(http:\\/\\/(\\[[\\w:.]+\\]|[\\w\\._-]+)(:\\d+)?)\\/$', replacement: '${1}/dashboard/', permanent: true,
      });
      middlewares['dashboard_stripprefix@internal'] = middleware('dashboard_stripprefix', 'stripPrefix', { prefixes: ['/dashboard/', '/dashboard'] });
    }
    if (api.debug) add({ ...router('debug', 'PathPrefix(`/debug`)', MAX_INT[1], INTERNAL_ENTRYPOINT), service: 'api@internal' });
  }
  if (config.ping?.entryPoint === INTERNAL_ENTRYPOINT) add(router('ping', 'PathPrefix(`/ping`)', MAX_INT[0], INTERNAL_ENTRYPOINT));
  if (config.metrics.prometheus?.entryPoint === INTERNAL_ENTRYPOINT) add(router('prometheus', 'PathPrefix(`/metrics`)', MAX_INT[0], INTERNAL_ENTRYPOINT));
  const names = ['noop', ...(api ? ['api'] : []), ...(api?.dashboard ? ['dashboard'] : []), ...(config.ping ? ['ping'] : []), ...(config.metrics.prometheus ? ['prometheus'] : [])];
  const services: InternalView['services'] = {};
  for (const name of names) services[`${name}@internal`] = service(name, used.get(`${name}@internal`) ?? []);
  return { routers, middlewares, services };
}
