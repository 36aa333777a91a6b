/** The largest header accepted, v2 TLVs included (a v1 line has its own limit of 107 bytes). */
export const MAX_PROXY_HEADER_BYTES = 4096;
/** Results of `readProxyHeader` (never thrown). Branch on `code`, never on the message. */
export const PROXY_HEADER_INVALID = 'WHARF_PROXY_HEADER_INVALID';
export const PROXY_HEADER_TOO_LARGE = 'WHARF_PROXY_HEADER_TOO_LARGE';

/** The client a header announces, in the form Node gives `socket.remoteAddress`/`remotePort`. */
export interface ProxiedSource {
  address: string;
  port: number;
  family: 4 | 6;
}

export type ProxyHeaderResult =
  /** the bytes so far are a prefix of a signature or of an incomplete header: read more, call again */
  | { kind: 'needMore' }
  /** the first bytes match neither signature: no header, the bytes are the connection's own */
  | { kind: 'none' }
  /**
   * `length`: header bytes to strip (what follows is the client's data). No `source` for LOCAL,
   * UNKNOWN, UNSPEC, UNIX or datagram headers: the caller keeps the socket's real peer.
   */
  | { kind: 'header'; length: number; version: 1 | 2; source?: ProxiedSource }
  | { kind: 'error'; code: typeof PROXY_HEADER_INVALID | typeof PROXY_HEADER_TOO_LARGE; message: string };

const V1_SIGNATURE = Uint8Array.from('PROXY ', (c) => c.charCodeAt(0));
const V2_SIGNATURE = Uint8Array.of(0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a);
/** The spec's bound for a v1 line, CRLF included (a TCP6 line needs at most 104). */
const V1_MAX_LINE = 107;
const CR = 0x0d;
const LF = 0x0a;
/** v2: signature, ver_cmd, fam, and the big-endian length of what follows. */
const V2_FIXED = 16;
const V2_COMMAND_PROXY = 1;
const V2_STREAM = 1;
const V2_FAMILIES = ['UNSPEC', 'INET', 'INET6', 'UNIX'] as const;
/** Size of each family's address block (UNIX: two 108-byte paths, no ports). */
const V2_ADDRESS_BLOCK = [0, 12, 36, 216] as const;

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
/** Strict dotted quad: four decimal octets, no leading zero (`01` is octal to some parsers). */
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const PORT = /^(?:0|[1-9][0-9]{0,4})$/;
/** How much of a hostile field a message quotes. */
const QUOTE_LIMIT = 40;

const invalid = (message: string): ProxyHeaderResult => ({ kind: 'error', code: PROXY_HEADER_INVALID, message });

/**
 * Reads the PROXY protocol header (v1 or v2) at the start of `data`, everything read off the
 * connection so far. Pure, linear and bounded: it never looks past 4096 bytes and waits for at
 * most `MAX_PROXY_HEADER_BYTES` (v2) or 107 bytes (v1). Strict, as the bytes come from the
 * network: `needMore` only while the bytes can still become a valid header.
 */
export function readProxyHeader(data: Uint8Array): ProxyHeaderResult {
  if (data.length === 0) return { kind: 'needMore' };
  // the two signatures differ in their first byte, so that byte picks the one to compare with
  const signature = data[0] === V1_SIGNATURE[0] ? V1_SIGNATURE : V2_SIGNATURE;
  const seen = Math.min(data.length, signature.length);
  for (let i = 0; i < seen; i++) if (data[i] !== signature[i]) return { kind: 'none' };
  if (data.length < signature.length) return { kind: 'needMore' };
  return signature === V1_SIGNATURE ? readV1(data) : readV2(data);
}

/** v1 is one line; nothing is decided before its CRLF, which must come within 107 bytes. */
function readV1(data: Uint8Array): ProxyHeaderResult {
  const window = Math.min(data.length, V1_MAX_LINE);
  for (let i = V1_SIGNATURE.length; i < window; i++) {
    if (data[i] === LF) return invalid('PROXY v1: LF without CR before it');
    if (data[i] !== CR) continue;
    if (i + 1 === window) break;
    if (data[i + 1] !== LF) return invalid('PROXY v1: CR not followed by LF');
    return parseV1Line(Buffer.from(data.buffer, data.byteOffset, i).toString('latin1'), i + 2);
  }
  if (data.length >= V1_MAX_LINE) return invalid(`PROXY v1 header has no CRLF within ${V1_MAX_LINE} bytes`);
  return { kind: 'needMore' };
}

