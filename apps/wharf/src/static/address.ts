import { defineError } from '@wharf/config';

/** A parsed entrypoint address (`:80`, `127.0.0.1:8001`, `[::1]:80`, `:53/udp`). */
export interface EntryPointAddress {
  /** undefined = all interfaces */
  host?: string;
  port: number;
  protocol: 'tcp' | 'udp';
}

const invalidAddress = defineError(
  'WHARF_STATIC_BAD_ADDRESS',
  500,
  (address: string, why: string) => `invalid address "${address}": ${why} (expected e.g. ":80", "127.0.0.1:8001", "[::1]:80", ":53/udp")`,
);

export function parseAddress(address: string): EntryPointAddress {
  let rest = address.trim();
  let protocol: 'tcp' | 'udp' = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    const proto = rest.slice(slash + 1).toLowerCase();
    if (proto !== 'tcp' && proto !== 'udp') throw invalidAddress(address, `unknown protocol "${proto}"`);
    protocol = proto;
    rest = rest.slice(0, slash);
  }
  let host: string;
  let portText: string;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0 || rest[close + 1] !== ':') throw invalidAddress(address, 'bracketed IPv6 host must be followed by ":port"');
    host = rest.slice(1, close);
    portText = rest.slice(close + 2);
  } else {
    const colon = rest.lastIndexOf(':');
    if (colon < 0) throw invalidAddress(address, 'missing ":port"');
    host = rest.slice(0, colon);
    portText = rest.slice(colon + 1);
    if (host.includes(':')) throw invalidAddress(address, 'IPv6 hosts must be bracketed');
  }
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw invalidAddress(address, `bad port "${portText}"`);
  return { ...(host === '' ? {} : { host }), port: Number(portText), protocol };
}
