import { readHeader } from '@wharf/config';
import type { HttpExchange } from '@wharf/config';
import type { OutgoingHttpHeaders } from 'node:http';
import { requestScheme } from '../redirect-regex/redirect.js';
import { setHeader } from '../response.js';
import type { HeadersOptions } from './schema.js';

export interface CompiledSecurity {
  /** false → answer 500 `Bad Host` (unrolled/secure) */
  hostAllowed(ex: HttpExchange): boolean;
  apply(ex: HttpExchange, headers: OutgoingHttpHeaders): void;
}

function staticSecurityHeaders(o: HeadersOptions): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const frame = o.customFrameOptionsValue || (o.frameDeny ? 'DENY' : '');
  if (frame) out.push(['x-frame-options', frame]);
  if (o.contentTypeNosniff) out.push(['x-content-type-options', 'nosniff']);
  const xss = o.customBrowserXSSValue || (o.browserXssFilter ? '1; mode=block' : '');
  if (xss) out.push(['x-xss-protection', xss]);
  if (o.contentSecurityPolicy) out.push(['content-security-policy', o.contentSecurityPolicy]);
  if (o.contentSecurityPolicyReportOnly) out.push(['content-security-policy-report-only', o.contentSecurityPolicyReportOnly]);
  if (o.publicKey && !o.isDevelopment) out.push(['public-key-pins', o.publicKey]);
  if (o.referrerPolicy) out.push(['referrer-policy', o.referrerPolicy]);
  if (o.permissionsPolicy) out.push(['permissions-policy', o.permissionsPolicy]);
  return out;
}

/** The security half of the headers middleware (unrolled/secure semantics). */
export function compileSecurity(o: HeadersOptions): CompiledSecurity {
  const fixed = staticSecurityHeaders(o);
  const sslProxy = Object.entries(o.sslProxyHeaders ?? {}).map(([k, v]) => [k.toLowerCase(), v] as const);
  const allowed = new Set((o.allowedHosts ?? []).map((h) => h.toLowerCase()));
  const hostHeaders = (o.hostsProxyHeaders ?? []).map((h) => h.toLowerCase());
  const sts = (o.stsSeconds ?? 0) > 0 && !o.isDevelopment
    ? `max-age=${o.stsSeconds}${o.stsIncludeSubdomains ? '; includeSubDomains' : ''}${o.stsPreload ? '; preload' : ''}`
    : undefined;

  const isTLS = (ex: HttpExchange) =>
    requestScheme(ex) === 'https' || sslProxy.some(([k, v]) => readHeader(ex.headers, k) === v);

  return {
    hostAllowed(ex) {
      if (allowed.size === 0 || o.isDevelopment) return true;
      let host = readHeader(ex.headers, 'host') ?? ex.host;
      for (const h of hostHeaders) {
        const v = readHeader(ex.headers, h);
        if (v) {
          host = v;
          break;
        }
      }
      return allowed.has(host.toLowerCase());
    },
    apply(ex, headers) {
      for (const [k, v] of fixed) setHeader(headers, k, v);
      if (sts && (o.forceSTSHeader || isTLS(ex))) setHeader(headers, 'strict-transport-security', sts);
    },
  };
}