/** `line`: the header without its CRLF (latin1, one character per byte); `length` with it. */
function parseV1Line(line: string, length: number): ProxyHeaderResult {
  const rest = line.slice(V1_SIGNATURE.length);
  // UNKNOWN: the sender could not tell the addresses; whatever follows is to be ignored
  if (rest === 'UNKNOWN' || rest.startsWith('UNKNOWN ')) return { kind: 'header', length, version: 1 };
  const fields = rest.split(' ');
  if (fields.includes('')) return invalid(`PROXY v1: fields must be separated by exactly one space: ${quote(line)}`);
  const protocol = fields[0]!;
  const family = protocol === 'TCP4' ? 4 : protocol === 'TCP6' ? 6 : undefined;
  if (family === undefined) return invalid(`PROXY v1: unknown protocol ${quote(protocol)} (not TCP4, TCP6 or UNKNOWN)`);
  if (fields.length !== 5) return invalid(`PROXY v1: ${protocol} takes 4 fields (addresses, ports), got ${fields.length - 1}`);
  const [, src, dst, sport, dport] = fields as [string, string, string, string, string];
  const address = v1Address(src, family);
  if (address === undefined) return invalid(`PROXY v1: bad source address ${quote(src)} for ${protocol}`);
  if (v1Address(dst, family) === undefined) return invalid(`PROXY v1: bad destination address ${quote(dst)} for ${protocol}`);
  const port = v1Port(sport);
  if (port === undefined) return invalid(`PROXY v1: bad source port ${quote(sport)}`);
  if (v1Port(dport) === undefined) return invalid(`PROXY v1: bad destination port ${quote(dport)}`);
  return { kind: 'header', length, version: 1, source: { address, port, family } };
}

/** The address as Node would print it, or undefined when it is not one of `family`. */
function v1Address(text: string, family: 4 | 6): string | undefined {
  if (family === 4) return IPV4.test(text) ? text : undefined;
  const words = parseIPv6(text);
  return words && formatIPv6(words);
}

function v1Port(text: string): number | undefined {
  const port = PORT.test(text) ? Number(text) : Infinity;
  return port <= 0xffff ? port : undefined;
}

/** Checks ver_cmd and fam as soon as they arrive, so a bad header fails without waiting for its length. */
function checkV2Fixed(data: Uint8Array): ProxyHeaderResult | undefined {
  if (data.length > 12) {
    const version = data[12]! >> 4;
    const command = data[12]! & 0xf;
    if (version !== 2) return invalid(`PROXY v2: unsupported version ${hex(version)}`);
    if (command > 1) return invalid(`PROXY v2: unknown command ${hex(command)} (not LOCAL or PROXY)`);
  }
  if (data.length > 13) {
    const family = data[13]! >> 4;
    const transport = data[13]! & 0xf;
    if (family >= V2_FAMILIES.length) return invalid(`PROXY v2: unknown address family ${hex(family)}`);
    if (transport > 2) return invalid(`PROXY v2: unknown transport ${hex(transport)}`);
    // the spec defines UNSPEC only as the whole byte 0x00 and has receivers reject other pairings
    if ((family === 0) !== (transport === 0)) return invalid(`PROXY v2: address family and transport ${hex(data[13]!)} are not a valid pair`);
  }
  return undefined;
}

