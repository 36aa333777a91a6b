import type { DynamicConfig, RouterConfig, TcpRouterConfig } from '@wharf/config';
import { generateDefaultCertificate } from '@wharf/tls';
import { describe, expect, it } from 'vitest';
import { testRuntime } from '../fixtures/runtime.js';

// HTTPS routers only exist where TLS is on (the app always has its generated default certificate)
const defaultCertificate = await generateDefaultCertificate();

/**
 * Traefik's order on an entrypoint that carries HTTPS routers and TCP routes
 * (pkg/server/router/tcp/router.go ServeTCP): ACME TLS-ALPN, HTTPS routers with a specific host,
 * TCP TLS routes, the HTTPS catch-all, the TCP TLS catch-all, then HTTPS (404).
 */
const tls = (sni: string, alpn: string[] = []) => ({ sni, alpn, clientIp: '10.0.0.1', tls: true });
const plain = { sni: '', alpn: [], clientIp: '10.0.0.1', tls: false };
const lb = { loadBalancer: { servers: [{ address: '127.0.0.1:1' }] } };

function routes(http: Record<string, RouterConfig>, tcp: Record<string, TcpRouterConfig>) {
  const { runtime } = testRuntime({ defaultCertificate });
  const config: DynamicConfig = {
    http: { routers: http, services: {}, middlewares: {} },
    tcp: { routers: tcp, services: { 'svc@file': lb } },
  };
  runtime.apply(config);
  const view = runtime.source.view();
  for (const [name, r] of [...Object.entries(view.routers), ...Object.entries(view.tcpRouters)]) {
    if (name.endsWith('@file')) expect(r.status, `${name}: ${r.error}`).toBe('enabled');
  }
  const ep = runtime.current().tcp!('websecure')!;
  return { ep, to: (conn: ReturnType<typeof tls> | typeof plain) => ep.route(conn)?.router ?? 'https' };
}

const https = (rule: string): RouterConfig => ({ rule, service: 'noop@internal', entryPoints: ['websecure'], tls: {} });
const tcpTls = (rule: string, extra: Partial<TcpRouterConfig> = {}): TcpRouterConfig => ({ rule, service: 'svc@file', entryPoints: ['websecure'], tls: { passthrough: true }, ...extra });

describe("shared entrypoint: Traefik's HTTPS-before-TCP order", () => {
  it('an HTTPS router with a specific host beats a TCP TLS route for the same SNI; other SNIs go to TCP', () => {
    const { to } = routes({ 'app@file': https('Host(`a.test`)') }, {
      'same@file': tcpTls('HostSNI(`a.test`)'),
      'wild@file': tcpTls('HostSNI(`*.test`)'),
    });
    expect(to(tls('a.test'))).toBe('https');
    expect(to(tls('b.test'))).toBe('wild@file');
    expect(to(tls('c.other'))).toBe('https');
  });

  it('TCP TLS routes with a specific SNI beat the HTTPS catch-all; the HTTPS catch-all beats the TCP TLS catch-all', () => {
    const { to } = routes({ 'any@file': https('PathPrefix(`/`)') }, {
      'db@file': tcpTls('HostSNI(`db.test`)'),
      'all@file': tcpTls('HostSNI(`*`)'),
    });
    expect(to(tls('db.test'))).toBe('db@file');
    expect(to(tls('x.test'))).toBe('https');
    expect(to(tls(''))).toBe('https');
  });

  it('without an HTTPS catch-all the TCP TLS catch-all takes what no HTTPS host names', () => {
    const { to } = routes({ 'app@file': https('Host(`a.test`)') }, { 'all@file': tcpTls('HostSNI(`*`)') });
    expect(to(tls('a.test'))).toBe('https');
    expect(to(tls('x.test'))).toBe('all@file');
  });

  it('a catch-all given a high priority shadows the specific TCP TLS routes, and yields to the HTTPS catch-all (as Traefik: first match, then its catch-all flag)', () => {
    const { to } = routes({ 'any@file': https('PathPrefix(`/`)') }, {
      'db@file': tcpTls('HostSNI(`db.test`)'),
      'all@file': tcpTls('HostSNI(`*`)', { priority: 1000 }),
    });
    expect(to(tls('db.test'))).toBe('https');
  });

  it('ACME TLS-ALPN-01 goes to the HTTPS side before any TCP route', () => {
    const { to } = routes({ 'app@file': https('Host(`a.test`)') }, { 'all@file': tcpTls('HostSNI(`*`)') });
    expect(to(tls('x.test', ['acme-tls/1']))).toBe('https');
    expect(to(tls('x.test', ['h2']))).toBe('all@file');
  });

  it('with HTTPS routers on the entrypoint, plain TCP routes no longer take connections unread (a TLS client must reach HTTPS)', () => {
    const { ep, to } = routes({ 'app@file': https('Host(`a.test`)') }, { 'raw@file': { rule: 'HostSNI(`*`)', service: 'svc@file', entryPoints: ['websecure'] } });
    expect(ep.plainOnly).toBe(false);
    expect(to(plain)).toBe('raw@file');
    expect(to(tls('a.test'))).toBe('https');
    expect(to(tls('x.test'))).toBe('https');
  });

  it('without HTTPS routers an entrypoint of plain TCP routes still reads nothing', () => {
    const { runtime } = testRuntime();
    runtime.apply({ http: { routers: {}, services: {}, middlewares: {} }, tcp: { routers: { 'raw@file': { rule: 'HostSNI(`*`)', service: 'svc@file', entryPoints: ['websecure'] } }, services: { 'svc@file': lb } } });
    expect(runtime.current().tcp!('websecure')!.plainOnly).toBe(true);
  });
});
