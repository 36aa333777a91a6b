import { isIP } from 'node:net';

/** A nameserver as c-ares' `setServers` takes it: `1.2.3.4:53` or `[::1]:53`. */
export interface NameserverAddress {
  host: string;
  port: number;
  /** the `setServers` form */
  server: string;
}

const DNS_PORT = 53;

/**
 * `127.0.0.11`, `127.0.0.11:53`, `::1`, `[::1]`, `[::1]:5353` → a nameserver; a reason string
 * when the text is not an IP address with an optional port (names are not resolved: a resolver
 * needs no resolver).
 */
export function parseNameserver(text: string): NameserverAddress | string {
  const value = text.trim();
  let host = value;
  let portText: string | undefined;
  if (value.startsWith('[')) {
    const close = value.indexOf(']');
    if (close < 0) return 'has "[" without "]"';
    host = value.slice(1, close);
    const rest = value.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) return `has "${rest}" after "]"`;
    if (rest !== '') portText = rest.slice(1);
  } else if (value.indexOf(':') === value.lastIndexOf(':') && value.includes(':')) {
    host = value.slice(0, value.indexOf(':'));
    portText = value.slice(value.indexOf(':') + 1);
  }
  const family = isIP(host);
  if (family === 0) return 'is not an IP address (expected 127.0.0.11, 127.0.0.11:53 or [::1]:53)';
  let port = DNS_PORT;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) return `has an invalid port "${portText}"`;
    port = Number(portText);
  }
  return { host, port, server: family === 6 ? `[${host}]:${port}` : `${host}:${port}` };
}

/** The `nameserver` lines of a resolv.conf text (comments `#`/`;` ignored), in order, at most `limit`. */
export function nameserversOfResolvConf(text: string, limit = 8): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const words = line.replace(/[#;].*$/, '').trim().split(/\s+/);
    if (words[0] !== 'nameserver' || words[1] === undefined) continue;
    out.push(words[1]);
    if (out.length >= limit) break;
  }
  return out;
}
