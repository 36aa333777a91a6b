import type { HttpsSide } from '../l4/https-side.js';
import type { EntryPointSpec, ValidatedRouter } from '../validate/validated.js';
import { effectiveTls } from './generation-tls.js';

/**
 * Per entrypoint, the HTTPS side TCP routing must respect: the hosts of its enabled routers with
 * TLS (the same hosts that pick TLS options) and whether one has none. Entrypoints without an
 * HTTPS router are absent.
 */
export function httpsSides(routers: readonly ValidatedRouter[], entryPoints: readonly EntryPointSpec[]): Map<string, HttpsSide> {
  const out = new Map<string, { hosts: Set<string>; catchAll: boolean }>();
  for (const r of routers) {
    if (r.status === 'disabled' || !r.parsed) continue;
    const hosts = r.parsed.hostKeys ?? r.parsed.hosts ?? [];
    for (const ep of entryPoints) {
      if (!r.using.includes(ep.name) || effectiveTls(r, ep) === undefined) continue;
      let side = out.get(ep.name);
      if (!side) out.set(ep.name, (side = { hosts: new Set(), catchAll: false }));
      if (hosts.length === 0) side.catchAll = true;
      for (const h of hosts) side.hosts.add(h.toLowerCase());
    }
  }
  return new Map([...out].map(([ep, s]) => [ep, { hosts: [...s.hosts], catchAll: s.catchAll }]));
}
