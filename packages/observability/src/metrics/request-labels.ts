import type { RequestRecord } from '@wharf/config';

/**
 * Traefik's `method`, `protocol` and `code` labels, folded into one small integer so the hot
 * path looks a series up without building strings: `status * 64 + method * 4 + protocol`.
 */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'] as const;
/** any other method: bounded cardinality instead of one series per invented verb */
const EXTENSION_METHOD = 'EXTENSION_METHOD';
const PROTOCOLS = ['http', 'websocket', 'sse'] as const;

const methodIndex = new Map<string, number>(METHODS.map((m, i) => [m, i]));

/** Traefik's getRequestProtocol: WebSocket upgrade, then SSE (Accept: text/event-stream), else http. */
function protocolIndexOf(record: RequestRecord): number {
  const h = record.requestHeaders;
  const upgrade = h.upgrade;
  if (upgrade !== undefined && upgrade.toLowerCase() === 'websocket') return 1;
  const accept = h.accept;
  if (accept !== undefined && accept.includes('text/event-stream')) return 2;
  return 0;
}

export function labelKeyOf(record: RequestRecord): number {
  const m = methodIndex.get(record.method) ?? METHODS.length;
  const status = record.status >= 0 && record.status < 1000 ? record.status : 0;
  return status * 64 + m * 4 + protocolIndexOf(record);
}

/** The `{code, method, protocol}` labels a key stands for (computed once per new series). */
export function labelsOfKey(key: number): { code: string; method: string; protocol: string } {
  const status = Math.floor(key / 64);
  const m = Math.floor((key % 64) / 4);
  return { code: String(status), method: METHODS[m] ?? EXTENSION_METHOD, protocol: PROTOCOLS[key % 4] ?? 'http' };
}
