import { createServer, type Http2Server, type IncomingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWharf, type TestWharf } from './testing/harness.js';

/**
 * Traefik's `grpcWeb` middleware on a running wharf: a browser-style gRPC-Web call over
 * HTTP/1.1 reaches a gRPC server (cleartext HTTP/2, `h2c://`) as gRPC and comes back as gRPC-Web,
 * with the server's trailers in the body.
 */
describe('grpcWeb in front of an h2c gRPC server', () => {
  let t: TestWharf;
  let server: Http2Server;
  const seen: IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    server = createServer();
    server.on('stream', (stream, headers) => {
      seen.push(headers);
      stream.resume();
      stream.on('end', () => {
        stream.respond({ ':status': 200, 'content-type': 'application/grpc+proto' }, { waitForTrailers: true });
        stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0', 'grpc-message': 'ok' }));
        stream.end(Buffer.from([0, 0, 0, 0, 2, 0x08, 0x07]));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    t = await startTestWharf({
      http: {
        routers: { api: { rule: 'PathPrefix(`/pkg.Svc/`)', service: 'grpc', middlewares: ['gw'] } },
        middlewares: { gw: { grpcWeb: { allowOrigins: ['https://app.example'] } } },
        services: { grpc: { loadBalancer: { servers: [{ url: `h2c://127.0.0.1:${(server.address() as AddressInfo).port}` }] } } },
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((r) => server?.close(() => r()));
  });

  const trailer = Buffer.concat([Buffer.from([0x80, 0, 0, 0, 34]), Buffer.from('grpc-message: ok\r\ngrpc-status: 0\r\n')]);

  it('binary: gRPC upstream (TE: trailers, content type), gRPC-Web back with the trailer frame', async () => {
    const res = await fetch(`${t.url()}/pkg.Svc/Call`, { method: 'POST', headers: { 'content-type': 'application/grpc-web+proto', 'x-grpc-web': '1', origin: 'https://app.example' }, body: new Uint8Array([0, 0, 0, 0, 0]) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/grpc-web+proto');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(res.headers.get('access-control-expose-headers')).toContain('grpc-status');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.concat([Buffer.from([0, 0, 0, 0, 2, 0x08, 0x07]), trailer]));
    expect(seen.at(-1)).toMatchObject({ 'content-type': 'application/grpc+proto', te: 'trailers', ':method': 'POST', ':path': '/pkg.Svc/Call' });
  });

  it('text: base64 both ways; a preflight is answered by wharf', async () => {
    const res = await fetch(`${t.url()}/pkg.Svc/Call`, { method: 'POST', headers: { 'content-type': 'application/grpc-web-text' }, body: Buffer.from([0, 0, 0, 0, 0]).toString('base64') });
    expect(res.headers.get('content-type')).toBe('application/grpc-web-text+proto');
    expect(Buffer.from(await res.text(), 'base64')).toEqual(Buffer.concat([Buffer.from([0, 0, 0, 0, 2, 0x08, 0x07]), trailer]));
    const before = seen.length;
    const pre = await fetch(`${t.url()}/pkg.Svc/Call`, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-grpc-web' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(seen.length).toBe(before);
  });
});
