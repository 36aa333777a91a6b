import { createSocket } from 'node:dgram';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWharf, type TestWharf } from './testing/harness.js';

/** wharf from a file-provider config with tcp and udp trees: plain TCP, HTTP on another port, UDP echo */
describe('TCP and UDP routing (file provider, real sockets)', () => {
  let t: TestWharf;
  let banner: Server;
  const udpEcho = createSocket('udp4');

  beforeAll(async () => {
    banner = createServer((s) => s.end('220 wharf-test ready\r\n'));
    await new Promise<void>((r) => banner.listen(0, '127.0.0.1', r));
    udpEcho.on('message', (m, r) => udpEcho.send(Buffer.concat([Buffer.from('echo:'), m]), r.port, r.address));
    await new Promise<void>((r) => udpEcho.bind(0, '127.0.0.1', r));
    const tcpPort = (banner.address() as AddressInfo).port;
    t = await startTestWharf({
      http: { routers: { web: { rule: 'PathPrefix(`/`)', service: 'noop@internal', entryPoints: ['web'] } } },
      tcp: {
        routers: { smtp: { rule: 'HostSNI(`*`)', service: 'mail', entryPoints: ['smtp'] }, bad: { rule: 'HostSNI(`a.example`)', service: 'mail', entryPoints: ['smtp'] } },
        services: { mail: { loadBalancer: { servers: [{ address: `127.0.0.1:${tcpPort}` }] } } },
      },
      udp: {
        routers: { dns: { service: 'echo' } },
        services: { echo: { loadBalancer: { servers: [{ address: `127.0.0.1:${udpEcho.address().port}` }] } } },
      },
    }, ['--entrypoints.smtp.address=127.0.0.1:0', '--entrypoints.dns.address=127.0.0.1:0/udp', '--entrypoints.dns.udp.timeout=2s', '--metrics.prometheus=true']);
  });
  afterAll(async () => {
    await t?.close();
    banner.close();
    udpEcho.close();
  });

  it('a server-speaks-first protocol gets its banner through a TCP-only entrypoint', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const s = connect({ port: t.wharf.addresses['smtp']!.port, host: '127.0.0.1' });
      let got = '';
      s.on('data', (d) => (got += d.toString()));
      s.on('close', () => resolve(got));
      s.on('error', reject);
    });
    expect(text).toBe('220 wharf-test ready\r\n');
  });

  it('HTTP on the other entrypoint is untouched', async () => {
    const res = await fetch(t.url('web'));
    expect(res.status).toBeLessThan(500);
  });

  it('UDP datagrams reach the echo server and come back', async () => {
    const client = createSocket('udp4');
    await new Promise<void>((r) => client.bind(0, '127.0.0.1', r));
    const reply = await new Promise<string>((resolve) => {
      client.once('message', (m) => resolve(m.toString()));
      client.send('ping', t.wharf.addresses['dns']!.port, '127.0.0.1');
    });
    client.close();
    expect(reply).toBe('echo:ping');
    // the session lives on for udp.timeout: counted as an open UDP connection, as Traefik labels it
    const metrics = await (await fetch(`${t.apiURL()}/metrics`)).text();
    expect(metrics).toMatch(/traefik_open_connections\{[^}]*entrypoint="dns"[^}]*protocol="UDP"[^}]*\} 1/);
  });

  it('the runtime view carries Traefik fields and per-element errors', async () => {
    const view = t.wharf.runtime.source.view();
    expect(view.tcpRouters['smtp@file']).toMatchObject({ status: 'enabled', priority: -1, priorityStr: '-1', using: ['smtp'], service: 'mail@file' });
    expect(view.tcpRouters['bad@file']).toMatchObject({ status: 'disabled' });
    expect(view.tcpRouters['bad@file']!.error![0]).toContain('has HostSNI matcher, but no TLS on router');
    expect(view.tcpServices['mail@file']).toMatchObject({ type: 'loadbalancer', usedBy: ['bad@file', 'smtp@file'] });
    expect(view.udpRouters['dns@file']).toMatchObject({ status: 'enabled', using: ['dns'] });
  });

  it('the API lists them with Traefik filters and counts them in the overview', async () => {
    const get = async (path: string) => (await fetch(`${t.apiURL()}${path}`)).json() as Promise<Record<string, unknown> & Array<Record<string, unknown>>>;
    expect((await get('/api/tcp/routers?status=disabled')).map((r) => r['name'])).toEqual(['bad@file']);
    expect((await get('/api/tcp/routers?serviceName=mail@file')).map((r) => r['name'])).toEqual(['bad@file', 'smtp@file']);
    expect(await get('/api/tcp/services/mail@file')).toMatchObject({ name: 'mail@file', type: 'loadbalancer', status: 'enabled' });
    expect((await get('/api/udp/routers')).map((r) => r['name'])).toEqual(['dns@file']);
    expect(await get('/api/udp/services/echo@file')).toMatchObject({ usedBy: ['dns@file'], type: 'loadbalancer' });
    expect((await get('/api/overview'))['tcp']).toMatchObject({ routers: { total: 2, errors: 1 }, services: { total: 1, errors: 0 } });
  });

  it('the traffic snapshot carries TCP and UDP connections and bytes per router and service', async () => {
    const snap = (await (await fetch(`${t.apiURL()}/api/wharf/traffic`)).json()) as { l4: { routers: Record<string, unknown>; services: Record<string, unknown> } };
    // the banner test: one TCP connection, 22 bytes back to the client; the UDP test: 4 bytes in, 9 out
    expect(snap.l4.routers['smtp@file']).toMatchObject({ protocol: 'tcp', total: 1, bytesIn: 0, bytesOut: 22 });
    expect(snap.l4.services['mail@file']).toMatchObject({ protocol: 'tcp', total: 1, bytesOut: 22 });
    expect(snap.l4.routers['dns@file']).toMatchObject({ protocol: 'udp', total: 1, bytesIn: 4, bytesOut: 9 });
    expect(snap.l4.services['echo@file']).toMatchObject({ protocol: 'udp', open: 1, total: 1 });
  });
});
