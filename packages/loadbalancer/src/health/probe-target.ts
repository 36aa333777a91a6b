import { LoadBalancerErrors } from '../errors.js';
import type { ActiveHealthOptions } from './health-options.js';

/** One server's probe request, computed once at build. */
export interface ProbeTarget {
  url: string;
  method: string;
  headers: Record<string, string>;
  expectedStatus?: number;
  followRedirects: boolean;
  timeoutMs: number;
}

/**
 * The probe URL: the server URL with `scheme`/`port` overridden and the relative `path`
 * (with optional query) appended to the server's base path; `hostname` becomes the Host header.
 */
export function buildProbeTarget(serverUrl: string, options: ActiveHealthOptions): ProbeTarget {
  // h2c servers speak cleartext HTTP/2; the probe uses plain http (undici negotiates nothing else)
  const url = new URL(serverUrl.replace(/^h2c:/i, 'http:'));
  if (options.scheme) url.protocol = `${options.scheme.replace(/:$/, '')}:`;
  if (options.port !== undefined) url.port = String(options.port);
  if (options.path) {
    const q = options.path.indexOf('?');
    const path = q === -1 ? options.path : options.path.slice(0, q);
    const base = url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : url.pathname;
    url.pathname = base + (path.startsWith('/') ? path : `/${path}`);
    url.search = q === -1 ? '' : options.path.slice(q);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw LoadBalancerErrors.invalidHealthCheck(`unsupported scheme ${JSON.stringify(url.protocol)}`);
  }
  const headers = { ...options.headers };
  if (options.hostname) headers.host = options.hostname;
  const target: ProbeTarget = {
    url: url.toString(),
    method: options.method,
    headers,
    followRedirects: options.followRedirects,
    timeoutMs: options.timeoutMs,
  };
  if (options.expectedStatus !== undefined) target.expectedStatus = options.expectedStatus;
  return target;
}
