import type { HttpExchange, HttpResponse } from '@wharf/config';
import { describe, expect, it } from 'vitest';
import { bodyOf, fakeExchange, streamOf } from '../testing/exchange.js';
import { createGrpcWeb } from './grpc-web.js';
import { trailerFrame } from './grpc-web-frames.js';

const MESSAGE = Buffer.from([0, 0, 0, 0, 2, 0x08, 0x01]);
const TRAILERS = { 'grpc-status': '0', 'grpc-message': 'fine' };
const FRAME_TEXT = Buffer.from('grpc-message: fine\r\ngrpc-status: 0\r\n');
const FRAME = Buffer.concat([Buffer.from([0x80, 0, 0, 0, FRAME_TEXT.length]), FRAME_TEXT]);

/** a gRPC service: records what it was sent, answers MESSAGE in `chunk`-byte pieces, trailers filled at the end */
function grpcService(chunk = MESSAGE.length) {
  const seen: Array<{ headers: HttpExchange['headers']; body?: Buffer }> = [];
  const next = (ex: HttpExchange) => async (): Promise<HttpResponse> => {
    seen.push({ headers: { ...ex.headers }, ...(ex.body !== undefined && { body: ex.body }) });
    const trailers: Record<string, string> = {};
    const body = streamOf(MESSAGE.toString('latin1'), chunk);
    body.once('end', () => Object.assign(trailers, TRAILERS));
    return { status: 200, headers: { 'content-type': 'application/grpc+proto', 'content-length': '7', 'x-app': 'a' }, body, trailers };
  };
  return { seen, next };
}

describe('grpcWeb middleware', () => {
  const step = createGrpcWeb({ allowOrigins: ['https://app.example'] });

  it('binary: the service gets gRPC; the browser gets the message and the trailer frame, headers exposed, CORS echoed', async () => {
    const svc = grpcService();
    const ex = fakeExchange({ method: 'POST', headers: { 'content-type': 'application/grpc-web+proto', 'content-length': '5', origin: 'https://app.example' }, body: '\0\0\0\0\0' });
    const res = await step(ex, svc.next(ex));
    expect(svc.seen[0]?.headers).toMatchObject({ 'content-type': 'application/grpc+proto', te: 'trailers' });
    expect(svc.seen[0]?.headers['content-length']).toBeUndefined();
    expect(res.headers).toMatchObject({
      'content-type': 'application/grpc-web+proto', 'x-app': 'a', 'access-control-allow-origin': 'https://app.example', 'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'content-type, x-app, grpc-status, grpc-message',
    });
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.trailers).toBeUndefined();
    expect(await bodyOf(res)).toEqual(Buffer.concat([MESSAGE, FRAME]));
  });

  it('text: the base64 body is decoded for the service, and the answer is base64 across any chunking', async () => {
    for (const chunk of [1, 2, 4, 7]) {
      const svc = grpcService(chunk);
      const ex = fakeExchange({ method: 'POST', headers: { 'content-type': 'application/grpc-web-text', origin: 'https://evil.example' }, body: Buffer.from([0, 0, 0, 0, 1, 0x2a]).toString('base64') });
      const res = await step(ex, svc.next(ex));
      expect(svc.seen[0]?.body).toEqual(Buffer.from([0, 0, 0, 0, 1, 0x2a]));
      expect(svc.seen[0]?.headers['content-type']).toBe('application/grpc');
      expect(res.headers['content-type']).toBe('application/grpc-web-text+proto');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const text = (await bodyOf(res)).toString('latin1');
      expect(Buffer.from(text, 'base64')).toEqual(Buffer.concat([MESSAGE, FRAME]));
    }
  });

  it('a preflight asking for x-grpc-web is answered: 204, the origin echoed only when allowed', async () => {
    const ask = (origin: string) => fakeExchange({ method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'post', 'access-control-request-headers': 'x-grpc-web,content-type,x-user-agent' } });
    const never = async (): Promise<HttpResponse> => ({ status: 500, headers: {}, body: null });
    const ok = await step(ask('https://app.example'), never);
    expect(ok).toMatchObject({ status: 204, headers: { 'access-control-allow-origin': 'https://app.example', 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'x-grpc-web,content-type,x-user-agent', 'access-control-max-age': '600' } });
    const refused = await step(ask('https://evil.example'), never);
    expect(refused.status).toBe(204);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    expect((await createGrpcWeb({ allowOrigins: ['*'] })(ask('https://any.example'), never)).headers['access-control-allow-origin']).toBe('https://any.example');
  });

  it('anything else passes through untouched: plain POST, gRPC itself, a preflight without x-grpc-web', async () => {
    const answer: HttpResponse = { status: 200, headers: { 'content-type': 'application/json' }, body: 'x' };
    for (const init of [
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      { method: 'POST', headers: { 'content-type': 'application/grpc' } },
      { method: 'OPTIONS', headers: { 'access-control-request-headers': 'content-type' } },
      { method: 'GET', headers: { 'content-type': 'application/grpc-web' } },
    ]) {
      const ex = fakeExchange(init);
      expect(await step(ex, async () => answer)).toBe(answer);
    }
  });

  it('a trailers-only answer (status in its headers) still ends with an empty trailer frame', async () => {
    const ex = fakeExchange({ method: 'POST', headers: { 'content-type': 'application/grpc-web' } });
    const res = await step(ex, async () => ({ status: 200, headers: { 'content-type': 'application/grpc', 'grpc-status': '5' }, body: null }));
    expect(res.headers['grpc-status']).toBe('5');
    expect(await bodyOf(res)).toEqual(Buffer.from([0x80, 0, 0, 0, 0]));
    expect(trailerFrame({ b: ['2', '3'], A: 'x\r\ny' }).subarray(5).toString()).toBe('a: x y\r\nb: 2\r\nb: 3\r\n');
  });
});
