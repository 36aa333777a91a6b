import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import type { GenerationSource, TcpEntryPointRoutes, TcpRoute } from '@wharf/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import type { TcpMeter } from './handle-tcp-connection.js';
import { createTcpConnections, type TcpConnections } from './tcp-connections.js';

const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

async function setup(meter?: TcpMeter): Promise<{ tcp: TcpConnections; port: number }> {
  const echoPort = await listen(createServer({ allowHalfOpen: true }, (s) => s.pipe(s)));
  const route: TcpRoute = {
    router: 'r@file', service: 's@file', tls: 'none', tlsOptions: 'default', admit: () => () => undefined,
    pick: () => ({ address: `127.0.0.1:${echoPort}`, host: '127.0.0.1', port: echoPort, tls: false, dialTimeoutMs: 2000, terminationDelayMs: 100 }),
  };
  const r: TcpEntryPointRoutes = { plainOnly: true, route: () => route, routePostgres: () => undefined };
  const generations: GenerationSource = { current: () => ({ id: 1, route: () => undefined, tcp: () => r }) };
  const tcp = createTcpConnections({ name: 'ep', generations, ...(meter ? { meter } : {}) });
  const port = await listen(createServer({ allowHalfOpen: true, pauseOnConnect: true }, (s) => tcp.accept(s)));
  return { tcp, port };
}

async function connected(port: number): Promise<Socket> {
  const s = connect({ port, host: '127.0.0.1' });
  await once(s, 'connect');
  return s;
}

async function roundTrip(s: Socket, text: string): Promise<string> {
  s.write(text);
  const [d] = (await once(s, 'data')) as [Buffer];
  return d.toString();
}

describe('TCP connections at stop (lifeCycle)', () => {
  it('an open connection keeps flowing within graceTimeOut and close resolves when it ends', async () => {
    const { tcp, port } = await setup();
    const client = await connected(port);
    expect(await roundTrip(client, 'one')).toBe('one');
    const closing = tcp.close({ graceMs: 5_000 });
    expect(await roundTrip(client, 'two')).toBe('two');
    client.end();
    await closing;
    expect(tcp.open()).toBe(0);
  });

  it('a connection still open at graceTimeOut is cut', async () => {
    const { tcp, port } = await setup();
    const client = await connected(port);
    expect(await roundTrip(client, 'x')).toBe('x');
    const closed = once(client, 'close');
    await tcp.close({ graceMs: 50 });
    await closed;
    expect(tcp.open()).toBe(0);
  });
});

describe('TCP meter', () => {
  it('counts a connection and its bytes per router and service', async () => {
    const calls: Array<{ router: string; service: string; bytesIn: number; bytesOut: number; ended: boolean }> = [];
    const meter: TcpMeter = {
      open(_p, router, service) {
        const c = { router, service, bytesIn: 0, bytesOut: 0, ended: false };
        calls.push(c);
        return { bytes: (i, o) => ((c.bytesIn += i), (c.bytesOut += o)), end: () => void (c.ended = true) };
      },
    };
    const { port } = await setup(meter);
    const client = await connected(port);
    expect(await roundTrip(client, 'hello')).toBe('hello');
    client.end();
    await once(client, 'close');
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toEqual([{ router: 'r@file', service: 's@file', bytesIn: 5, bytesOut: 5, ended: true }]);
  });
});

describe('connections mid-peek', () => {
  it('a half-open flood beyond maxPeeking is closed; connections that sent their bytes are served', async () => {
    const echoPort = await listen(createServer((s) => s.end('hi')));
    const route: TcpRoute = {
      router: 'r', service: 's', tls: 'none', tlsOptions: 'default', admit: () => () => undefined,
      pick: () => ({ address: `127.0.0.1:${echoPort}`, host: '127.0.0.1', port: echoPort, tls: false, dialTimeoutMs: 2000, terminationDelayMs: 100 }),
    };
    // not plain-only: every connection is peeked first
    const r: TcpEntryPointRoutes = { plainOnly: false, route: () => route, routePostgres: () => undefined };
    const tcp = createTcpConnections({ name: 'ep', generations: { current: () => ({ id: 1, route: () => undefined, tcp: () => r }) }, peekTimeoutMs: 5_000, maxPeeking: 4 });
    const port = await listen(createServer({ allowHalfOpen: true, pauseOnConnect: true }, (s) => tcp.accept(s)));
    const silent = await Promise.all(Array.from({ length: 4 }, () => connected(port)));
    // the fifth silent one is over the bound: closed by wharf
    const extra = await connected(port);
    await once(extra, 'close');
    // a port scan (connect + close) frees its slot and disturbs nobody
    const scan = await connected(port);
    scan.destroy();
    // freeing one slot lets a real client through
    const freed = once(silent[0]!, 'close');
    silent[0]!.destroy();
    await freed;
    await new Promise((res) => setTimeout(res, 50));
    const client = await connected(port);
    client.write('plain bytes');
    let got = '';
    client.on('data', (d: Buffer) => (got += d.toString()));
    await once(client, 'close');
    expect(got).toBe('hi');
    for (const s of silent.slice(1)) expect(s.destroyed).toBe(false);
    silent.forEach((s) => s.destroy());
    await tcp.close();
  });
});
