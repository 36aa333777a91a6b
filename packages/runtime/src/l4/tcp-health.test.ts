import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { DynamicConfig, TcpHealthCheck } from '@wharf/config';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testRuntime } from '../fixtures/runtime.js';
import type { Runtime } from '../runtime.js';

interface Backend { server: Server; sockets: Set<Socket>; port: number; address: string }
const backends: Backend[] = [];
const runtimes: Runtime[] = [];
afterEach(async () => {
  for (const r of runtimes.splice(0)) r.close();
  for (const b of backends.splice(0)) await stop(b);
});

async function start(port = 0): Promise<Backend> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('data', (d) => s.write(d.toString().startsWith('PING') ? '+PONG\r\n' : '-ERR\r\n'));
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const p = (server.address() as AddressInfo).port;
  const b = { server, sockets, port: p, address: `127.0.0.1:${p}` };
  backends.push(b);
  return b;
}

function stop(b: Backend): Promise<void> {
  for (const s of b.sockets) s.destroy();
  return new Promise((r) => (b.server.listening ? b.server.close(() => r()) : r()));
}

const WAIT = { timeout: 4000, interval: 20 };
const conn = { sni: '', alpn: [], clientIp: '10.0.0.1', tls: false };

function l4(addresses: string[], healthCheck?: TcpHealthCheck): DynamicConfig {
  return {
    http: { routers: {}, services: {}, middlewares: {} },
    tcp: {
      routers: { 'r@file': { rule: 'HostSNI(`*`)', service: 'redis@file', entryPoints: ['web'] } },
      services: { 'redis@file': { loadBalancer: { servers: addresses.map((address) => ({ address })), ...(healthCheck ? { healthCheck } : {}) } } },
    },
  };
}

function runtime() {
  const { runtime: r } = testRuntime();
  runtimes.push(r);
  return r;
}

const picks = (r: Runtime, n: number) => Array.from({ length: n }, () => r.current().tcp!('web')!.route(conn)!.pick()?.address);
const status = (r: Runtime) => r.source.view().tcpServices['redis@file']!.serverStatus;
const CHECK: TcpHealthCheck = { interval: '40ms', timeout: '500ms', send: 'PING\r\n', expect: '+PONG' };

