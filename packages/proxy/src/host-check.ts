import type { IncomingMessage } from 'node:http';

/**
 * Request Host validation, stricter than Go's `httpguts.ValidHostHeader` where Go is lax: the
 * value must be `uri-host [":" port]` (RFC 9110 §7.2, RFC 3986 §3.2.2). A reg-name or IPv4 of
 * unreserved / sub-delim / `%` characters (no `,`: that is how two Host lines join), or an
 * IP-literal in balanced brackets; an optional port of digits. Space, `/`, `@`, `[` outside an
 * IP-literal, a `]` alone, an empty host name: rejected.
 */

const REG_NAME = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+;=%") REG_NAME[c.charCodeAt(0)] = 1;
const IP_LITERAL = new Uint8Array(128);
for (const c of '0123456789abcdefABCDEF:.%-_~vV') IP_LITERAL[c.charCodeAt(0)] = 1;
for (const c of 'ghijklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ') IP_LITERAL[c.charCodeAt(0)] = 1; // IPv6 zone ids (`%25eth0`)

function validPort(host: string, from: number): boolean {
  if (from === host.length) return true;
  if (host.charCodeAt(from) !== 58 /* : */ || host.length - from - 1 > 5) return false;
  for (let i = from + 1; i < host.length; i++) {
    const c = host.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** true when `host` is a usable `uri-host [":" port]`; the empty string is not. */
export function validHost(host: string): boolean {
  const n = host.length;
  if (n === 0) return false;
  if (host.charCodeAt(0) === 91 /* [ */) {
    const close = host.indexOf(']');
    if (close < 2) return false;
    for (let i = 1; i < close; i++) {
      const c = host.charCodeAt(i);
      if (c >= 128 || IP_LITERAL[c] !== 1) return false;
    }
    return validPort(host, close + 1);
  }
  let i = 0;
  for (; i < n; i++) {
    const c = host.charCodeAt(i);
    if (c === 58 /* : */) break;
    if (c >= 128 || REG_NAME[c] !== 1) return false;
  }
  return i > 0 && validPort(host, i);
}

function isHostName(name: string): boolean {
  return (
    name.length === 4 &&
    (name.charCodeAt(0) | 32) === 104 &&
    (name.charCodeAt(1) | 32) === 111 &&
    (name.charCodeAt(2) | 32) === 115 &&
    (name.charCodeAt(3) | 32) === 116
  );
}

/**
 * Why the request's Host header (`host`, as the client sent it) cannot be trusted (answer
 * 400), or undefined. node:http keeps only the
 * first of repeated Host lines, so they are counted on the raw headers. HTTP/1.0 may omit Host
 * or send it empty; HTTP/1.1 may not (node already answers 400 to a missing one).
 */
export function hostProblem(req: IncomingMessage, host: string | undefined): string | undefined {
  const raw = req.rawHeaders;
  let hosts = 0;
  for (let i = 0; i < raw.length; i += 2) if (isHostName(raw[i] as string)) hosts += 1;
  if (hosts > 1) return 'more than one Host header';
  if (host === undefined) return undefined;
  if (host === '' && req.httpVersionMajor === 1 && req.httpVersionMinor === 0) return undefined;
  return validHost(host) ? undefined : 'malformed Host header';
}
