import type { OutgoingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { MAX_HEAD_BYTES, ResponseParser } from './response-parser.js';

interface Parsed {
  status: number;
  headers: OutgoingHttpHeaders;
  body: string;
  ended: boolean;
  keepAlive: boolean;
}

/** feeds `parts` one after the other; `eof` then signals the server's close */
function parse(parts: Buffer[], opts: { head?: boolean; eof?: boolean } = {}): Parsed {
  const out: Parsed = { status: 0, headers: {}, body: '', ended: false, keepAlive: false };
  const p = new ResponseParser({
    onHead: (status, headers) => Object.assign(out, { status, headers }),
    onBody: (chunk) => {
      out.body += chunk.toString('latin1');
    },
    onEnd: (keepAlive) => Object.assign(out, { ended: true, keepAlive }),
  });
  p.reset(opts.head === true);
  for (const part of parts) if (part.length > 0) p.execute(part);
  if (opts.eof === true) p.finish();
  return out;
}

/** every way to cut `text` in two, plus one byte at a time */
function splits(text: string): Buffer[][] {
  const b = Buffer.from(text, 'latin1');
  const all: Buffer[][] = [[b]];
  for (let i = 1; i < b.length; i++) all.push([b.subarray(0, i), b.subarray(i)]);
  all.push([...b].map((byte) => Buffer.from([byte])));
  return all;
}

const CHUNKED =
  'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nSet-Cookie: a=1\r\nX-Multi: 1\r\nx-multi: 2\r\n' +
  'Transfer-Encoding: chunked\r\nConnection: keep-alive, X-Drop\r\nX-Drop: gone\r\n\r\n' +
  '5;ext=1\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: t\r\n\r\n';

describe('ResponseParser', () => {
  it('parses a chunked response with headers the same way at every split point', () => {
    for (const parts of splits(CHUNKED)) {
      const r = parse(parts);
      expect(r).toEqual({
        status: 200,
        headers: { 'content-type': 'text/plain', 'set-cookie': ['a=1'], 'x-multi': ['1', '2'] },
        body: 'helloabcdefghijklmnopqrstuvwxyz',
        ended: true,
        keepAlive: true,
      });
    }
  });

  it('reads a Content-Length body at every split point, skipping 100 Continue', () => {
    const text = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 3\r\n\r\nabc';
    for (const parts of splits(text)) {
      expect(parse(parts)).toMatchObject({ status: 201, headers: { 'content-length': '3' }, body: 'abc', ended: true, keepAlive: true });
    }
  });

  it('reads a close-delimited body until EOF and never keeps the socket', () => {
    const parts = [Buffer.from('HTTP/1.0 200 OK\r\n\r\npart1'), Buffer.from('part2')];
    const open = parse(parts);
    expect(open).toMatchObject({ body: 'part1part2', ended: false });
    expect(parse(parts, { eof: true })).toMatchObject({ body: 'part1part2', ended: true, keepAlive: false });
  });

  it('ends at the head for HEAD, 204 and 304, whatever the length headers say', () => {
    const head = parse([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n')], { head: true });
    expect(head).toMatchObject({ status: 200, headers: { 'content-length': '99' }, body: '', ended: true, keepAlive: true });
    for (const status of [204, 304]) {
      const r = parse([Buffer.from(`HTTP/1.1 ${status} X\r\nTransfer-Encoding: chunked\r\n\r\n`)]);
      expect(r).toMatchObject({ status, body: '', ended: true, keepAlive: true });
    }
  });

  it('drops hop-by-hop and Connection-listed headers, keeps repeats as arrays', () => {
    const head = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: keep-alive, X-Hop\r\nKeep-Alive: timeout=5\r\nX-Hop: 1\r\n' +
      'Set-Cookie: a=1\r\nSet-Cookie: b=2\r\nProxy-Foo: p\r\nContent-Length: 0\r\n\r\n';
    expect(parse([Buffer.from(head)]).headers).toEqual({ 'content-type': 'text/plain', 'set-cookie': ['a=1', 'b=2'], 'content-length': '0' });
  });

  it('honours Connection: close and bytes after the response (no reuse)', () => {
    expect(parse([Buffer.from('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx')])).toMatchObject({ ended: true, keepAlive: false });
    expect(parse([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxEXTRA')])).toMatchObject({ body: 'x', keepAlive: false });
  });

  it.each([
    ['bad status line', 'HTTP/2 200 OK\r\n\r\n'],
    ['header without colon', 'HTTP/1.1 200 OK\r\nBroken\r\n\r\n'],
    ['space in header name', 'HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n'],
    ['folded header', 'HTTP/1.1 200 OK\r\nA: b\r\n c\r\n\r\n'],
    ['bad content-length', 'HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n'],
    ['conflicting content-length', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n'],
    ['bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
    ['chunk longer than its size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n'],
    ['unexpected 101', 'HTTP/1.1 101 Switching Protocols\r\n\r\n'],
  ])('rejects %s as a bad response', (_name, text) => {
    expect(() => parse([Buffer.from(text, 'latin1')])).toThrow(expect.objectContaining({ code: 'WHARF_HTTP1_BAD_RESPONSE' }));
  });

  it('rejects a response head over 16 KiB, whole or in pieces', () => {
    const big = `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(MAX_HEAD_BYTES)}\r\n\r\n`;
    const overflow = expect.objectContaining({ code: 'WHARF_HTTP1_HEADER_OVERFLOW' });
    expect(() => parse([Buffer.from(big)])).toThrow(overflow);
    const pieces = Buffer.from(big).toString().match(/.{1,1000}/gs) as string[];
    expect(() => parse(pieces.map((s) => Buffer.from(s)))).toThrow(overflow);
  });

  it('fails a premature close inside a delimited body', () => {
    const parts = [Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc')];
    expect(() => parse(parts, { eof: true })).toThrow(expect.objectContaining({ code: 'WHARF_HTTP1_SOCKET' }));
  });
});
