import type { Diagnostic, EntryPointInfo, RuntimeFeatures, RuntimeView, ServiceInfo, ServerState } from '@wharf/config';
import { summarizeHealth } from '../services/compiled-service.js';
import type { Generation } from '../compile/generation.js';
import type { EntryPointSpec } from '../validate/validated.js';
import { middlewareInfo, routerInfo, serviceInfo } from './element-info.js';
import { internalServiceInfos, withInternal, type InternalView } from './internal-view.js';
import { tcpHealthDiagnostics, tcpMiddlewareInfo, tcpRouterInfo, tcpServiceInfo, udpRouterInfo, udpServiceInfo, withTcpServerHealth } from './l4-info.js';

export interface ViewContext {
  entryPoints: EntryPointSpec[];
  diagnostics: Diagnostic[];
  providers: string[];
  features: RuntimeFeatures;
  /** Traefik's internal elements for the static configuration (constant for the runtime's life) */
  internal?: InternalView;
}

function mapValues<T, U>(rec: Record<string, T>, f: (v: T) => U): Record<string, U> {
  const out: Record<string, U> = {};
  for (const [k, v] of Object.entries(rec)) out[k] = f(v);
  return out;
}

function entryPointInfo(ep: EntryPointSpec): EntryPointInfo {
  return ep.middlewares?.length ? { name: ep.name, address: ep.address, http: { middlewares: ep.middlewares } } : { name: ep.name, address: ep.address };
}

/** Adds live balancer state: Traefik's `serverStatus` and wharf's `health` summary. */
function withLiveHealth(gen: Generation, info: ServiceInfo): ServiceInfo {
  if (info.provider === 'internal') return info;
  const compiled = info.status === 'disabled' ? undefined : gen.services.built().get(info.name);
  if (!compiled) return info;
  const servers = compiled.servers();
  const out: ServiceInfo = { ...info };
  if (info.type === 'loadbalancer') {
    const serverStatus: Record<string, ServerState> = {};
    for (const s of servers) serverStatus[s.url] = s.state;
    out.serverStatus = serverStatus;
  }
  const up = servers.filter((s) => s.state === 'UP').length;
  const state = info.type === 'loadbalancer' ? summarizeHealth(up, servers.length) : compiled.health();
  out.health = { state, serversUp: up, serversTotal: servers.length, servers };
  return out;
}

interface StaticView {
  routers: RuntimeView['routers'];
  services: RuntimeView['services'];
  middlewares: RuntimeView['middlewares'];
  tcpRouters: RuntimeView['tcpRouters'];
  tcpServices: RuntimeView['tcpServices'];
  tcpMiddlewares: RuntimeView['tcpMiddlewares'];
  udpRouters: RuntimeView['udpRouters'];
  udpServices: RuntimeView['udpServices'];
}

/**
 * Error diagnostics that name a router by qualified name (another provider's verdict on it, e.g.
 * an ACME resolver that cannot get its certificate) join that router's `error` list; the router
 * keeps serving, so `enabled` becomes `warning` (Traefik's status for a router with errors that
 * still serves). They go when the diagnostic goes (the certificate arrived).
 */
function withProviderErrors(routers: RuntimeView['routers'], diagnostics: Diagnostic[]): RuntimeView['routers'] {
  const out = { ...routers };
  for (const d of diagnostics) {
    if (d.severity !== 'error' || d.element?.kind !== 'router' || !d.element.name.includes('@')) continue;
    const router = out[d.element.name];
    if (router === undefined || router.error?.includes(d.message)) continue;
    out[d.element.name] = { ...router, status: router.status === 'enabled' ? 'warning' : router.status, error: [...(router.error ?? []), d.message] };
  }
  return out;
}

/** Per generation, the infos are immutable (computed once, frozen); only server health is live. */
const staticViews = new WeakMap<Generation, StaticView>();

function staticView(gen: Generation, internal: InternalView | undefined): StaticView {
  const hit = staticViews.get(gen);
  if (hit) return hit;
  const v = gen.validated;
  const freeze = <T extends object>(rec: Record<string, T>) => mapValues(rec, (x) => Object.freeze(x));
  const out: StaticView = {
    routers: freeze(withInternal(mapValues(v.routers, routerInfo), internal, 'routers')),
    services: freeze({ ...mapValues(v.services, serviceInfo), ...internalServiceInfos(v, internal) }),
    middlewares: freeze(withInternal(mapValues(v.middlewares, middlewareInfo), internal, 'middlewares')),
    tcpRouters: freeze(mapValues(v.tcpRouters, tcpRouterInfo)),
    tcpServices: freeze(mapValues(v.tcpServices, tcpServiceInfo)),
    tcpMiddlewares: freeze(mapValues(v.tcpMiddlewares, tcpMiddlewareInfo)),
    udpRouters: freeze(mapValues(v.udpRouters, udpRouterInfo)),
    udpServices: freeze(mapValues(v.udpServices, udpServiceInfo)),
  };
  staticViews.set(gen, out);
  return out;
}

/** The API's read model of one generation (element infos cached; server health read live per call). */
export function buildView(gen: Generation, ctx: ViewContext): RuntimeView {
  const s = staticView(gen, ctx.internal);
  const tcpServices = mapValues(s.tcpServices, (info) => withTcpServerHealth(info, gen.l4?.tcpServers(info.name)));
  const down = tcpHealthDiagnostics(tcpServices);
  return {
    generation: gen.id,
    appliedAt: gen.appliedAt,
    entryPoints: ctx.entryPoints.map(entryPointInfo).sort((a, b) => a.name.localeCompare(b.name)),
    ...s,
    routers: withProviderErrors(s.routers, ctx.diagnostics),
    middlewares: { ...s.middlewares },
    services: mapValues(s.services, (info) => withLiveHealth(gen, info)),
    tcpServices,
    diagnostics: down.length === 0 ? ctx.diagnostics : [...ctx.diagnostics, ...down],
    providers: ctx.providers,
    features: ctx.features,
  };
}
