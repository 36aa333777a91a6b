import { qualify, splitQualified, type RouterConfig } from '@wharf/config';
import type { EntryPointSpec } from './validated.js';

/** Traefik's entrypoint model: an entrypoint with `http.middlewares` or `http.tls` has one. */
const hasModel = (ep: EntryPointSpec): boolean => (ep.middlewares?.length ?? 0) > 0 || ep.tls !== undefined;

/**
 * Traefik's `applyModel` (`pkg/server/aggregator.go`): each router is split by entrypoint. On an
 * entrypoint with a model the router gets a copy bound to that entrypoint alone, with the model's
 * `tls` when it has none of its own and the model's middlewares (qualified in the router's
 * provider) prepended; the copy is named `<ep>-<router>` when the router lists several
 * entrypoints, else keeps its name. Entrypoints without a model stay on the original router.
 * Routers without entryPoints are first bound to `defaults` (Traefik's defaultEntryPoints).
 * Unknown entrypoints have no model: they stay on the original, whose validation reports them.
 */
export function applyEntryPointModels(routers: Record<string, RouterConfig | undefined>, entryPoints: EntryPointSpec[], defaults: string[]): Record<string, RouterConfig | undefined> {
  const models = new Map(entryPoints.filter(hasModel).map((ep) => [ep.name, ep]));
  if (models.size === 0) return routers;
  const out: Record<string, RouterConfig | undefined> = {};
  for (const [name, router] of Object.entries(routers)) {
    const listed = Array.isArray(router?.entryPoints) ? router.entryPoints : [];
    const eps = listed.length > 0 ? listed : defaults;
    if (router === undefined || !eps.some((ep) => models.has(ep))) {
      out[name] = router;
      continue;
    }
    const provider = splitQualified(name).provider;
    const plain: string[] = [];
    for (const ep of eps) {
      const model = models.get(ep);
      if (model === undefined) {
        plain.push(ep);
        continue;
      }
      const middlewares = [...(model.middlewares ?? []).map((m) => qualify(m, provider)), ...(router.middlewares ?? [])];
      const copy: RouterConfig = { ...router, entryPoints: [ep], ...(middlewares.length > 0 ? { middlewares } : {}) };
      if (copy.tls === undefined && model.tls !== undefined) copy.tls = model.tls;
      out[eps.length > 1 ? `${ep}-${name}` : name] = copy;
    }
    if (plain.length > 0) out[name] = { ...router, entryPoints: plain };
  }
  return out;
}
