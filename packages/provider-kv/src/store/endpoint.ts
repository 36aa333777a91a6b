import { readFileSync } from 'node:fs';
import type { ClientTlsConfig } from '@wharf/config';
import { KvOptionsError } from '../errors.js';

export interface Endpoint {
  host: string;
  port: number;
  /** `https://` / `rediss://` was written */
  secure: boolean;
}

/** `host:port`, `[v6]:port`, optionally `scheme://…`; linear (no nested quantifiers). Also the schema's pattern. */
export const ENDPOINT_PATTERN = '^(?:([a-z]+)://)?(\\[[0-9A-Fa-f:.]+\\]|[^\\s:/\\[\\]]+):(\\d{1,5})/?$';
const ENDPOINT = new RegExp(ENDPOINT_PATTERN, 'u');

/** Traefik's `host:port` endpoint (a scheme is tolerated: `http://`, `https://`, `redis://`, `rediss://`). */
export function parseEndpoint(provider: string, text: string): Endpoint {
  const m = ENDPOINT.exec(text.trim());
  const port = m ? Number(m[3]) : 0;
  if (!m || port < 1 || port > 65535) {
    throw KvOptionsError(provider, `endpoint "${text}" is not host:port (e.g. 127.0.0.1:${provider === 'redis' ? 6379 : 2379})`);
  }
  const host = m[2]!.startsWith('[') ? m[2]!.slice(1, -1) : m[2]!;
  return { host, port, secure: m[1] === 'https' || m[1] === 'rediss' };
}

export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  insecureSkipVerify: boolean;
}

/** `tls.{ca,cert,key}` are file paths or PEM text (as Traefik's ClientTLS). */
export function loadTls(provider: string, tls: ClientTlsConfig | undefined): TlsMaterial | undefined {
  if (!tls) return undefined;
  const read = (field: string, value: string | undefined): Buffer | undefined => {
    if (!value) return undefined;
    if (value.includes('-----BEGIN')) return Buffer.from(value);
    try {
      return readFileSync(value);
    } catch (err) {
      throw KvOptionsError(provider, `cannot read tls.${field} ${value}: ${(err as Error).message}`);
    }
  };
  const out: TlsMaterial = { insecureSkipVerify: tls.insecureSkipVerify === true };
  const ca = read('ca', tls.ca);
  const cert = read('cert', tls.cert);
  const key = read('key', tls.key);
  if (ca) out.ca = ca;
  if (cert) out.cert = cert;
  if (key) out.key = key;
  return out;
}
