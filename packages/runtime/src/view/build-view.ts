import type { Diagnostic, EntryPointInfo, RuntimeFeatures, RuntimeView, ServiceInfo, ServerState } from '@wharf/config';
import { splitQualified } from '@wharf/config';
import type { Generation } from '../compile/generation.js';
import type { EntryPointSpec } from '../validate/validated.js';
import { middlewareInfo, otherInfo, routerInfo, serviceInfo } from './element-info.js';

export interface ViewContext {
  entryPoints: EntryPointSpec[];
  diagnostics: Diagnostic[];
  providers: string[];
  features: RuntimeFeatures;
}

function mapValues<T, U>(rec: Record<string, T>, f: (v: T) => U): Record<string, U> {
  const out: Record<string, U> = {};
  for (const [k, v] of Object.entries(rec)) out[k] = f(v);
  return out;
}

function entryPointInfo(ep: EntryPointSpec): EntryPointInfo {
  return ep.middlewares?.length ? { name: ep.name, address: ep.address, http: { middlewares: ep.middlewares } } : { name: ep.name, address: ep.address };
}

function internalServiceInfos(gen: Generation, names: Iterable<string>): Record<string, ServiceInfo> {
  const out: Record<string, ServiceInfo> = {};
  for (const name of names) {
    const usedBy = Object.values(gen.validated.routers).filter((r) => r.config.service === name).map((r) => r.name).sort();
    if (usedBy.length === 0) continue;
    // Traefik shows internal services without a type
    out[name] = { name, provider: splitQualified(name).provider, status: 'enabled', usedBy } as unknown as ServiceInfo;
  }
  return out;
}

/** Adds live balancer state: Traefik's `serverStatus` and wharf's `health` summary. */
function withLiveHealth(gen: Generation, info: ServiceInfo): ServiceInfo {
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
  out.health = { state: compiled.health(), serversUp: up, serversTotal: servers.length, servers };
  return out;
}

/** The API's read model of one generation (recomputed per call: server health is live). */
export function buildView(gen: Generation, ctx: ViewContext): RuntimeView {
  const v = gen.validated;
  const services = { ...mapValues(v.services, (s) => withLiveHealth(gen, serviceInfo(s))), ...internalServiceInfos(gen, v.internalServices) };
  return {
    generation: gen.id,
    appliedAt: gen.appliedAt,
    entryPoints: ctx.entryPoints.map(entryPointInfo).sort((a, b) => a.name.localeCompare(b.name)),
    routers: mapValues(v.routers, routerInfo),
    services,
    middlewares: mapValues(v.middlewares, middlewareInfo),
    tcpRouters: mapValues(v.tcpRouters, otherInfo),
    tcpServices: mapValues(v.tcpServices, otherInfo),
    tcpMiddlewares: mapValues(v.tcpMiddlewares, otherInfo),
    udpRouters: mapValues(v.udpRouters, otherInfo),
    udpServices: mapValues(v.udpServices, otherInfo),
    diagnostics: ctx.diagnostics,
    providers: ctx.providers,
    features: ctx.features,
  };
}
