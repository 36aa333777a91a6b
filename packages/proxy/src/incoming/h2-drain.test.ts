import { connect as h2connect, type ClientHttp2Session } from 'node:http2';
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpHandler } from '@wharf/config';
import { createRuntime } from '@wharf/runtime';
import { generateDefaultCertificate } from '@wharf/tls';
import { createEntryPoint, type EntryPoint } from '../entry-point.js';
import { createTransport } from '../transport.js';

let stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
});

/** a TLS entrypoint (entrypoint http.tls) whose only route answers when `release` is called */
async function start(): Promise<{ ep: EntryPoint; port: number; started: Promise<void>; release: () => void }> {
  let release!: () => void;
  let markStarted!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const started = new Promise<void>((r) => (markStarted = r));
  const slow: HttpHandler = async () => {
    markStarted();
    await released;
    return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'finished' };
  };
  const transport = createTransport();
  const runtime = createRuntime({
    entryPoints: [{ name: 'websecure', address: ':0', tls: {} }],
    transport,
    internalServices: { 'slow@internal': slow },
    defaultCertificate: await generateDefaultCertificate(),
    warmUpMs: 0,
  });
  runtime.apply({ http: { routers: { 'any@file': { rule: 'PathPrefix(`/`)', service: 'slow@internal' } }, services: {}, middlewares: {} } });
  const ep = createEntryPoint({ name: 'websecure', host: '127.0.0.1', port: 0, generations: runtime, log: () => {} });
  await ep.listen();
  stops.push(() => transport.close(), () => runtime.close(), () => release());
  return { ep, port: ep.address!.port, started, release };
}

function answer(session: ClientHttp2Session): Promise<{ status?: number; body: string; error?: string }> {
  return new Promise((resolve) => {
    const stream = session.request({ ':path': '/slow', ':authority': 'x.test' });
    let status: number | undefined;
    let body = '';
    stream.on('response', (h) => (status = Number(h[':status'])));
    stream.setEncoding('utf8').on('data', (c: string) => (body += c));
    stream.on('end', () => resolve({ status, body }));
    stream.on('error', (err) => resolve({ status, body, error: (err as NodeJS.ErrnoException).code ?? err.message }));
    stream.end();
  });
}

describe('HTTP/2 graceful drain on stop', () => {
  it('sends GOAWAY to open sessions and lets their in-flight streams finish within the grace period', async () => {
    const { ep, port, started, release } = await start();
    const session = h2connect(`https://127.0.0.1:${port}`, { servername: 'x.test', rejectUnauthorized: false });
    stops.push(() => void session.destroy());
    session.on('error', () => undefined);
    const goaway = new Promise<number>((r) => session.once('goaway', (code: number) => r(code)));
    const inFlight = answer(session);
    await started;
    const t0 = Date.now();
    const closed = ep.close(10_000);
    expect(await goaway).toBe(0); // NO_ERROR: a graceful GOAWAY
    // the listener takes no new connection while draining
    const late = h2connect(`https://127.0.0.1:${port}`, { servername: 'x.test', rejectUnauthorized: false });
    const refused = await new Promise<boolean>((r) => { late.once('error', () => r(true)); late.once('connect', () => r(false)); });
    late.destroy();
    expect(refused).toBe(true);
    release();
    expect(await inFlight).toEqual({ status: 200, body: 'finished' });
    await closed;
    expect(Date.now() - t0).toBeLessThan(5_000); // closed once the stream finished, not at the deadline
  });

  it('cuts a stream still running at the end of the grace period', async () => {
    const { ep, port, started } = await start();
    const session = h2connect(`https://127.0.0.1:${port}`, { servername: 'x.test', rejectUnauthorized: false });
    stops.push(() => void session.destroy());
    session.on('error', () => undefined);
    const inFlight = answer(session);
    await started;
    const t0 = Date.now();
    await ep.close(300);
    const elapsed = Date.now() - t0;
    const result = await inFlight;
    expect(result.status).toBeUndefined();
    expect(result.body).toBe('');
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(3_000);
  });
});
