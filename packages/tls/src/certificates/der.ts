/**
 * The little DER (X.690) that wharf's certificates need: read the TLVs of a parsed certificate
 * (names, validity, extensions, algorithms) and write the generated default certificate. Node's
 * `X509Certificate` parses and verifies; this only walks structures OpenSSL already accepted,
 * bounds-checked all the same.
 */
export interface DerElement {
  /** identifier octet: class, constructed bit and tag number (< 31: one octet) */
  tag: number;
  /** the content octets */
  value: Buffer;
}

export const DER = {
  BOOLEAN: 0x01, INTEGER: 0x02, BIT_STRING: 0x03, OCTET_STRING: 0x04, NULL: 0x05, OID: 0x06,
  UTF8_STRING: 0x0c, PRINTABLE_STRING: 0x13, T61_STRING: 0x14, IA5_STRING: 0x16, UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18, UNIVERSAL_STRING: 0x1c, BMP_STRING: 0x1e, SEQUENCE: 0x30, SET: 0x31,
} as const;

/** The TLVs one after another in `data` (a constructed element's content). */
export function derChildren(data: Buffer): DerElement[] {
  const out: DerElement[] = [];
  let at = 0;
  while (at < data.length) {
    const tag = data[at]!;
    if ((tag & 0x1f) === 0x1f) throw new Error('DER: multi-octet tags are not supported');
    let length = data[at + 1];
    let start = at + 2;
    if (length === undefined) throw new Error('DER: truncated length');
    if (length & 0x80) {
      const octets = length & 0x7f;
      if (octets === 0 || octets > 4) throw new Error('DER: unsupported length form');
      length = 0;
      for (let i = 0; i < octets; i++) {
        const b = data[start + i];
        if (b === undefined) throw new Error('DER: truncated length');
        length = length * 256 + b;
      }
      start += octets;
    }
    if (start + length > data.length) throw new Error('DER: element overruns its container');
    out.push({ tag, value: data.subarray(start, start + length) });
    at = start + length;
  }
  return out;
}

/** The one element that `data` holds (a whole certificate, an extension's value). */
export function derElement(data: Buffer): DerElement {
  const [only, extra] = derChildren(data);
  if (only === undefined || extra !== undefined) throw new Error('DER: expected exactly one element');
  return only;
}

/** Dotted text of an OBJECT IDENTIFIER's content. */
export function derOid(value: Buffer): string {
  const arcs: number[] = [];
  let arc = 0;
  for (const b of value) {
    arc = arc * 128 + (b & 0x7f);
    if (arc > Number.MAX_SAFE_INTEGER / 128) throw new Error('DER: OID arc too large');
    if (b & 0x80) continue;
    if (arcs.length === 0) arcs.push(arc < 80 ? Math.floor(arc / 40) : 2, arc < 80 ? arc % 40 : arc - 80);
    else arcs.push(arc);
    arc = 0;
  }
  return arcs.join('.');
}

/** The text of a directory string (UTF8, Printable, IA5, T61 as Latin-1, BMP, Universal). */
export function derString({ tag, value }: DerElement): string {
  if (tag === DER.BMP_STRING) return Buffer.from(value).swap16().toString('utf16le');
  if (tag === DER.UNIVERSAL_STRING) {
    let text = '';
    for (let i = 0; i + 4 <= value.length; i += 4) text += String.fromCodePoint(Math.min(value.readUInt32BE(i), 0x10ffff));
    return text;
  }
  return value.toString(tag === DER.T61_STRING ? 'latin1' : 'utf8');
}

/** An encoded TLV. */
export function derEncode(tag: number, ...contents: Buffer[]): Buffer {
  const value = Buffer.concat(contents);
  const n = value.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...length]), value]);
}

/** An encoded OBJECT IDENTIFIER from its dotted text. */
export function derEncodeOid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const octets: number[] = [];
  for (const arc of [a * 40 + b, ...rest]) {
    const base128 = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) base128.unshift((v & 0x7f) | 0x80);
    octets.push(...base128);
  }
  return derEncode(DER.OID, Buffer.from(octets));
}
