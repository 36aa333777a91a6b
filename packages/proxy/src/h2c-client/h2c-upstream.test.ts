import { request } from 'node:http';
import { createServer, type Http2Server, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../fixtures/harness.js';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function h2cServer(onStream: (stream: ServerHttp2Stream, headers: Record<string, unknown>) => void): Promise<{ server: Http2Server; url: string }> {
  const server = createServer();
  server.on('stream', (stream, headers) => onStream(stream, headers as Record<string, unknown>));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
  return { server, url: `h2c://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function post(stack: Stack, path: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: stack.port, method: 'POST', path, headers: { host: 'grpc.test' } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('h2c:// servers', () => {
  it('forwards an HTTP/1.1 request over cleartext HTTP/2, meaning kept', async () => {
    const { url } = await h2cServer((stream, headers) => {
      let body = '';
      stream.on('data', (c) => (body += c));
      stream.on('end', () => {
        stream.respond({ ':status': 201, 'x-up': 'h2' });
        stream.end(JSON.stringify({ method: headers[':method'], path: headers[':path'], authority: headers[':authority'], xfp: headers['x-forwarded-proto'], body }));
      });
    });
    const stack = await startStack({ routes: ({ forwardTo }) => ({ '': forwardTo(url) }) });
    cleanup.push(() => stack.close());
    const answer = await post(stack, '/svc/Method?x=1', 'payload');
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.text)).toEqual({ method: 'POST', path: '/svc/Method?x=1', authority: 'grpc.test', xfp: 'http', body: 'payload' });
  });

  it('cancels the upstream stream when the client goes away', async () => {
    let resolveClosed: (code: number) => void = () => {};
    const closed = new Promise<number>((r) => (resolveClosed = r));
    const { url } = await h2cServer((stream) => {
      stream.respond({ ':status': 200 });
      stream.write('first');
      stream.on('close', () => resolveClosed(stream.rstCode));
    });
    const stack = await startStack({ routes: ({ forwardTo }) => ({ '': forwardTo(url) }) });
    cleanup.push(() => stack.close());
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port: stack.port, path: '/stream', headers: { host: 'grpc.test' } }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.end();
    });
    expect(await closed).toBe(8 /* NGHTTP2_CANCEL */);
  });
});
