import type { Readable } from 'node:stream';

const CTL = /[\0\r\n]/;
const WITH_PAYLOAD = new Set(['POST', 'PUT', 'PATCH']);

/**
 * The request head as one string (written with one `socket.write`). `headers` is the flat
 * `[name, value, …]` list the transport built (hop-by-hop already removed); values carrying
 * CR/LF/NUL (set by a middleware) are dropped rather than written. Adds the body framing:
 * Content-Length for a Buffer, chunked for a stream without one, `content-length: 0` for an
 * empty POST/PUT/PATCH. Returns the head and whether the body goes chunked.
 */
export function requestHead(method: string, path: string, headers: string[], body: Buffer | Readable | null): { head: string; chunked: boolean } {
  let head = `${method} ${path} HTTP/1.1\r\n`;
  let hasLength = false;
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i] as string;
    const value = headers[i + 1] as string;
    if (CTL.test(value)) continue;
    if (name === 'content-length') {
      if (body === null || Buffer.isBuffer(body)) continue;
      hasLength = true;
    }
    head += `${name}: ${value}\r\n`;
  }
  let chunked = false;
  if (Buffer.isBuffer(body)) head += `content-length: ${body.length}\r\n`;
  else if (body !== null && !hasLength) {
    head += 'transfer-encoding: chunked\r\n';
    chunked = true;
  } else if (body === null && WITH_PAYLOAD.has(method)) head += 'content-length: 0\r\n';
  return { head: `${head}\r\n`, chunked };
}
