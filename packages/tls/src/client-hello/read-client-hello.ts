import { TLS_HELLO_MALFORMED, TLS_HELLO_TOO_LARGE } from '../errors.js';
import { HelloFormatError } from './byte-reader.js';
import { parseHelloBody, type ClientHello } from './parse-hello-body.js';

/** The largest ClientHello accepted: 16 KiB of handshake message (Go allows 64 KiB; real ones are < 2 KiB). */
export const MAX_CLIENT_HELLO_BYTES = 16 * 1024;
/** A hello may be cut into several records; more than this many is refused. */
export const MAX_CLIENT_HELLO_RECORDS = 64;
/** Most bytes `readClientHello` ever needs to see before it answers. */
export const MAX_CLIENT_HELLO_PEEK = MAX_CLIENT_HELLO_BYTES + 4 + 5 * MAX_CLIENT_HELLO_RECORDS;

const RECORD_HANDSHAKE = 0x16;
const RECORD_SSLV2 = 0x80;
const HANDSHAKE_CLIENT_HELLO = 1;
const MAX_RECORD = 16384;

export type ClientHelloResult =
  /** not enough bytes yet: read more and call again with everything read so far */
  | { kind: 'needMore' }
  /** the first byte is not a TLS handshake record: plaintext (TCP or HTTP routers) */
  | { kind: 'notTls' }
  /** an SSLv2-style hello (first byte 0x80): TLS, but unsupported (Traefik lets the handshake fail) */
  | { kind: 'sslv2' }
  /** `bytes`: where the hello's last record ends (what follows is not part of it) */
  | { kind: 'hello'; hello: ClientHello; bytes: number }
  | { kind: 'error'; code: typeof TLS_HELLO_MALFORMED | typeof TLS_HELLO_TOO_LARGE; message: string };

const malformed = (message: string): ClientHelloResult => ({ kind: 'error', code: TLS_HELLO_MALFORMED, message: `malformed ClientHello: ${message}` });
const tooLarge = (message: string): ClientHelloResult => ({ kind: 'error', code: TLS_HELLO_TOO_LARGE, message: `ClientHello refused: ${message}` });

/**
 * Reads the ClientHello at the start of `data` (everything peeked off a connection so far),
 * reassembling a hello cut across TLS records. Pure, bounded (never looks past
 * `MAX_CLIENT_HELLO_PEEK` bytes) and strict: every length is checked, nothing is read out of
 * bounds; `needMore` as long as the bytes so far can still become a valid hello.
 */
export function readClientHello(data: Uint8Array): ClientHelloResult {
  if (data.length === 0) return { kind: 'needMore' };
  if (data[0] === RECORD_SSLV2) return { kind: 'sslv2' };
  if (data[0] !== RECORD_HANDSHAKE) return { kind: 'notTls' };
  const fragments: Uint8Array[] = [];
  let handshakeBytes = 0;
  let messageLength = -1;
  for (let offset = 0, records = 0; ; records++) {
    if (records >= MAX_CLIENT_HELLO_RECORDS) return tooLarge(`cut into more than ${MAX_CLIENT_HELLO_RECORDS} records`);
    const header = checkRecordHeader(data, offset);
    if (header !== undefined) return header;
    if (offset + 5 > data.length) return { kind: 'needMore' };
    const length = (data[offset + 3]! << 8) | data[offset + 4]!;
    if (length === 0) return malformed('empty handshake record');
    if (length > MAX_RECORD) return malformed(`record of ${length} bytes (the limit is ${MAX_RECORD})`);
    const start = offset + 5;
    const fragment = data.subarray(start, Math.min(start + length, data.length));
    fragments.push(fragment);
    const declared = handshakeBytes + length;
    handshakeBytes += fragment.length;
    if (messageLength < 0 && handshakeBytes >= 4) {
      const head = firstBytes(fragments, 4);
      if (head[0] !== HANDSHAKE_CLIENT_HELLO) return malformed(`handshake message type ${head[0]}, not ClientHello`);
      messageLength = (head[1]! << 16) | (head[2]! << 8) | head[3]!;
      if (messageLength > MAX_CLIENT_HELLO_BYTES) return tooLarge(`${messageLength} bytes (the limit is ${MAX_CLIENT_HELLO_BYTES})`);
    }
    // records carry the hello and nothing else: more than it needs is refused without waiting
    if (messageLength >= 0 && declared > 4 + messageLength) return malformed('bytes after the ClientHello in its records');
    if (messageLength >= 0 && handshakeBytes === 4 + messageLength) return parse(fragments, start + length);
    if (fragment.length < length) return { kind: 'needMore' };
    offset = start + length;
  }
}

function checkRecordHeader(data: Uint8Array, offset: number): ClientHelloResult | undefined {
  if (offset < data.length && data[offset] !== RECORD_HANDSHAKE) return malformed(`record type ${data[offset]} before the ClientHello ended`);
  if (offset + 1 < data.length && data[offset + 1] !== 3) return malformed('not a TLS record (version major byte is not 3)');
  if (offset + 2 < data.length && data[offset + 2]! > 4) return malformed(`unknown record version 3.${data[offset + 2]}`);
  return undefined;
}

function firstBytes(fragments: Uint8Array[], n: number): Uint8Array {
  const out = new Uint8Array(n);
  let filled = 0;
  for (const fragment of fragments) {
    const take = Math.min(n - filled, fragment.length);
    out.set(fragment.subarray(0, take), filled);
    filled += take;
    if (filled === n) break;
  }
  return out;
}

function parse(fragments: Uint8Array[], end: number): ClientHelloResult {
  const message = Buffer.concat(fragments);
  try {
    return { kind: 'hello', hello: parseHelloBody(message.subarray(4)), bytes: end };
  } catch (err) {
    if (err instanceof HelloFormatError) return malformed(err.message);
    throw err;
  }
}
