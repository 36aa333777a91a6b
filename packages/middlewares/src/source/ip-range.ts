import { BlockList, isIP } from 'node:net';
import { MiddlewareErrors } from '../errors.js';

/** `::ffff:1.2.3.4` → `1.2.3.4`; strips brackets and zone ids. */
export function normalizeIP(ip: string): string {
  let s = ip.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(s)) s = s.slice(7);
  return s;
}

export interface IPMatcher {
  contains(ip: string): boolean;
}

/** IPs and CIDRs (v4 and v6), compiled once into a node:net BlockList. */
export function compileIPRanges(ranges: readonly string[], middleware: string): IPMatcher {
  const list = new BlockList();
  for (const raw of ranges) {
    const [addr = '', bits] = raw.trim().split('/');
    const ip = normalizeIP(addr);
    const family = isIP(ip);
    const prefix = bits === undefined ? undefined : Number(bits);
    if (family === 0 || (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= (family === 4 ? 32 : 128)))) {
      throw MiddlewareErrors.invalidOptions(middleware, `invalid IP or CIDR ${raw}`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, prefix, type);
  }
  return {
    contains(ip) {
      const n = normalizeIP(ip);
      const family = isIP(n);
      return family !== 0 && list.check(n, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}
