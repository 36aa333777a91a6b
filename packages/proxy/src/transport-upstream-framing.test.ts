import { createServer, type Server, type Socket } from 'node:net';
import type { RequestRecord } from '@wharf/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, startStack, type Stack } from './fixtures/harness.js';

// Upstreams that whoami cannot play: raw HTTP/1.1 answers through the whole forwarder.
const ANSWERS: Record<string, string> = {
  '/chunked': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Up: 1\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: t\r\n\r\n',
  '/garbage': 'NOT HTTP AT ALL\r\n\r\n',
  '/huge-head': `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\nContent-Length: 0\r\n\r\n`,
  '/early': 'HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n',
  '/until-close': 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nstream until close',
};

let upstream: Server;
let stack: Stack;
let connections = 0;
const records: RequestRecord[] = [];

beforeAll(async () => {
  upstream = createServer((socket: Socket) => {
    connections += 1;
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      if (!/^[A-Z]+ \//.test(text)) return; // request body bytes
      const path = text.split(' ')[1] ?? '';
      if (path === '/close-after') {
        // answers, then drops the keep-alive socket a moment later (a stale socket for the next request)
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
        setTimeout(() => socket.destroy(), 50);
        return;
      }
      socket.write(ANSWERS[path] ?? 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      if (path === '/until-close') socket.end();
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
  stack = await startStack({ observers: [{ onRequestEnd: (r) => records.push(r) }], routes: ({ forwardTo }) => ({ 'raw.test': forwardTo(url) }) });
});
afterAll(async () => {
  await stack.close();
  upstream.close();
});

const get = (path: string) => send(stack.port, path, { headers: { host: 'raw.test' } });

describe('forwarder against raw HTTP/1.1 upstreams', () => {
  it('relays a chunked body (trailers dropped) and a close-delimited HTTP/1.0 body', async () => {
    const chunked = await get('/chunked');
    expect(chunked).toMatchObject({ status: 200, body: 'abcde' });
    expect(chunked.headers['x-up']).toBe('1');
    expect(chunked.headers['x-trailer']).toBeUndefined();
    expect(await get('/until-close')).toMatchObject({ status: 200, body: 'stream until close' });
  });

  it('answers 502 bad response for a non-HTTP answer and for a response head over 16 KiB', async () => {
    for (const path of ['/garbage', '/huge-head']) {
      const r = await get(path);
      expect(r.status, path).toBe(502);
      expect(records.at(-1)?.errorCode, path).toBe('WHARF_UPSTREAM_BAD_RESPONSE');
    }
  });

  it('relays an answer that comes before the streamed request body ended, then serves the next request', async () => {
    const r = await send(stack.port, '/early', { method: 'POST', headers: { host: 'raw.test', 'transfer-encoding': 'chunked' }, body: Buffer.alloc(256 * 1024, 97) });
    expect(r.status).toBe(413);
    expect(await get('/chunked')).toMatchObject({ status: 200, body: 'abcde' });
  });

  it('survives an upstream that drops idle keep-alive sockets', async () => {
    for (let i = 0; i < 5; i++) {
      expect(await get('/close-after')).toMatchObject({ status: 200, body: 'ok' });
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(connections).toBeGreaterThanOrEqual(5);
  });
});
