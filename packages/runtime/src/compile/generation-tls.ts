import { TLS_DEFAULT_OPTIONS_NAME, type RouterTlsConfig, type TlsConfiguration } from '@wharf/config';
import { compileTls, resolveRouterTlsOptions, type EntryPointTlsOptions, type GeneratedCertificate, type TlsGeneration, type TlsRouterInput } from '@wharf/tls';
import type { HttpsServerNames } from '../types.js';
import { addError } from '../validate/element-state.js';
import { resolvedOptionsName } from '../validate/tls-option-conflicts.js';
import type { EntryPointSpec, ValidatedRouter } from '../validate/validated.js';

/** What the proxy's TLS listener reads of one generation. */
export interface GenerationTls {
  readonly compiled: TlsGeneration;
  /** the option set a handshake on `entryPoint` with this SNI uses (`default` when none applies) */
  optionsFor(entryPoint: string, serverName: string | undefined): { options: string } | { broken: string };
  /** the option set a TLS router resolved to on `entryPoint` (`default` on a `-conflicted-` copy), as Traefik's `ResolvedOptions` */
  routerOptions(router: string, entryPoint: string): string;
  /** the entrypoint's HTTPS router hosts, for TCP routing on a shared port; undefined: no HTTPS router */
  httpsServerNames(entryPoint: string): HttpsServerNames | undefined;
}

/** Traefik's canonical server name: lower case, no trailing dot. */
const canonical = (host: string): string => host.trim().toLowerCase().replace(/\.$/, '');

/** Per entrypoint: the HTTPS routers' hosts (exact and `*.parent` wildcards), and whether one has none. */
function serverNamesByEntryPoint(inputs: readonly TlsRouterInput[]): Map<string, HttpsServerNames> {
  const sets = new Map<string, { exact: Set<string>; wildcard: Set<string>; catchAll: boolean }>();
  for (const input of inputs) {
    for (const ep of input.entryPoints) {
      let set = sets.get(ep);
      if (set === undefined) sets.set(ep, (set = { exact: new Set(), wildcard: new Set(), catchAll: false }));
      if (input.hosts.length === 0) set.catchAll = true;
      for (const host of input.hosts.map(canonical)) (host.startsWith('*.') ? set.wildcard : set.exact).add(host);
    }
  }
  const out = new Map<string, HttpsServerNames>();
  for (const [ep, { exact, wildcard, catchAll }] of sets) {
    out.set(ep, {
      catchAll,
      has(serverName) {
        const name = canonical(serverName);
        if (name === '') return false;
        const dot = name.indexOf('.');
        return exact.has(name) || (dot > 0 && wildcard.has(`*${name.slice(dot)}`));
      },
    });
  }
  return out;
}

/**
 * The router's TLS on one entrypoint: its own `tls`, else the entrypoint's `http.tls` model
 * (Traefik's `applyModel`: the model applies to routers without their own `tls`).
 */
export function effectiveTls(r: ValidatedRouter, ep: EntryPointSpec): RouterTlsConfig | undefined {
  return r.config.tls ?? ep.tls;
}

/** Compiles the generation's TLS: certificates and option sets, and per entrypoint the SNI → option set table. */
export function compileGenerationTls(
  tls: TlsConfiguration | undefined,
  routers: readonly ValidatedRouter[],
  entryPoints: readonly EntryPointSpec[],
  generated: GeneratedCertificate,
): GenerationTls {
  const compiled = compileTls(tls, { generated });
  const inputs: TlsRouterInput[] = [];
  for (const r of routers) {
    if (r.status === 'disabled' || !r.parsed) continue;
    const using = entryPoints.filter((ep) => r.using.includes(ep.name) && effectiveTls(r, ep) !== undefined);
    if (using.length === 0) continue;
    const own = effectiveTls(r, using[0]!)!;
    inputs.push({ name: r.name, entryPoints: using.map((ep) => ep.name), hosts: r.parsed.hostKeys ?? r.parsed.hosts ?? r.parsed.domains ?? [], options: r.tlsOptions ?? resolvedOptionsName(own, r.provider) });
  }
  const resolved = resolveRouterTlsOptions(inputs, compiled.options);
  for (const r of routers) {
    const result = resolved.routers.get(r.name);
    if (result === undefined) continue;
    for (const issue of result.issues) addError(r, issue.message, result.disabled && issue.severity === 'error');
  }
  const byEntryPoint: ReadonlyMap<string, EntryPointTlsOptions> = resolved.entryPoints;
  const serverNames = serverNamesByEntryPoint(inputs);
  return {
    compiled,
    httpsServerNames: (entryPoint) => serverNames.get(entryPoint),
    optionsFor(entryPoint, serverName) {
      return byEntryPoint.get(entryPoint)?.forServerName(serverName) ?? { options: TLS_DEFAULT_OPTIONS_NAME };
    },
    routerOptions(router, entryPoint) {
      return resolved.routers.get(router)?.byEntryPoint.get(entryPoint) ?? TLS_DEFAULT_OPTIONS_NAME;
    },
  };
}
