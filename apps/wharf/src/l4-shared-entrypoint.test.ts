import { createServer, type AddressInfo, type Server } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWharf, type TestWharf } from './testing/harness.js';

/**
 * One entrypoint with HTTPS routers and TCP TLS-terminating routes, real TLS clients: Traefik's
 * order (HTTPS with a specific host, TCP TLS routes, HTTPS catch-all, TCP TLS catch-all).
 */
describe('HTTPS and TCP TLS routes on one entrypoint (real sockets)', () => {
  let t: TestWharf;
  let echo: Server;

  beforeAll(async () => {
    echo = createServer((s) => s.on('data', (d) => s.end(`tcp:${d}`)));
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    const service = { loadBalancer: { servers: [{ address: `127.0.0.1:${(echo.address() as AddressInfo).port}` }] } };
    t = await startTestWharf({
      http: {
        routers: {
          app: { rule: 'Host(`app.test`)', service: 'noop@internal', entryPoints: ['secure'], tls: {} },
        },
      },
      tcp: {
        routers: {
          // same SNI as the HTTPS router: HTTPS wins (Traefik)
          shadowed: { rule: 'HostSNI(`app.test`)', service: 'echo', entryPoints: ['secure'], tls: {} },
          db: { rule: 'HostSNI(`db.test`)', service: 'echo', entryPoints: ['secure'], tls: {} },
          rest: { rule: 'HostSNI(`*`)', service: 'echo', entryPoints: ['secure'], tls: {} },
        },
        services: { echo: service },
      },
    }, ['--entrypoints.secure.address=127.0.0.1:0']);
  });
  afterAll(async () => {
    await t?.close();
    echo.close();
  });

  /** a TLS client that writes an HTTP request; answers what came back first */
  const ask = (servername: string) => new Promise<string>((resolve, reject) => {
    const s = tlsConnect({ port: t.wharf.addresses['secure']!.port, host: '127.0.0.1', servername, rejectUnauthorized: false }, () => {
      s.write(`GET / HTTP/1.1\r\nHost: ${servername}\r\nConnection: close\r\n\r\n`);
    });
    let got = '';
    s.on('data', (d) => (got += d.toString()));
    s.once('error', reject);
    s.once('close', () => resolve(got));
  });

  it('an HTTPS router with the SNI as its host takes the connection before a TCP route for the same SNI', async () => {
    expect(await ask('app.test')).toMatch(/^HTTP\/1\.1 418/);
  });

  it('other SNIs go to the TCP TLS routes, the specific one and then the catch-all', async () => {
    expect(await ask('db.test')).toMatch(/^tcp:GET \/ HTTP\/1\.1/);
    expect(await ask('other.test')).toMatch(/^tcp:GET \/ HTTP\/1\.1/);
  });

  it('an HTTPS catch-all (no Host) takes what no specific route names, before the TCP TLS catch-all', async () => {
    const dynamic = {
      http: { routers: { any: { rule: 'PathPrefix(`/`)', service: 'noop@internal', entryPoints: ['secure'], tls: {} } } },
      tcp: {
        routers: {
          db: { rule: 'HostSNI(`db.test`)', service: 'echo', entryPoints: ['secure'], tls: {} },
          rest: { rule: 'HostSNI(`*`)', service: 'echo', entryPoints: ['secure'], tls: {} },
        },
        services: { echo: { loadBalancer: { servers: [{ address: `127.0.0.1:${(echo.address() as AddressInfo).port}` }] } } },
      },
    };
    await t.update(dynamic, () => t.wharf.runtime.source.view().routers['any@file']?.status === 'enabled');
    expect(await ask('db.test')).toMatch(/^tcp:GET/);
    expect(await ask('other.test')).toMatch(/^HTTP\/1\.1 418/);
  });
});
