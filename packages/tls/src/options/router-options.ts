import { TLS_DEFAULT_OPTIONS_NAME } from '@wharf/config';
import { TLS_OPTIONS_BROKEN, TLS_OPTIONS_NOT_FOUND, tlsError, type TlsIssue } from '../errors.js';
import type { CompiledTlsOptions } from './compile-options.js';

/** What the option selection needs of one HTTPS (or TLS-terminating TCP) router. */
export interface TlsRouterInput {
  /** qualified router name */
  name: string;
  entryPoints: readonly string[];
  /** the hosts of its rule's `Host(...)` / `HostSNI(...)` matchers ([] when it has none) */
  hosts: readonly string[];
  /** `tls.options`, qualified by the caller (`name@provider`); absent or `default` = default */
  options?: string;
}

export interface RouterTlsOptions {
  /** the option set the router's hosts use, per entrypoint */
  byEntryPoint: Map<string, string>;
  issues: TlsIssue[];
  /** its option set is unknown or broken: the router is disabled, its hosts' connections closed */
  disabled: boolean;
}

export type ServerNameOptions = { options: string } | { broken: string };

/** Per entrypoint: which option set a connection uses, from its SNI (before any byte is decrypted). */
export interface EntryPointTlsOptions {
  forServerName(serverName: string | undefined): ServerNameOptions;
}

interface HostRoute {
  host: string;
  wildcard: boolean;
  choice: ServerNameOptions;
}

/**
 * Traefik's SNI → option set table (`tcp/manager.go` buildEntryPointHandler), per entrypoint.
 * Option conflicts are already resolved by the caller (Traefik's `resolveHTTPTLSOptions`: a
 * conflicting router arrives as a copy with `default`). An unknown or broken option set disables
 * the router and closes its hosts' connections. SNI → option set: the longest matching host first
 * (one-label wildcards `*.example.com` included), else `default`.
 */
export function resolveRouterTlsOptions(
  routers: readonly TlsRouterInput[],
  options: ReadonlyMap<string, CompiledTlsOptions>,
): { routers: Map<string, RouterTlsOptions>; entryPoints: Map<string, EntryPointTlsOptions> } {
  const results = new Map<string, RouterTlsOptions>();
  const resolved = (r: TlsRouterInput) => (r.options && r.options !== '' ? r.options : TLS_DEFAULT_OPTIONS_NAME);
  const byEntryPoint = new Map<string, TlsRouterInput[]>();
  for (const router of routers) {
    results.set(router.name, { byEntryPoint: new Map(), issues: [], disabled: false });
    for (const ep of new Set(router.entryPoints)) {
      const list = byEntryPoint.get(ep);
      if (list === undefined) byEntryPoint.set(ep, [router]);
      else list.push(router);
    }
  }
  const entryPoints = new Map<string, EntryPointTlsOptions>();
  for (const [ep, epRouters] of byEntryPoint) {
    const routes = new Map<string, HostRoute>();
    for (const router of [...epRouters].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const name = resolved(router);
      const result = results.get(router.name)!;
      result.byEntryPoint.set(ep, name);
      const choice = check(name, options, result);
      for (const host of router.hosts) addRoute(routes, host, choice);
    }
    entryPoints.set(ep, table(routes, check(TLS_DEFAULT_OPTIONS_NAME, options)));
  }
  return { routers: results, entryPoints };
}

function check(name: string, options: ReadonlyMap<string, CompiledTlsOptions>, result?: RouterTlsOptions): ServerNameOptions {
  const set = options.get(name);
  if (set !== undefined && !set.broken) return { options: name };
  if (result && !result.disabled) {
    result.disabled = true;
    result.issues.push(set === undefined
      ? tlsError(TLS_OPTIONS_NOT_FOUND, `unknown TLS options: ${name}`)
      : tlsError(TLS_OPTIONS_BROKEN, `TLS options "${name}" are broken: ${set.issues.find((i) => i.severity === 'error')?.message ?? ''}`));
  }
  return { broken: name };
}

function normalizeHost(host: string): string {
  const lower = host.trim().toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function addRoute(routes: Map<string, HostRoute>, host: string, choice: ServerNameOptions): void {
  const key = normalizeHost(host);
  // one entry per host: after the caller's conflict resolution every router of a host agrees (broken wins)
  const existing = routes.get(key);
  if (existing) {
    if ('broken' in choice) existing.choice = choice;
    return;
  }
  routes.set(key, { host: key, wildcard: key.startsWith('*.'), choice });
}

function table(hosts: Map<string, HostRoute>, fallback: ServerNameOptions): EntryPointTlsOptions {
  const routes = [...hosts.values()];
  // Traefik orders by the length of `HostSNI("host")`: a matching exact host is never shorter than
  // a matching one-label wildcard (and wins the tie), so exact first, then wildcard
  const exact = new Map(routes.filter((r) => !r.wildcard).map((r) => [r.host, r.choice]));
  const wildcard = new Map(routes.filter((r) => r.wildcard).map((r) => [r.host, r.choice]));
  return {
    forServerName(serverName) {
      const name = normalizeHost(serverName ?? '');
      if (name === '') return fallback;
      const dot = name.indexOf('.');
      return exact.get(name) ?? (dot === -1 ? undefined : wildcard.get(`*${name.slice(dot)}`)) ?? fallback;
    },
  };
}
