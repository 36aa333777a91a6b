import { parseIpAddress, parseIpRange, rangeContains, type IpRange } from '@wharf/config';
import { MiddlewareErrors } from '../errors.js';

/** Strips spaces, brackets and a zone id: `[fe80::1%eth0]` → `fe80::1`. */
function bareIP(ip: string): string {
  return ip.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
}

/** `::ffff:1.2.3.4` → `1.2.3.4`; strips brackets and zone ids. */
export function normalizeIP(ip: string): string {
  const s = bareIP(ip);
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(s) ? s.slice(7) : s;
}

export interface IPMatcher {
  contains(ip: string): boolean;
}

/**
 * IPs and CIDRs (v4 and v6), parsed once with @wharf/config's IP ranges (the router's ClientIP
 * uses the same; IPv4-mapped IPv6 counts as IPv4, as in Go).
 */
export function compileIPRanges(ranges: readonly string[], middleware: string): IPMatcher {
  const parsed: IpRange[] = ranges.map((raw) => {
    const [addr = '', bits] = raw.trim().split('/');
    const range = parseIpRange(bits === undefined ? bareIP(addr) : `${bareIP(addr)}/${bits}`);
    if (range === null) throw MiddlewareErrors.invalidOptions(middleware, `invalid IP or CIDR ${raw}`);
    return range;
  });
  return {
    contains(ip) {
      const address = parseIpAddress(normalizeIP(ip));
      return address !== null && parsed.some((range) => rangeContains(range, address));
    },
  };
}