function readV2(data: Uint8Array): ProxyHeaderResult {
  const fixed = checkV2Fixed(data);
  if (fixed !== undefined) return fixed;
  if (data.length < V2_FIXED) return { kind: 'needMore' };
  const declared = (data[14]! << 8) | data[15]!;
  const total = V2_FIXED + declared;
  if (total > MAX_PROXY_HEADER_BYTES) {
    return { kind: 'error', code: PROXY_HEADER_TOO_LARGE, message: `PROXY v2 header of ${total} bytes exceeds ${MAX_PROXY_HEADER_BYTES}` };
  }
  const family = data[13]! >> 4;
  const block = V2_ADDRESS_BLOCK[family]!;
  // LOCAL (a balancer's own health check): the spec has receivers discard the address block, whatever it holds
  if ((data[12]! & 0xf) === V2_COMMAND_PROXY && declared < block) return invalid(`PROXY v2: ${V2_FAMILIES[family]} needs a ${block}-byte address block, the header has ${declared} bytes`);
  if (data.length < total) return { kind: 'needMore' };
  // bytes past the address block are TLVs: counted in `length`, not read
  const proxied = (data[12]! & 0xf) === V2_COMMAND_PROXY && (data[13]! & 0xf) === V2_STREAM;
  if (!proxied || (family !== 1 && family !== 2)) return { kind: 'header', length: total, version: 2 };
  const at = V2_FIXED + block - 4; // source port: after both addresses
  const port = (data[at]! << 8) | data[at + 1]!;
  const src = data.subarray(V2_FIXED, V2_FIXED + (family === 1 ? 4 : 16));
  const address = family === 1 ? src.join('.') : formatIPv6(Array.from({ length: 8 }, (_, i) => (src[2 * i]! << 8) | src[2 * i + 1]!));
  return { kind: 'header', length: total, version: 2, source: { address, port, family: family === 1 ? 4 : 6 } };
}

/**
 * The 8 groups of an RFC 4291 textual IPv6 address (`::` once, an optional dotted IPv4 tail),
 * or undefined. No zone id and no brackets: neither has a place in a PROXY header.
 */
function parseIPv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const compressed = halves.length === 2;
  const head = ipv6Groups(halves[0]!, !compressed);
  const tail = compressed ? ipv6Groups(halves[1]!, true) : [];
  if (head === undefined || tail === undefined) return undefined;
  if (!compressed) return head.length === 8 ? head : undefined;
  // `::` stands for at least one zero group
  if (head.length + tail.length > 7) return undefined;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** Colon-separated groups; the last may be a dotted IPv4 address (two groups) when it ends the address. */
function ipv6Groups(part: string, endsAddress: boolean): number[] | undefined {
  if (part === '') return [];
  const groups: number[] = [];
  const texts = part.split(':');
  for (let i = 0; i < texts.length; i++) {
    const group = texts[i]!;
    if (HEX_GROUP.test(group)) groups.push(parseInt(group, 16));
    else if (endsAddress && i === texts.length - 1 && IPV4.test(group)) {
      const [a, b, c, d] = group.split('.').map(Number) as [number, number, number, number];
      groups.push((a << 8) | b, (c << 8) | d);
    } else return undefined;
  }
  return groups;
}

/**
 * Formats 8 groups as Node prints `socket.remoteAddress` (libuv's inet_ntop): RFC 5952 (lowercase,
 * no leading zeros, the first longest run of 2+ zero groups as `::`), with a dotted IPv4 tail for
 * `::ffff:a.b.c.d` (mapped) and `::a.b.c.d` when exactly the first 6 groups are zero (compatible).
 */
function formatIPv6(groups: number[]): string {
  let start = -1;
  let run = 0;
  for (let i = 0; i < 8; ) {
    let end = i;
    while (end < 8 && groups[end] === 0) end++;
    if (end - i > run) [start, run] = [i, end - i];
    i = end === i ? i + 1 : end;
  }
  if (start === 0 && (run === 6 || (run === 5 && groups[5] === 0xffff))) {
    const [g6, g7] = [groups[6]!, groups[7]!];
    return `::${run === 5 ? 'ffff:' : ''}${g6 >> 8}.${g6 & 0xff}.${g7 >> 8}.${g7 & 0xff}`;
  }
  const text = (from: number, to: number): string => groups.slice(from, to).map((g) => g.toString(16)).join(':');
  return run < 2 ? text(0, 8) : `${text(0, start)}::${text(start + run, 8)}`;
}

const hex = (n: number): string => `0x${n.toString(16)}`;

/** A field of hostile input for a message: at most 40 characters, non-printable ones as \xNN. */
function quote(text: string): string {
  const shown = text.slice(0, QUOTE_LIMIT).replace(/[^\x20-\x7e]|["\\]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `"${shown}"${text.length > QUOTE_LIMIT ? '…' : ''}`;
}
