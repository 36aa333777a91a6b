import { isIP } from 'node:net';
import type { MatchQuery, TcpMatchQuery } from '@wharf/config';
import { invalidRequest } from './errors.js';
import { firstValue } from './pagination.js';

function allValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allValues);
  return typeof value === 'string' ? [value] : [];
}

/** `header=K:V` (repeatable) → lower-case keys; repeated keys join with `, `. */
function parseHeaderParams(value: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const raw of allValues(value)) {
    const colon = raw.indexOf(':');
    if (colon <= 0) throw invalidRequest(`header: ${raw} (expected Name:value)`);
    const key = raw.slice(0, colon).trim().toLowerCase();
    const val = raw.slice(colon + 1).trim();
    headers[key] = headers[key] === undefined ? val : `${headers[key]}, ${val}`;
  }
  return headers;
}

/** Validates `/api/wharf/match` parameters into a MatchQuery. */
export function parseMatchQuery(query: Record<string, unknown>, knownEntryPoints: Set<string>): MatchQuery {
  const entryPoint = firstValue(query['entryPoint']);
  if (!entryPoint) throw invalidRequest('entryPoint: missing');
  if (!knownEntryPoints.has(entryPoint)) throw invalidRequest(`entryPoint: unknown entry point "${entryPoint}"`);
  const url = firstValue(query['url']);
  if (!url) throw invalidRequest('url: missing');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidRequest(`url: ${url} (expected an absolute http(s) URL)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalidRequest(`url: ${url} (expected http or https)`);
  const method = (firstValue(query['method']) ?? 'GET').toUpperCase();
  if (!/^[A-Z]+$/.test(method)) throw invalidRequest(`method: ${method}`);
  const result: MatchQuery = { entryPoint, url: parsed.href, method };
  const headers = parseHeaderParams(query['header']);
  if (Object.keys(headers).length > 0) result.headers = headers;
  const clientIP = firstValue(query['clientIP']);
  if (clientIP) result.clientIP = clientIP;
  const sni = parseServerName(query['sni']);
  if (sni !== undefined) {
    if (parsed.protocol !== 'https:') throw invalidRequest('sni: only for an https URL');
    result.sni = sni;
  }
  return result;
}

/** a DNS name as a ClientHello carries it (RFC 6066: no IP literal, at most 253 bytes) */
const SERVER_NAME = /^[a-z0-9_*-]+(?:\.[a-z0-9_-]+)*\.?$/i;
const MAX_ALPN = 16;

function parseServerName(value: unknown): string | undefined {
  const sni = firstValue(value);
  if (sni === undefined || sni === '') return undefined;
  if (sni.length > 253 || !SERVER_NAME.test(sni) || isIP(sni) !== 0) throw invalidRequest(`sni: ${sni.slice(0, 64)} (expected a DNS name)`);
  return sni;
}

function parseAlpn(value: unknown): string[] {
  const list = allValues(value).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (list.length > MAX_ALPN) throw invalidRequest(`alpn: at most ${MAX_ALPN} protocols`);
  for (const p of list) if (Buffer.byteLength(p) > 255) throw invalidRequest('alpn: a protocol name is at most 255 bytes');
  return list;
}

/**
 * Validates `/api/wharf/match?proto=tcp` parameters: `entryPoint`, `sni`, `alpn` (repeatable or
 * comma-separated), `clientIP`, `tls` (`true`/`false`; default: a ClientHello when `sni` or
 * `alpn` is given), and `postgres` (`true`: the ClientHello follows a Postgres SSLRequest).
 */
export function parseTcpMatchQuery(query: Record<string, unknown>, knownEntryPoints: Set<string>): TcpMatchQuery {
  const entryPoint = firstValue(query['entryPoint']);
  if (!entryPoint) throw invalidRequest('entryPoint: missing');
  if (!knownEntryPoints.has(entryPoint)) throw invalidRequest(`entryPoint: unknown entry point "${entryPoint}"`);
  const sni = parseServerName(query['sni']) ?? '';
  const alpn = parseAlpn(query['alpn']);
  const clientIP = firstValue(query['clientIP']) || '127.0.0.1';
  if (isIP(clientIP) === 0) throw invalidRequest(`clientIP: ${clientIP.slice(0, 64)} (expected an IP address)`);
  const rawTls = firstValue(query['tls']);
  if (rawTls !== undefined && rawTls !== 'true' && rawTls !== 'false') throw invalidRequest(`tls: ${rawTls.slice(0, 16)} (expected true or false)`);
  const tls = rawTls === undefined ? sni !== '' || alpn.length > 0 : rawTls === 'true';
  if (!tls && (sni !== '' || alpn.length > 0)) throw invalidRequest('sni/alpn: only for a TLS connection (tls=true)');
  const rawPostgres = firstValue(query['postgres']);
  if (rawPostgres !== undefined && rawPostgres !== 'true' && rawPostgres !== 'false') throw invalidRequest(`postgres: ${rawPostgres.slice(0, 16)} (expected true or false)`);
  if (rawPostgres !== 'true') return { entryPoint, tls, sni, alpn, clientIP };
  // the ClientHello after an SSLRequest: a TLS connection, whatever `tls` defaulted to
  if (rawTls === 'false') throw invalidRequest('postgres: an SSLRequest is followed by a ClientHello (tls=true)');
  return { entryPoint, tls: true, sni, alpn, clientIP, postgres: true };
}