describe('TCP health checks in the runtime (real servers on loopback)', () => {
  it('without a check every server is UP and picked', async () => {
    const a = await start();
    const r = runtime();
    r.apply(l4([a.address, '127.0.0.1:1']));
    expect(status(r)).toEqual({ [a.address]: 'UP', '127.0.0.1:1': 'UP' });
    expect(new Set(picks(r, 4))).toEqual(new Set([a.address, '127.0.0.1:1']));
  });

  it('a DOWN server gets no new connections, all DOWN picks nothing, a server back is picked again', async () => {
    const a = await start();
    const b = await start();
    const r = runtime();
    r.apply(l4([a.address, b.address], CHECK));
    await vi.waitFor(() => expect(status(r)).toEqual({ [a.address]: 'UP', [b.address]: 'UP' }), WAIT);
    expect(new Set(picks(r, 4))).toEqual(new Set([a.address, b.address]));

    await stop(b);
    await vi.waitFor(() => expect(status(r)![b.address]).toBe('DOWN'), WAIT);
    expect(new Set(picks(r, 6))).toEqual(new Set([a.address]));
    const view = r.source.view();
    expect(view.tcpServices['redis@file']!.health).toMatchObject({ state: 'degraded', serversUp: 1, serversTotal: 2 });
    expect(view.diagnostics).toContainEqual(expect.objectContaining({ code: 'WHARF_TCP_SERVER_DOWN', severity: 'warning', element: { kind: 'service', name: 'redis' } }));
    expect(view.diagnostics.find((d) => d.code === 'WHARF_TCP_SERVER_DOWN')!.message).toContain(`${b.address} of service redis@file is DOWN (health check: ECONNREFUSED)`);

    await stop(a);
    await vi.waitFor(() => expect(status(r)![a.address]).toBe('DOWN'), WAIT);
    expect(picks(r, 3)).toEqual([undefined, undefined, undefined]);

    await start(b.port);
    await vi.waitFor(() => expect(status(r)![b.address]).toBe('UP'), WAIT);
    expect(new Set(picks(r, 4))).toEqual(new Set([b.address]));
  });

  it('a server that answers the wrong reply is DOWN', async () => {
    const a = await start();
    const r = runtime();
    r.apply(l4([a.address], { ...CHECK, send: 'HELLO\r\n' }));
    await vi.waitFor(() => expect(r.source.view().tcpServices['redis@file']!.health!.servers[0]).toMatchObject({ state: 'DOWN', lastResult: 'unexpected reply' }), WAIT);
  });

  it('keeps the verdicts across generations while the check is unchanged; a changed check starts afresh', async () => {
    const a = await start();
    const r = runtime();
    const slow: TcpHealthCheck = { ...CHECK, interval: '1h' };
    r.apply(l4([a.address, '127.0.0.1:1'], slow));
    await vi.waitFor(() => expect(status(r)).toEqual({ [a.address]: 'UP', '127.0.0.1:1': 'DOWN' }), WAIT);
    const before = r.current();
    // another element changes: a new generation, the same check → same verdicts at once, no new probe needed
    r.apply({ ...l4([a.address, '127.0.0.1:1'], slow), udp: { routers: {}, services: {} } });
    r.apply(l4([a.address, '127.0.0.1:1', '127.0.0.1:2'], slow));
    await vi.waitFor(() => expect(r.source.view().tcpServices['redis@file']!.serverStatus!['127.0.0.1:2']).toBe('DOWN'), WAIT);
    expect(r.current()).not.toBe(before);
    const servers = r.source.view().tcpServices['redis@file']!.health!.servers;
    expect(servers.find((s) => s.url === a.address)).toMatchObject({ state: 'UP', lastResult: 'expected reply' });
    expect(servers.find((s) => s.url === '127.0.0.1:1')).toMatchObject({ state: 'DOWN', reason: 'active-check' });
    // the check changes: its verdicts are not reused (the new probe decides)
    r.apply(l4([a.address, '127.0.0.1:1'], { ...slow, send: 'HELLO\r\n' }));
    await vi.waitFor(() => expect(status(r)![a.address]).toBe('DOWN'), WAIT);
  });

  it('a weighted service skips a child with no UP server', async () => {
    const a = await start();
    const r = runtime();
    const config = l4([a.address], CHECK);
    config.tcp!.services!['dead@file'] = { loadBalancer: { servers: [{ address: '127.0.0.1:1' }], healthCheck: CHECK } };
    config.tcp!.services!['w@file'] = { weighted: { services: [{ name: 'dead@file', weight: 5 }, { name: 'redis@file', weight: 1 }] } };
    config.tcp!.routers!['r@file']!.service = 'w@file';
    r.apply(config);
    await vi.waitFor(() => expect(r.source.view().tcpServices['dead@file']!.serverStatus).toEqual({ '127.0.0.1:1': 'DOWN' }), WAIT);
    await vi.waitFor(() => expect(status(r)![a.address]).toBe('UP'), WAIT);
    expect(picks(r, 5)).toEqual(Array(5).fill(a.address));
  });

  it('rejects a malformed healthCheck on the service, warns on an over-long payload', async () => {
    const r = runtime();
    r.apply(l4(['127.0.0.1:1'], { port: 'x' as unknown as number, interval: 'soon' }));
    const svc = r.source.view().tcpServices['redis@file']!;
    expect(svc.status).toBe('disabled');
    expect(svc.error).toEqual(['"healthCheck.port" must be a port number', '"healthCheck.interval" must be a duration such as 10s']);
    r.apply(l4(['127.0.0.1:1'], { send: 'x'.repeat(70_000), interval: '1h' }));
    await vi.waitFor(() => expect(r.source.view().tcpServices['redis@file']!.status).not.toBe('disabled'), WAIT);
    const warned = r.source.view().tcpServices['redis@file']!;
    expect(warned.status).toBe('warning');
    expect(warned.error![0]).toContain('send exceeds the maximum allowed size of 65535 bytes');
  });
});
