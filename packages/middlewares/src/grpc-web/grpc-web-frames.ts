import type { OutgoingHttpHeaders } from 'node:http';
import { Transform } from 'node:stream';

/** gRPC-Web's trailer frame: flag 0x80, a 4-byte length, then `name: value\r\n` lines (names lower-case, sorted, as Go's Header.Write). */
export function trailerFrame(trailers: OutgoingHttpHeaders): Buffer {
  const lines: string[] = [];
  const entries = Object.entries(trailers).map(([name, value]) => [name.toLowerCase(), value] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [String(value)]) lines.push(`${name}: ${v.replace(/[\r\n]+/g, ' ')}\r\n`);
  }
  const text = Buffer.from(lines.join(''), 'latin1');
  const head = Buffer.alloc(5);
  head[0] = 0x80;
  head.writeUInt32BE(text.length, 1);
  return Buffer.concat([head, text]);
}

/**
 * The gRPC answer as gRPC-Web: the body as it comes, then the trailer frame built from
 * `trailers()` (read when the body has ended: HTTP/2 trailers arrive last). `text`: base64 of
 * it all (`application/grpc-web-text`), encoded in 3-byte groups so chunks join up.
 */
export function grpcWebBody(trailers: () => OutgoingHttpHeaders | undefined, text: boolean): Transform {
  let carry: Buffer = Buffer.alloc(0);
  const encode = (chunk: Buffer, last: boolean): Buffer => {
    if (!text) return chunk;
    const all = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    const whole = last ? all.length : all.length - (all.length % 3);
    carry = all.subarray(whole);
    return Buffer.from(all.subarray(0, whole).toString('base64'), 'latin1');
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, encode(chunk, false));
    },
    flush(done) {
      // always a frame, empty for a trailers-only answer (grpc-status in its headers), as improbable-eng's wrapper
      done(null, encode(trailerFrame(trailers() ?? {}), true));
    },
  });
}
