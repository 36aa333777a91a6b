import { Type, type Static } from '@sinclair/typebox';
import { readHeader } from '@wharf/config';
import type { HttpExchange } from '@wharf/config';
import { compileIPRanges, normalizeIP } from './ip-range.js';

export const IPStrategySchema = Type.Object(
  {
    depth: Type.Optional(Type.Integer({ minimum: 0 })),
    excludedIPs: Type.Optional(Type.Array(Type.String())),
    ipv6Subnet: Type.Optional(Type.Integer({ minimum: 0, maximum: 128 })),
  },
  { additionalProperties: false },
);
export type IPStrategyOptions = Static<typeof IPStrategySchema>;

/** Returns the client IP per Traefik's ipStrategy ('' when X-Forwarded-For is too short). */
export type IPExtractor = (ex: HttpExchange) => string;

function forwardedFor(ex: HttpExchange): string[] {
  const xff = readHeader(ex.headers, 'x-forwarded-for');
  return xff ? xff.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
}

/** Keeps only the first `bits` bits of an IPv6 address (Traefik ipv6Subnet). */
function maskIPv6(ip: string, bits: number | undefined): string {
  if (bits === undefined || !ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  const out = groups.map((g, i) => {
    const keep = Math.max(0, Math.min(16, bits - i * 16));
    return ((parseInt(g || '0', 16) >> (16 - keep)) << (16 - keep) & 0xffff).toString(16);
  });
  return out.join(':');
}

/** depth → the depth-th address from the right of X-Forwarded-For; excludedIPs → the first from the right not excluded; else the socket address. */
export function compileIPStrategy(strategy: IPStrategyOptions | undefined, middleware: string): IPExtractor {
  const subnet = strategy?.ipv6Subnet;
  if (strategy?.depth && strategy.depth > 0) {
    const depth = strategy.depth;
    return (ex) => {
      const ips = forwardedFor(ex);
      return ips.length < depth ? '' : maskIPv6(normalizeIP(ips[ips.length - depth]!), subnet);
    };
  }
  if (strategy?.excludedIPs && strategy.excludedIPs.length > 0) {
    const excluded = compileIPRanges(strategy.excludedIPs, middleware);
    return (ex) => {
      const ips = forwardedFor(ex);
      for (let i = ips.length - 1; i >= 0; i--) if (!excluded.contains(ips[i]!)) return maskIPv6(normalizeIP(ips[i]!), subnet);
      return '';
    };
  }
  return (ex) => maskIPv6(normalizeIP(ex.clientIP), subnet);
}
