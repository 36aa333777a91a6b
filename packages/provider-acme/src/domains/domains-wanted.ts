import type { RouterConfig } from '@wharf/config';
import type { AcmeDomain } from '../storage/acme-json.js';

const MAX_RULE = 4096;
/** `Host(`a`, `b`)` matchers; `[^)]` keeps the scan linear. `HostRegexp` / `HostSNI` are not hosts. */
const HOST_MATCHER = /(?<![A-Za-z])Host\(([^)]*)\)/g;
const QUOTED = /[`"]([^`"]*)[`"]/g;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Hosts of a rule's `Host(...)` matchers, lower-cased, invalid names dropped. */
export function hostsOfRule(rule: string): string[] {
  if (rule.length > MAX_RULE) return [];
  const hosts: string[] = [];
  for (const m of rule.matchAll(HOST_MATCHER)) {
    for (const q of m[1]!.matchAll(QUOTED)) {
      const host = q[1]!.trim().toLowerCase();
      if (DOMAIN.test(host) && !hosts.includes(host)) hosts.push(host);
    }
  }
  return hosts;
}

/** A domain set a resolver must hold, and the routers asking for it (qualified names). */
export interface WantedDomain extends AcmeDomain {
  /** where a failed order is shown (the routers' `error` list); none when unknown */
  routers?: string[];
}

/**
 * The domain sets a resolver must hold, from the routers naming it in `tls.certResolver` (as
 * Traefik does): `tls.domains` when given, else one set per host of the rule.
 */
export function domainsWanted(routers: Record<string, RouterConfig>, resolver: string): WantedDomain[] {
  const out = new Map<string, WantedDomain & { routers: string[] }>();
  for (const [name, router] of Object.entries(routers)) {
    if (router.tls?.certResolver !== resolver) continue;
    const sets: AcmeDomain[] = router.tls.domains?.length
      ? router.tls.domains.flatMap((d) => (d.main ? [{ main: d.main.toLowerCase(), sans: (d.sans ?? []).map((s) => s.toLowerCase()) }] : []))
      : hostsOfRule(router.rule ?? '').map((main) => ({ main, sans: [] }));
    for (const set of sets) {
      const key = domainKey(set);
      const seen = out.get(key);
      if (seen) seen.routers.push(name);
      else out.set(key, { ...set, routers: [name] });
    }
  }
  return [...out.values()];
}

export const domainNames = (d: AcmeDomain): string[] => [...new Set([d.main, ...(d.sans ?? [])])];
export const domainKey = (d: AcmeDomain): string => domainNames(d).join(',');
