/**
 * IP addresses and CIDR ranges as numbers: IPv4 as an unsigned 32-bit number, IPv6 as a bigint.
 * IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`) are treated as IPv4, as Go's net.IPNet does.
 */
export type IpAddress = { family: 4; value: number } | { family: 6; value: bigint };

export type IpRange =
  | { family: 4; network: number; mask: number }
  | { family: 6; network: bigint; mask: bigint };

const MAPPED_PREFIX = 0xffffn << 32n;
const V6_ALL = (1n << 128n) - 1n;

/** dotted-quad to an unsigned 32-bit number, without allocating; null if invalid */
export function parseIPv4(text: string): number | null {
  let value = 0;
  let octet = -1;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++dots > 3) return null;
      value = value * 256 + octet;
      octet = -1;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return null; // no leading zeros (Go ≥ 1.17)
      octet = (octet < 0 ? 0 : octet) * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return null;
    } else {
      return null;
    }
  }
  if (dots !== 3 || digits === 0) return null;
  return value * 256 + octet;
}

export function parseIPv6(input: string): bigint | null {
  const zone = input.indexOf('%');
  let text = zone === -1 ? input : input.slice(0, zone);
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (v4 === null) return null;
    tail.push(Math.floor(v4 / 65536), v4 % 65536);
    // keep a trailing `::`, drop a single separator colon: `::ffff:` → `::ffff`, `1::` stays
    text = text.slice(0, lastColon + 1);
    if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  if (head === null || rest === null) return null;
  const total = head.length + rest.length + tail.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return null;
  const all = [...head, ...new Array<number>(8 - total).fill(0), ...rest, ...tail];
  let value = 0n;
  for (const g of all) value = (value << 16n) | BigInt(g);
  return value;
}

function groups(text: string): number[] | null {
  if (text === '') return [];
  const out: number[] = [];
  for (const part of text.split(':')) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return null;
    out.push(parseInt(part, 16));
  }
  return out;
}

export function parseIpAddress(text: string): IpAddress | null {
  if (!text.includes(':')) {
    const v4 = parseIPv4(text);
    return v4 === null ? null : { family: 4, value: v4 };
  }
  const v6 = parseIPv6(text);
  if (v6 === null) return null;
  if (v6 >> 32n === 0xffffn) return { family: 4, value: Number(v6 & 0xffffffffn) };
  return { family: 6, value: v6 };
}

/** `1.2.3.4`, `10.0.0.0/8`, `2001:db8::/32`, `::ffff:10.0.0.0/104` (→ 10.0.0.0/8); null if invalid */
export function parseIpRange(text: string): IpRange | null {
  const slash = text.indexOf('/');
  const address = parseIpAddress(slash === -1 ? text : text.slice(0, slash));
  if (address === null) return null;
  const isV6Text = text.slice(0, slash === -1 ? undefined : slash).includes(':');
  let bits = address.family === 4 ? 32 : 128;
  if (slash !== -1) {
    const suffix = text.slice(slash + 1);
    if (!/^(0|[1-9][0-9]{0,2})$/.test(suffix)) return null;
    bits = Number(suffix);
    if (bits > (isV6Text ? 128 : 32)) return null;
    if (address.family === 4 && isV6Text) {
      if (bits < 96) return mappedWideRange(address.value, bits);
      bits -= 96;
    }
  }
  if (address.family === 4) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return { family: 4, network: (address.value & mask) >>> 0, mask };
  }
  const mask = (V6_ALL << BigInt(128 - bits)) & V6_ALL;
  return { family: 6, network: address.value & mask, mask };
}

/** a mapped prefix shorter than /96 is kept as an IPv6 range; like Go, it matches no IPv4 client */
function mappedWideRange(v4: number, bits: number): IpRange {
  const mask = (V6_ALL << BigInt(128 - bits)) & V6_ALL;
  return { family: 6, network: (MAPPED_PREFIX | BigInt(v4)) & mask, mask };
}

export function rangeContains(range: IpRange, address: IpAddress): boolean {
  if (range.family === 4) return address.family === 4 && ((address.value & range.mask) >>> 0) === range.network;
  return address.family === 6 && (address.value & range.mask) === range.network;
}
