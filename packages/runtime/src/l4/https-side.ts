/**
 * The HTTPS routers of an entrypoint as Traefik's TCP router sees them before decrypting
 * (`muxerHTTPS`): the hosts their rules name, and whether one names none (an HTTPS catch-all,
 * e.g. a router with only PathPrefix).
 */
export interface HttpsSide {
  /** lower-case hosts; `*.example.com` matches exactly one label */
  hosts: readonly string[];
  catchAll: boolean;
}

/** Does an HTTPS router name this SNI specifically (Traefik: HTTPS with a specific host beats TCP TLS routes)? */
export function httpsClaims(side: HttpsSide, sni: string): boolean {
  if (sni === '') return false;
  for (const host of side.hosts) {
    if (host === sni) return true;
    if (host.startsWith('*.')) {
      const parent = host.slice(1);
      if (sni.endsWith(parent) && sni.length > parent.length && sni.indexOf('.') === sni.length - parent.length) return true;
    }
  }
  return false;
}
