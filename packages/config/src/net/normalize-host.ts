/**
 * The host a rule sees, from a Host header or an absolute-URI authority: userinfo and port
 * removed, IPv6 brackets removed, lower-cased, one trailing dot removed; '' when absent.
 * (The proxy prefers the absolute-URI host over the Host header, as Traefik does.)
 */
export function normalizeHost(hostHeaderOrAuthority: string | undefined): string {
  if (hostHeaderOrAuthority === undefined) return '';
  let host = hostHeaderOrAuthority.trim();
  const at = host.lastIndexOf('@');
  if (at !== -1) host = host.slice(at + 1);
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    host = close === -1 ? host.slice(1) : host.slice(1, close);
  } else {
    const colon = host.indexOf(':');
    // several colons without brackets: a bare IPv6 address, no port to strip
    if (colon !== -1 && host.indexOf(':', colon + 1) === -1) host = host.slice(0, colon);
  }
  host = host.toLowerCase();
  return host.endsWith('.') ? host.slice(0, -1) : host;
}
