import type { MiddlewareInfo, RouterInfo, ServiceInfo } from '@wharf/config';
import { defaultStrategy } from '@wharf/loadbalancer';
import type { ElementState } from '../validate/element-state.js';
import type { ValidatedMiddleware, ValidatedRouter, ValidatedService } from '../validate/validated.js';

function statusFields(s: ElementState): { status: ElementState['status']; error?: string[] } {
  return s.errors.length > 0 ? { status: s.status, error: [...s.errors] } : { status: s.status };
}

/** Traefik's RouterInfo: the config, computed priority, bound entrypoints and status. */
export function routerInfo(r: ValidatedRouter): RouterInfo {
  const entryPoints = r.config.entryPoints && r.config.entryPoints.length > 0 ? r.config.entryPoints : r.using;
  const tls = r.config.tls ? { ...r.config.tls, options: r.config.tls.options || 'default' } : undefined;
  return {
    ...r.config,
    ...(tls && { tls }),
    entryPoints,
    ...statusFields(r),
    using: r.using,
    priority: r.priority,
    priorityStr: String(r.priority),
    name: r.name,
    provider: r.provider,
  };
}

/** Traefik's ServiceInfo without live fields (serverStatus/health are added per view). */
export function serviceInfo(s: ValidatedService): ServiceInfo {
  const config = { ...s.config };
  if (config.loadBalancer) {
    const lb = config.loadBalancer;
    config.loadBalancer = {
      ...lb,
      strategy: lb.strategy ?? defaultStrategy,
      passHostHeader: lb.passHostHeader ?? true,
      responseForwarding: { ...lb.responseForwarding, flushInterval: lb.responseForwarding?.flushInterval ?? '100ms' },
    };
  }
  return { ...config, ...statusFields(s), usedBy: s.usedBy, name: s.name, provider: s.provider, type: s.kind ?? 'loadbalancer' };
}

/** Traefik's MiddlewareInfo: `{ <typeKey>: options, type: lower-case key, … }`. */
export function middlewareInfo(m: ValidatedMiddleware): MiddlewareInfo {
  const key = m.definition?.key ?? m.key;
  const info: MiddlewareInfo = { ...statusFields(m), usedBy: m.usedBy, name: m.name, provider: m.provider, type: (key ?? '').toLowerCase() };
  if (key !== undefined) info[key] = m.options ?? m.config[m.key ?? key];
  return info;
}
