import { qualify, TLS_DEFAULT_OPTIONS_NAME, type RouterTlsConfig } from '@wharf/config';
import { TLS_OPTIONS_CONFLICT, TLS_OPTIONS_NO_DOMAIN } from '@wharf/tls';
import { addError } from './element-state.js';
import { Messages } from './messages.js';
import type { ValidatedRouter } from './validated.js';

/** One router that lost an entrypoint to a conflict, and the copy that serves it there. */
export interface TlsOptionConflict {
  code: typeof TLS_OPTIONS_CONFLICT | typeof TLS_OPTIONS_NO_DOMAIN;
  entryPoint: string;
  router: string;
  /** `<ep>-conflicted-<router>`: serves `entryPoint` with the default options */
  copy: string;
  message: string;
}

/** `tls.options` as Traefik resolves it: `default` stays unqualified, other names get the router's provider. */
export function resolvedOptionsName(tls: RouterTlsConfig, provider: string): string {
  const name = tls.options;
  if (name === undefined || name === '' || name === TLS_DEFAULT_OPTIONS_NAME) return TLS_DEFAULT_OPTIONS_NAME;
  return qualify(name, provider);
}

/** Traefik's name for the copy (`ep-conflicted-name@provider`). */
const conflictedName = (entryPoint: string, router: string): string => `${entryPoint}-conflicted-${router}`;

/** a few router names: a message stays short when thousands of routers share a host */
const NAMES_SHOWN = 3;
const namesOf = (names: readonly string[]): string =>
  names.length <= NAMES_SHOWN ? names.join(', ') : `${names.slice(0, NAMES_SHOWN).join(', ')} and ${names.length - NAMES_SHOWN} more`;

/**
 * The conflicting routers of one entrypoint (Traefik's `findConflictingRouters`): every router of
 * a host that routers with different resolved options serve, and every router with non-default
 * options and no `Host` (SNI cannot pick them). Routers whose rule did not parse take no part.
 */
function findConflicts(ep: string, routers: readonly ValidatedRouter[]): Map<string, TlsOptionConflict> {
  const found = new Map<string, TlsOptionConflict>();
  const byHost = new Map<string, Map<string, string[]>>();
  for (const r of routers) {
    const options = r.tlsOptions!;
    const domains = r.parsed!.domains ?? [];
    if (domains.length === 0) {
      if (options !== TLS_DEFAULT_OPTIONS_NAME) found.set(r.name, { code: TLS_OPTIONS_NO_DOMAIN, entryPoint: ep, router: r.name, copy: conflictedName(ep, r.name), message: Messages.tlsOptionsNoDomain(r.name, options, ep) });
      continue;
    }
    for (const host of domains) {
      let groups = byHost.get(host);
      if (groups === undefined) byHost.set(host, (groups = new Map()));
      const names = groups.get(options);
      if (names === undefined) groups.set(options, [r.name]);
      else names.push(r.name);
    }
  }
  for (const [host, groups] of byHost) {
    if (groups.size < 2) continue;
    const involved = [...groups].map(([options, names]) => `${namesOf(names)}: ${options}`).join('; ');
    for (const name of [...groups.values()].flat()) {
      if (found.has(name)) continue;
      found.set(name, { code: TLS_OPTIONS_CONFLICT, entryPoint: ep, router: name, copy: conflictedName(ep, name), message: Messages.tlsOptionsConflict(ep, host, involved) });
    }
  }
  return found;
}

/**
 * Traefik's `resolveHTTPTLSOptions` (`pkg/server/aggregator.go`), on the validated routers: each
 * TLS router gets its resolved option set (`tlsOptions`). Per entrypoint, a conflicting router
 * (see findConflicts) loses that entrypoint, and a copy named `<ep>-conflicted-<router>` bound to
 * it alone serves it with the `default` options; the router goes when it has no entrypoint left.
 * Unlike Traefik, which only logs, the copy and the router carry a warning. Sets `tlsOptions` on
 * the given routers (fresh per validation) but never changes their `config`, which the router
 * memo shares with the next generation: copies and kept parts get their own.
 */
export function resolveTlsOptionConflicts(routers: Record<string, ValidatedRouter>): { routers: Record<string, ValidatedRouter>; conflicts: TlsOptionConflict[] } {
  const byEntryPoint = new Map<string, ValidatedRouter[]>();
  for (const r of Object.values(routers)) {
    if (r.config.tls === undefined) continue;
    r.tlsOptions = resolvedOptionsName(r.config.tls, r.provider);
    if (!r.parsed) continue;
    for (const ep of r.using) {
      const list = byEntryPoint.get(ep);
      if (list === undefined) byEntryPoint.set(ep, [r]);
      else list.push(r);
    }
  }
  const conflicts = [...byEntryPoint].flatMap(([ep, list]) => [...findConflicts(ep, list).values()]);
  const lost = new Map<string, TlsOptionConflict[]>();
  for (const c of conflicts) {
    const mine = lost.get(c.router);
    if (mine === undefined) lost.set(c.router, [c]);
    else mine.push(c);
  }
  if (conflicts.length === 0) return { routers, conflicts };
  const out: Record<string, ValidatedRouter> = {};
  for (const [name, r] of Object.entries(routers)) {
    const mine = lost.get(name);
    if (mine === undefined) {
      out[name] = r;
      continue;
    }
    for (const c of mine) out[c.copy] = copyFor(r, c);
    const kept = keptPart(r, new Set(mine.map((c) => c.entryPoint)));
    if (kept !== undefined) out[name] = kept;
  }
  conflicts.sort((a, b) => (a.copy < b.copy ? -1 : a.copy > b.copy ? 1 : 0));
  return { routers: out, conflicts };
}

function copyFor(r: ValidatedRouter, c: TlsOptionConflict): ValidatedRouter {
  const copy: ValidatedRouter = { ...r, name: c.copy, errors: [...r.errors], config: { ...r.config, entryPoints: [c.entryPoint] }, using: [c.entryPoint], tlsOptions: TLS_DEFAULT_OPTIONS_NAME };
  addError(copy, Messages.tlsOptionsDefaultCopy(c.message, r.name), false);
  return copy;
}

/** The router without the entrypoints it lost; undefined when none is left (Traefik drops it). */
function keptPart(r: ValidatedRouter, lost: Set<string>): ValidatedRouter | undefined {
  const listed = r.config.entryPoints && r.config.entryPoints.length > 0 ? r.config.entryPoints : r.using;
  const entryPoints = listed.filter((ep) => !lost.has(ep));
  if (entryPoints.length === 0) return undefined;
  const kept: ValidatedRouter = { ...r, errors: [...r.errors], config: { ...r.config, entryPoints }, using: r.using.filter((ep) => !lost.has(ep)) };
  for (const ep of lost) addError(kept, Messages.tlsOptionsEntryPointLost(ep, conflictedName(ep, r.name)), false);
  if (kept.using.length === 0) addError(kept, Messages.noEntryPoint(), true);
  return kept;
}
