import type { IncomingHttpHeaders } from 'node:http';
import { parseIpAddress, parseIpRange, rangeContains } from '@wharf/config';
import { hostname } from 'node:os';

/** Entrypoint `forwardedHeaders` (Traefik): whose incoming X-Forwarded-* headers are believed. */
export interface ForwardedHeadersOptions {
  /** trust every client's X-Forwarded-* headers */
  insecure?: boolean;
  /** IPs or CIDRs whose X-Forwarded-* headers are kept */
  trustedIPs?: string[];
}

/** Headers an untrusted client may not set (Traefik's forwardedheaders xHeaders). */
const X_HEADERS = [
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-server',
  'x-forwarded-uri',
  'x-forwarded-method',
  'x-forwarded-prefix',
  'x-forwarded-tls-client-cert',
  'x-forwarded-tls-client-cert-info',
  'x-real-ip',
];

const MANAGED = new Set(X_HEADERS);

/**
 * true for a header wharf sets itself (`X-Forwarded-*`, `X-Real-Ip`), spelled with `-` or `_`
 * (`x_forwarded_for`: node keeps it, and CGI-style servers read it as `X-Forwarded-For`).
 */
export function isManagedHeader(name: string): boolean {
  if (name.charCodeAt(0) !== 120 /* x */) return false;
  return MANAGED.has(name) || (name.indexOf('_') >= 0 && MANAGED.has(name.replace(/_/g, '-')));
}

const SERVER_NAME = hostname();

/**
 * `trusted(ip)` per the options (`forwardedHeaders`, `proxyProtocol`: the same shape); built once
 * per entrypoint. Entries are parsed as the static configuration validated them (IP or CIDR,
 * IPv4-mapped IPv6 as IPv4); an entry that does not parse trusts nobody, it never widens.
 */
export function createTrustCheck(options: ForwardedHeadersOptions | undefined): (ip: string) => boolean {
  if (options?.insecure === true) return () => true;
  const ranges = (options?.trustedIPs ?? []).map((entry) => parseIpRange(entry.trim())).filter((r) => r !== null);
  if (ranges.length === 0) return () => false;
  return (ip) => {
    const address = parseIpAddress(ip);
    return address !== null && ranges.some((range) => rangeContains(range, address));
  };
}

/**
 * The entrypoint's forwarded-headers step (Traefik semantics): drop X-Forwarded-* (and their
 * `_` spellings) from untrusted clients, then set Proto/Host/Port/Real-Ip when absent and Server always. X-Forwarded-For is
 * appended by the transport at forwarding time.
 */
export function applyForwardedHeaders(h: IncomingHttpHeaders, trusted: boolean, clientIP: string, isUpgrade: boolean, tls = false): void {
  if (!trusted) {
    for (const name in h) if (isManagedHeader(name)) delete h[name];
  }
  if (h['x-forwarded-proto'] === undefined) h['x-forwarded-proto'] = isUpgrade ? (tls ? 'wss' : 'ws') : tls ? 'https' : 'http';
  const host = h.host;
  if (h['x-forwarded-host'] === undefined && host !== undefined) h['x-forwarded-host'] = host;
  if (h['x-forwarded-port'] === undefined) h['x-forwarded-port'] = portOf(host, tls ? '443' : '80');
  h['x-forwarded-server'] = SERVER_NAME;
  if (h['x-real-ip'] === undefined) h['x-real-ip'] = clientIP;
}

function portOf(host: string | undefined, fallback: string): string {
  if (host === undefined) return fallback;
  const close = host.lastIndexOf(']');
  const colon = host.lastIndexOf(':');
  return colon > close ? host.slice(colon + 1) : fallback;
}

/** `X-Forwarded-For` with the client IP appended (Go's ReverseProxy behaviour). */
export function appendForwardedFor(prior: string | string[] | undefined, clientIP: string): string {
  if (prior === undefined) return clientIP;
  return `${Array.isArray(prior) ? prior.join(', ') : prior}, ${clientIP}`;
}
