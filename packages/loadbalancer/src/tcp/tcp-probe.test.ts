import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHealthRegistry } from '../health/health-registry.js';
import { tcpProbe, type TcpProbeTarget } from './tcp-probe.js';
import { createTcpServerHealth } from './tcp-server-health.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const open: Array<{ server: Server; sockets: Set<Socket> }> = [];
const controllers: AbortController[] = [];
afterEach(async () => {
  for (const c of controllers.splice(0)) c.abort();
  for (const o of open.splice(0)) await close(o);
});

async function listen(server: Server, port = 0): Promise<{ server: Server; sockets: Set<Socket>; port: number }> {
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const entry = { server, sockets, port: (server.address() as AddressInfo).port };
  open.push(entry);
  return entry;
}

function close(o: { server: Server; sockets: Set<Socket> }): Promise<void> {
  for (const s of o.sockets) s.destroy();
  return new Promise((r) => o.server.close(() => r()));
}

/** a Redis-like server: answers `+PONG` to `PING`, in two pieces */
const pong = () => createServer((s) => s.on('data', (d) => {
  if (!d.toString().startsWith('PING')) return void s.end('-ERR unknown command\r\n');
  s.write('+PO');
  setTimeout(() => s.write('NG\r\n'), 20);
}));

const target = (port: number, over: Partial<TcpProbeTarget> = {}): TcpProbeTarget => ({ host: '127.0.0.1', port, tls: false, timeoutMs: 1000, ...over });
const signal = () => new AbortController().signal;

describe('TCP probe against real loopback servers', () => {
  it('connect-only: UP when the port accepts, ECONNREFUSED when nothing listens', async () => {
    const { port, server } = await listen(createServer((s) => s.end()));
    expect(await tcpProbe(target(port), signal())).toEqual({ ok: true, result: 'connected' });
    await close({ server, sockets: new Set() });
    expect(await tcpProbe(target(port), signal())).toEqual({ ok: false, result: 'ECONNREFUSED' });
  });

  it('send + expect: the reply, arriving in pieces, must start with the expected bytes', async () => {
    const { port } = await listen(pong());
    expect(await tcpProbe(target(port, { send: 'PING\r\n', expect: '+PONG' }), signal())).toEqual({ ok: true, result: 'expected reply' });
    expect(await tcpProbe(target(port, { send: 'HELLO\r\n', expect: '+PONG' }), signal())).toEqual({ ok: false, result: 'unexpected reply' });
  });

  it('a server that never answers fails with timeout; one that closes early fails too', async () => {
    const silent = await listen(createServer(() => undefined));
    const started = Date.now();
    expect(await tcpProbe(target(silent.port, { send: 'PING', expect: 'PONG', timeoutMs: 150 }), signal())).toEqual({ ok: false, result: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1000);
    const early = await listen(createServer((s) => s.end('PO')));
    expect(await tcpProbe(target(early.port, { expect: 'PONG' }), signal())).toEqual({ ok: false, result: 'closed before the expected reply' });
  });

  it('a server with tls: the probe completes the handshake (certificate checked unless insecureSkipVerify)', async () => {
    const tls = await listen(createTlsServer({ key: fixture('selfsigned-key.pem'), cert: fixture('selfsigned-cert.pem') }, (s) => {
      s.on('data', () => s.end('ok'));
    }));
    expect(await tcpProbe(target(tls.port, { tls: true, insecureSkipVerify: true, send: 'x', expect: 'ok' }), signal())).toEqual({ ok: true, result: 'expected reply' });
    const verified = await tcpProbe(target(tls.port, { tls: true }), signal());
    expect(verified.ok).toBe(false);
    expect(verified.result).toMatch(/CERT|SELF_SIGNED|UNABLE/);
  });

  it('aborting the signal ends a probe in flight', async () => {
    const silent = await listen(createServer(() => undefined));
    const c = new AbortController();
    const pending = tcpProbe(target(silent.port, { expect: 'x', timeoutMs: 10_000 }), c.signal);
    setTimeout(() => c.abort(), 20);
    expect(await pending).toEqual({ ok: false, result: 'aborted' });
  });
});

describe('TCP health of a service whose server goes down and comes back (real sockets)', () => {
  it('DOWN within an unhealthy round after the server stops, UP again once it listens on the same port', async () => {
    const a = await listen(pong());
    const b = await listen(pong());
    const c = new AbortController();
    controllers.push(c);
    const servers = [a, b].map((x) => ({ address: `127.0.0.1:${x.port}`, host: '127.0.0.1', port: x.port, tls: false }));
    const h = createTcpServerHealth({ interval: '50ms', timeout: '500ms', send: 'PING\r\n', expect: '+PONG' }, servers,
      { serviceName: 'redis@file', health: createHealthRegistry(), signal: c.signal });
    await h.ready();
    expect(h.servers().map((s) => s.state)).toEqual(['UP', 'UP']);
    await close(b);
    await vi.waitFor(() => expect(h.servers()[1]).toMatchObject({ state: 'DOWN', lastResult: 'ECONNREFUSED' }), { timeout: 3000 });
    expect(h.isUp(servers[0]!.address)).toBe(true);
    await listen(pong(), b.port);
    await vi.waitFor(() => expect(h.servers()[1]).toMatchObject({ state: 'UP', lastResult: 'expected reply' }), { timeout: 3000 });
  });
});
