import { Agent, request } from 'node:http';
import { startWhoami, type WhoamiServer } from '@wharf/whoami';
import type { RequestRecord } from '@wharf/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntryPoint } from './entry-point.js';
import { generation, send, startStack, SwitchableSource, type Stack } from './fixtures/harness.js';

let w1: WhoamiServer;
let w2: WhoamiServer;
let stack: Stack;
const records: RequestRecord[] = [];
const logged: string[] = [];

beforeAll(async () => {
  w1 = await startWhoami({ name: 'w1' });
  w2 = await startWhoami({ name: 'w2' });
  stack = await startStack({
    observers: [{ onRequestEnd: (r) => records.push(r) }],
    log: (m) => logged.push(m),
    routes: ({ forwardTo }) => ({
      'app.test': forwardTo(w1.url),
      'boom.test': () => Promise.reject(new Error('kaboom')),
      'badheader.test': () => Promise.resolve({ status: 200, headers: { 'x-bad': 'a\nb' }, body: 'x' }),
      'sync-boom.test': () => {
        throw new Error('sync kaboom');
      },
    }),
  });
});
afterAll(async () => {
  await stack.close();
  await w1.close();
  await w2.close();
});

describe('entrypoint', () => {
  it('counts open client connections', async () => {
    const { connect } = await import('node:net');
    const before = stack.ep.openConnections();
    const socket = connect(stack.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    for (let i = 0; i < 100 && stack.ep.openConnections() !== before + 1; i++) await new Promise((r) => setTimeout(r, 10));
    expect(stack.ep.openConnections()).toBe(before + 1);
    socket.destroy();
    for (let i = 0; i < 100 && stack.ep.openConnections() !== before; i++) await new Promise((r) => setTimeout(r, 10));
    expect(stack.ep.openConnections()).toBe(before);
  });

  it('routes by host to the handler and answers through the transport', async () => {
    const r = await send(stack.port, '/hello?x=1', { headers: { host: 'App.Test:8080' } });
    expect(r.status).toBe(200);
    expect(r.headers['x-whoami-name']).toBe('w1');
    expect(r.body).toContain('GET /hello?x=1 HTTP/1.1');
  });

  it('answers 404 page not found when no router matches', async () => {
    const r = await send(stack.port, '/', { headers: { host: 'nobody.test' } });
    expect(r.status).toBe(404);
    expect(r.body).toBe('404 page not found\n'); // Go's http.NotFound, as Traefik
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('answers 400 for a malformed percent-escape', async () => {
    const r = await send(stack.port, '/a%zz', { headers: { host: 'app.test' } });
    expect(r.status).toBe(400);
  });

  it('answers 500 and logs when a handler throws or rejects, and keeps serving', async () => {
    expect((await send(stack.port, '/', { headers: { host: 'boom.test' } })).status).toBe(500);
    expect((await send(stack.port, '/', { headers: { host: 'sync-boom.test' } })).status).toBe(500);
    expect(logged.some((m) => m.includes('handler failed'))).toBe(true);
    expect((await send(stack.port, '/', { headers: { host: 'app.test' } })).status).toBe(200);
  });

  it('answers 502 instead of crashing when a response cannot be written', async () => {
    expect((await send(stack.port, '/', { headers: { host: 'badheader.test' } })).status).toBe(502);
    expect((await send(stack.port, '/', { headers: { host: 'app.test' } })).status).toBe(200);
  });

  it('hands a RequestRecord to observers after the response', async () => {
    records.length = 0;
    await send(stack.port, '/rec', { headers: { host: 'app.test' } });
    await expect.poll(() => records.length, { timeout: 5000 }).toBeGreaterThan(0);
    const rec = records[0] as RequestRecord;
    expect(rec).toMatchObject({ entryPoint: 'web', method: 'GET', host: 'app.test', path: '/rec', status: 200, clientIP: '127.0.0.1', server: w1.url });
    expect(rec.router).toBe('r-app.test@test');
    expect(rec.responseBytes).toBeGreaterThan(100);
    expect(rec.requestBytes).toBeGreaterThan(10);
    expect(rec.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('finishes an in-flight request on the old generation after a swap', async () => {
    const old = stack.source.gen;
    const pending = send(stack.port, '/delay?ms=300', { headers: { host: 'app.test' } });
    await new Promise((r) => setTimeout(r, 80));
    stack.source.gen = generation(2, { 'app.test': stack.forwardTo(w2.url) });
    const [first, second] = await Promise.all([pending, send(stack.port, '/', { headers: { host: 'app.test' } })]);
    stack.source.gen = old;
    expect(first.status).toBe(200);
    expect(first.headers['x-whoami-name']).toBe('w1');
    expect(second.headers['x-whoami-name']).toBe('w2');
  });

  it('fails listen with WHARF_ENTRYPOINT_LISTEN naming the entrypoint and address', async () => {
    const ep = createEntryPoint({ name: 'web', host: '127.0.0.1', port: stack.port, generations: new SwitchableSource(generation(1, {})) });
    await expect(ep.listen()).rejects.toMatchObject({
      code: 'WHARF_ENTRYPOINT_LISTEN',
      message: `entryPoint web: address 127.0.0.1:${stack.port} is already in use`,
    });
  });

  it('closes gracefully: in-flight requests finish, new connections are refused', async () => {
    const s = await startStack({ routes: ({ forwardTo }) => ({ '': forwardTo(w1.url) }) });
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    const pending = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      request({ host: '127.0.0.1', port: s.port, path: '/delay?ms=300', agent: keepAlive }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
      }).on('error', reject).end();
    });
    await new Promise((r) => setTimeout(r, 80));
    const closing = s.ep.close(5000);
    await new Promise((r) => setTimeout(r, 20));
    const refused = await send(s.port, '/').then(
      () => false,
      () => true,
    );
    expect(await pending).toEqual({ status: 200, connection: 'close' });
    await closing;
    keepAlive.destroy();
    await s.transport.close();
    expect(refused).toBe(true);
  });
});
