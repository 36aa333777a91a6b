import { request } from 'node:http';
import { connect as h2connect, createServer, type IncomingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRuntime } from '@wharf/runtime';
import { generateDefaultCertificate } from '@wharf/tls';
import { createEntryPoint } from '../entry-point.js';
import { startStack } from '../fixtures/harness.js';
import { createTransport } from '../transport.js';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** A gRPC-shaped h2c server: one length-prefixed message, then `grpc-status` in trailers; records what it was sent. */
async function grpcServer(): Promise<{ url: string; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer();
  server.on('stream', (stream, headers) => {
    seen.push(headers);
    stream.resume();
    stream.on('end', () => {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0', 'grpc-message': 'fine' }));
      stream.end(Buffer.from([0, 0, 0, 0, 2, 0x08, 0x01]));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
  return { url: `h2c://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('gRPC through wharf: TE and trailers', () => {
  it('HTTP/1.1 client: `TE: trailers` reaches the server, the trailers come back in the chunked answer', async () => {
    const grpc = await grpcServer();
    const stack = await startStack({ routes: ({ forwardTo }) => ({ '': forwardTo(grpc.url) }) });
    cleanup.push(() => stack.close());
    const answer = await new Promise<{ status: number; trailers: Record<string, string | undefined>; bytes: number }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: stack.port, method: 'POST', path: '/pkg.Svc/Call', headers: { host: 'grpc.test', te: 'trailers', 'content-type': 'application/grpc' } }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, trailers: res.trailers, bytes }));
      });
      req.on('error', reject);
      req.end(Buffer.from([0, 0, 0, 0, 0]));
    });
    expect(answer).toMatchObject({ status: 200, bytes: 7, trailers: { 'grpc-status': '0', 'grpc-message': 'fine' } });
    expect(grpc.seen[0]?.te).toBe('trailers');
  });

  it('a TE without `trailers` is still dropped (hop-by-hop), and a plain answer is unchanged', async () => {
    const grpc = await grpcServer();
    const stack = await startStack({ routes: ({ forwardTo }) => ({ '': forwardTo(grpc.url) }) });
    cleanup.push(() => stack.close());
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: stack.port, method: 'POST', path: '/x', headers: { host: 'grpc.test', te: 'gzip' } }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end();
    });
    expect(grpc.seen[0]?.te).toBeUndefined();
  });

  it('HTTP/2 client over TLS: a gRPC call gets its message and grpc-status trailers', async () => {
    const grpc = await grpcServer();
    const transport = createTransport();
    const runtime = createRuntime({ entryPoints: [{ name: 'websecure', address: ':0' }], transport, defaultCertificate: await generateDefaultCertificate(), warmUpMs: 0 });
    runtime.apply({
      http: {
        routers: { 'grpc@file': { rule: 'Host(`grpc.test`)', service: 'grpc@file', tls: {} } },
        services: { 'grpc@file': { loadBalancer: { servers: [{ url: grpc.url }] } } },
        middlewares: {},
      },
    });
    const ep = createEntryPoint({ name: 'websecure', host: '127.0.0.1', port: 0, generations: runtime, log: () => {} });
    await ep.listen();
    cleanup.push(() => transport.close(), () => runtime.close(), () => ep.close(50));
    const session = h2connect(`https://127.0.0.1:${ep.address!.port}`, { servername: 'grpc.test', rejectUnauthorized: false });
    session.on('error', () => undefined);
    cleanup.push(() => void session.close());
    const result = await new Promise<{ status: unknown; bytes: number; trailers: IncomingHttpHeaders }>((resolve, reject) => {
      const stream = session.request({ ':method': 'POST', ':path': '/pkg.Svc/Call', ':authority': 'grpc.test', 'content-type': 'application/grpc', te: 'trailers' });
      let status: unknown;
      let bytes = 0;
      let trailers: IncomingHttpHeaders = {};
      stream.on('response', (h) => (status = h[':status']));
      stream.on('trailers', (t) => (trailers = t));
      stream.on('data', (c: Buffer) => (bytes += c.length));
      stream.on('end', () => resolve({ status, bytes, trailers }));
      stream.on('error', reject);
      stream.end(Buffer.from([0, 0, 0, 0, 0]));
    });
    expect(result).toMatchObject({ status: 200, bytes: 7, trailers: { 'grpc-status': '0', 'grpc-message': 'fine' } });
    expect(grpc.seen[0]?.te).toBe('trailers');
  });
});
