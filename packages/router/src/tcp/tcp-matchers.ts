import { parseIpAddress, parseIpRange, rangeContains } from '@wharf/config';
import { MatcherArgumentError } from '../errors.js';
import { compileGoRegexp } from '../go-regexp.js';

/** What a TCP rule sees of a connection: the peeked ClientHello (if any) and the client's IP. */
export interface TcpConnectionInfo {
  /** lower-case SNI without trailing dot; '' when none (or not TLS) */
  sni: string;
  /** the ClientHello's ALPN list; [] when none */
  alpn: readonly string[];
  /** remote IP as the socket reports it */
  clientIp: string;
  /** the connection opened with a TLS ClientHello */
  tls: boolean;
}

export type TcpMatcher = (conn: TcpConnectionInfo) => boolean;

const HOSTNAME = /^(\*\.)?[\w.\-:]+$/;

/** `*` → everything (non-TLS too); `*.example.com` → one label; else case-insensitive equality. */
function hostSni(value: string): TcpMatcher {
  if (value === '*') return () => true;
  if (!HOSTNAME.test(value)) throw new MatcherArgumentError(`invalid value "${value}" for HostSNI matcher, not a valid hostname`, 0);
  const host = value.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('*.')) {
    const parent = host.slice(1);
    return ({ sni }) => sni.endsWith(parent) && sni.length > parent.length && sni.indexOf('.') === sni.length - parent.length;
  }
  return ({ sni }) => sni !== '' && sni === host;
}

function hostSniRegexp(value: string): TcpMatcher {
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(value)) throw new MatcherArgumentError(`invalid value "${value}" for HostSNIRegexp matcher, non-ASCII characters are not allowed`, 0);
  const re = compileGoRegexp(value, 0);
  return ({ sni }) => re.test(sni);
}

function clientIp(value: string): TcpMatcher {
  const range = parseIpRange(value);
  if (!range) throw new MatcherArgumentError(`invalid value "${value}" for ClientIP matcher, not an IP address or CIDR`, 0);
  return ({ clientIp: ip }) => {
    const parsed = parseIpAddress(ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip);
    return parsed !== null && rangeContains(range, parsed);
  };
}

function alpn(value: string): TcpMatcher {
  if (value === 'acme-tls/1') throw new MatcherArgumentError('invalid protocol value for ALPN matcher, "acme-tls/1" is not allowed', 0);
  return ({ alpn: list }) => list.includes(value);
}

/** Traefik v3's four TCP matchers (names case-sensitive as in Traefik), each with one argument. */
export const tcpMatchers: Readonly<Record<string, (value: string) => TcpMatcher>> = {
  HostSNI: hostSni,
  HostSNIRegexp: hostSniRegexp,
  ClientIP: clientIp,
  ALPN: alpn,
};
