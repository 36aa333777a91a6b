import type { MatchQuery } from '@wharf/config';
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
  return result;
}
