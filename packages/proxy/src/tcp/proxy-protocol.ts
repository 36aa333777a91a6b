import { isIP } from 'node:net';

/** The addresses a PROXY protocol header announces (client → the address it connected to). */
export interface ProxiedAddresses {
  sourceAddress: string;
  sourcePort: number;
  destinationAddress: string;
  destinationPort: number;
}

const V2_SIGNATURE = Buffer.from([0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a]);

const unmapped = (ip: string): string => (ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip);

/** 16 bytes of an IPv6 address (`::` and a dotted IPv4 tail allowed; input from the socket). */
function ipv6Bytes(ip: string): Buffer {
  const out = Buffer.alloc(16);
  const [head = '', tail = ''] = ip.includes('::') ? ip.split('::') : [ip, ''];
  const words = (part: string): number[] => (part === '' ? [] : part.split(':').flatMap((g) => (g.includes('.') ? ipv4Words(g) : [parseInt(g, 16)])));
  const h = words(head);
  const t = words(tail);
  [...h, ...new Array<number>(Math.max(0, 8 - h.length - t.length)).fill(0), ...t].slice(0, 8).forEach((w, i) => out.writeUInt16BE(w, i * 2));
  return out;
}

function ipv4Words(ip: string): number[] {
  const b = ip.split('.').map(Number);
  return [(b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!];
}

/** PROXY protocol v1 (text): `PROXY TCP4 src dst sport dport\r\n`. */
export function proxyHeaderV1(a: ProxiedAddresses): Buffer {
  const src = unmapped(a.sourceAddress);
  const dst = unmapped(a.destinationAddress);
  const family = isIP(src) === 4 && isIP(dst) === 4 ? 'TCP4' : isIP(src) === 6 && isIP(dst) === 6 ? 'TCP6' : undefined;
  if (!family) return Buffer.from('PROXY UNKNOWN\r\n');
  return Buffer.from(`PROXY ${family} ${src} ${dst} ${a.sourcePort} ${a.destinationPort}\r\n`);
}

/** PROXY protocol v2 (binary), command PROXY over TCP. */
export function proxyHeaderV2(a: ProxiedAddresses): Buffer {
  const src = unmapped(a.sourceAddress);
  const dst = unmapped(a.destinationAddress);
  const v4 = isIP(src) === 4 && isIP(dst) === 4;
  const v6 = !v4 && isIP(src) !== 0 && isIP(dst) !== 0;
  const head = Buffer.alloc(16);
  V2_SIGNATURE.copy(head, 0);
  head[12] = 0x21; // version 2, PROXY
  if (v4) {
    head[13] = 0x11; // AF_INET, STREAM
    head.writeUInt16BE(12, 14);
    const body = Buffer.alloc(12);
    Buffer.from(src.split('.').map(Number)).copy(body, 0);
    Buffer.from(dst.split('.').map(Number)).copy(body, 4);
    body.writeUInt16BE(a.sourcePort, 8);
    body.writeUInt16BE(a.destinationPort, 10);
    return Buffer.concat([head, body]);
  }
  if (v6) {
    head[13] = 0x21; // AF_INET6, STREAM
    head.writeUInt16BE(36, 14);
    const body = Buffer.alloc(36);
    ipv6Bytes(isIP(src) === 4 ? `::ffff:${src}` : src).copy(body, 0);
    ipv6Bytes(isIP(dst) === 4 ? `::ffff:${dst}` : dst).copy(body, 16);
    body.writeUInt16BE(a.sourcePort, 32);
    body.writeUInt16BE(a.destinationPort, 34);
    return Buffer.concat([head, body]);
  }
  head[12] = 0x20; // LOCAL
  head.writeUInt16BE(0, 14);
  return head;
}
