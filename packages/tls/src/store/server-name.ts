import { canonicalIp } from '../certificates/canonical-ip.js';

/**
 * The name a certificate is selected for (Traefik's `GetBestCertificate`): the SNI lower-cased and
 * trimmed (one trailing dot dropped); without SNI, the connection's local IP address.
 */
export function selectionName(serverName: string | undefined, localAddress: string | undefined): string {
  let name = (serverName ?? '').trim().toLowerCase();
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name !== '') return name;
  const local = (localAddress ?? '').trim();
  return canonicalIp(local) ?? local.toLowerCase();
}

/** `foo.example.com` → `*.example.com` (Traefik replaces the first label, whatever it is). */
export function wildcardOf(name: string): string {
  const dot = name.indexOf('.');
  return dot === -1 ? '*' : `*${name.slice(dot)}`;
}

/** A certificate name as a wildcard key: trailing dots dropped, as Traefik's `matchDomain`. */
export function trimTrailingDots(name: string): string {
  let end = name.length;
  while (end > 0 && name[end - 1] === '.') end--;
  return name.slice(0, end);
}
