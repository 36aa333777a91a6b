/** What kind of DNS query a configured name asks for. */
export type DnsQueryType = 'A/AAAA' | 'SRV';

const LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;

/** `_http._tcp.whoami` is an SRV query (HAProxy: a server name starting with `_`). */
export function queryTypeOf(name: string): DnsQueryType {
  return name.startsWith('_') ? 'SRV' : 'A/AAAA';
}

/**
 * Why `name` cannot be queried, or undefined when it can: letters, digits, `-` and `_` in
 * labels of 1–63 characters, 253 characters at most (one trailing dot allowed), not an IP
 * address. The label pattern is linear (no nested quantifiers) and runs on ≤ 63 characters.
 */
export function hostnameProblem(name: string): string | undefined {
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  if (bare.length === 0) return 'is empty';
  if (bare.length > 253) return `is ${bare.length} characters long (at most 253)`;
  const labels = bare.split('.');
  for (const label of labels) {
    if (label.length === 0) return 'has an empty label ("..")';
    if (label.length > 63) return `has a label of ${label.length} characters (at most 63)`;
    if (!LABEL.test(label)) return `has an invalid label "${label}" (letters, digits, "-" and "_" only; no "-" at either end)`;
  }
  if (/^\d+$/.test(labels[labels.length - 1]!)) return 'is an IP address or ends in a numeric label, not a DNS name (list static servers in the file provider)';
  if (queryTypeOf(bare) === 'SRV' && (labels.length < 3 || !labels[1]!.startsWith('_'))) {
    return 'starts with "_" but is not an SRV name like _http._tcp.whoami (service, protocol, then the domain)';
  }
  return undefined;
}

/** Lower-case, without the trailing dot: how answers name a host. */
export function canonicalHost(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}
