import type { RequestRecord } from '@wharf/config';
import type { FieldFilter } from './field-filter.js';
import { REDACTED } from './access-log-options.js';

/** Traefik's access-log field names (the JSON keys and the names `fields.names` refers to). */
export type LogFields = Record<string, string | number>;

function basicAuthUser(auth: string | string[] | undefined): string | undefined {
  if (typeof auth !== 'string' || !/^basic /i.test(auth)) return undefined;
  const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? decoded.slice(0, colon) : undefined;
}

function serviceAddr(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(url);
  return m?.[1];
}

function localTime(epochMs: number): string {
  const d = new Date(epochMs);
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const local = new Date(epochMs + off * 60_000).toISOString().replace('Z', '');
  return `${local}${sign}${pad(off / 60)}:${pad(off % 60)}`;
}

/** Every field Traefik would log for this request (before filtering), `undefined` = unknown. */
function rawFields(r: RequestRecord, count: number): Record<string, string | number | undefined> {
  return {
    ClientAddr: r.clientIP,
    ClientHost: r.clientIP,
    ClientUsername: basicAuthUser(r.requestHeaders.authorization),
    DownstreamContentSize: r.responseBytes,
    DownstreamStatus: r.status,
    Duration: Math.round(r.durationMs * 1e6),
    OriginStatus: r.server === undefined ? undefined : r.status,
    RequestAddr: r.host,
    RequestContentSize: r.requestBytes,
    RequestCount: count,
    RequestHost: r.host,
    RequestMethod: r.method,
    RequestPath: r.path,
    RequestProtocol: r.protocol,
    RequestScheme: r.tls === undefined ? 'http' : 'https',
    RetryAttempts: r.attempts,
    RouterName: r.router,
    ServiceAddr: serviceAddr(r.server),
    ServiceName: r.service,
    ServiceURL: r.server,
    StartLocal: localTime(r.startTime),
    StartUTC: new Date(r.startTime).toISOString(),
    TLSVersion: r.tls?.version,
    TLSCipher: r.tls?.cipher,
    TLSClientSubject: r.tls?.clientSubject,
    entryPointName: r.entryPoint,
    ErrorCode: r.errorCode,
  };
}

/** The filtered fields of one request: dropped fields absent, redacted ones `REDACTED`. */
export function buildLogFields(r: RequestRecord, count: number, filter: FieldFilter): LogFields {
  const out: LogFields = {};
  for (const [name, value] of Object.entries(rawFields(r, count))) {
    if (value === undefined) continue;
    const mode = filter.field(name);
    if (mode === 'drop') continue;
    out[name] = mode === 'redact' ? REDACTED : value;
  }
  return Object.assign(out, filter.headers(r.requestHeaders));
}
