import { parseIpAddress } from '@wharf/config';

/**
 * An IP address the way Go prints it (`net.IP.String()`): dotted IPv4 (also for IPv4-mapped IPv6,
 * as a dual-stack socket reports `::ffff:127.0.0.1`), RFC 5952 compressed lower-case IPv6.
 * Certificate IP SANs and a connection's local address are compared in this form.
 * Returns undefined when the text is not an IP address.
 */
export function canonicalIp(text: string): string | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const ip = parseIpAddress(bare.split('%')[0]!);
  if (ip === null) return undefined;
  if (ip.family === 4) return formatV4(ip.value);
  if (ip.value >> 32n === 0xffffn) return formatV4(Number(ip.value & 0xffffffffn));
  return formatV6(ip.value);
}

function formatV4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}

function formatV6(value: bigint): string {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  // the longest run of at least two zero groups becomes "::" (the first one on a tie)
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
