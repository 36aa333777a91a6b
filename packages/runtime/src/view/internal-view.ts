import type { MiddlewareInfo, RouterInfo, RuntimeView, ServiceInfo } from '@wharf/config';
import { splitQualified } from '@wharf/config';
import type { ValidatedConfig } from '../validate/validated.js';

/**
 * What Traefik's internal provider lists for the static configuration (`api@internal`,
 * `dashboard@internal`, `noop@internal`, …): wharf serves these itself (the `traefik` entrypoint
 * is its own server), so they are shown, not compiled. Built once by the composition root.
 */
export interface InternalView {
  routers: Record<string, RouterInfo>;
  middlewares: Record<string, MiddlewareInfo>;
  services: Record<string, ServiceInfo>;
}

const sortedUnion = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])].sort();

/**
 * The internal services to list: those of `internal` (always, as Traefik), and the other
 * internal services user routers use; `usedBy` joins the internal routers and the user's.
 */
export function internalServiceInfos(v: ValidatedConfig, internal: InternalView | undefined): Record<string, ServiceInfo> {
  const out: Record<string, ServiceInfo> = {};
  const users = (name: string) => Object.values(v.routers).filter((r) => r.config.service === name).map((r) => r.name);
  for (const [name, info] of Object.entries(internal?.services ?? {})) {
    // Traefik omits an empty usedBy (noop@internal)
    const usedBy = sortedUnion(info.usedBy ?? [], users(name));
    out[name] = (usedBy.length > 0 ? { ...info, usedBy } : info) as ServiceInfo;
  }
  for (const name of v.internalServices) {
    if (out[name]) continue;
    const usedBy = users(name).sort();
    if (usedBy.length === 0) continue;
    // Traefik shows internal services without a type
    out[name] = { name, provider: splitQualified(name).provider, status: 'enabled', usedBy } as unknown as ServiceInfo;
  }
  return out;
}

/** The user's elements win a name clash (an `@internal` name from a provider cannot happen: names are qualified by their provider). */
export function withInternal<K extends 'routers' | 'middlewares'>(rec: RuntimeView[K], internal: InternalView | undefined, key: K): RuntimeView[K] {
  const extra = internal?.[key];
  return extra === undefined || Object.keys(extra).length === 0 ? rec : ({ ...extra, ...rec } as RuntimeView[K]);
}
