import type { DynamicConfig } from '@wharf/config';
import { describe, expect, it } from 'vitest';
import { testRuntime } from '../fixtures/runtime.js';

const conn = (over: Partial<{ sni: string; alpn: string[]; clientIp: string; tls: boolean }> = {}) => ({ sni: '', alpn: [], clientIp: '10.0.0.1', tls: false, ...over });

function apply(l4: Pick<DynamicConfig, 'tcp' | 'udp'>) {
  const { runtime } = testRuntime({ udpEntryPoints: ['dns'] });
  runtime.apply({ http: { routers: {}, services: {}, middlewares: {} }, ...l4 });
  return runtime;
}

const lb = (...addresses: string[]) => ({ loadBalancer: { servers: addresses.map((address) => ({ address })) } });

describe('compiled TCP routing', () => {
  it('routes TLS connections by SNI and priority, plain ones to the non-TLS routes', () => {
    const runtime = apply({
      tcp: {
        routers: {
          'catchall@file': { rule: 'HostSNI(`*`)', service: 'plain@file', entryPoints: ['web'] },
          'sni@file': { rule: 'HostSNI(`db.example.com`)', service: 'db@file', tls: { passthrough: true }, entryPoints: ['web'] },
          'wild@file': { rule: 'HostSNI(`*.example.com`)', service: 'db@file', tls: {}, entryPoints: ['web'] },
        },
        services: { 'plain@file': lb('127.0.0.1:1'), 'db@file': lb('127.0.0.1:2') },
      },
    });
    const routes = runtime.current().tcp!('web')!;
    expect(routes.plainOnly).toBe(false);
    expect(routes.route(conn({ tls: true, sni: 'db.example.com' }))).toMatchObject({ router: 'sni@file', tls: 'passthrough' });
    expect(routes.route(conn({ tls: true, sni: 'x.example.com' }))).toMatchObject({ router: 'wild@file', tls: 'terminate', tlsOptions: 'default' });
    expect(routes.route(conn({ tls: true, sni: 'other.org' }))).toBeUndefined();
    expect(routes.route(conn())).toMatchObject({ router: 'catchall@file', tls: 'none' });
    expect(routes.route(conn())!.pick()).toMatchObject({ host: '127.0.0.1', port: 1, dialTimeoutMs: 30_000, terminationDelayMs: 100 });
    expect(runtime.current().tcp!('websecure')).toBeUndefined();
    const view = runtime.source.view();
    expect(view.tcpRouters['catchall@file']).toMatchObject({ status: 'enabled', priority: -1, priorityStr: '-1', using: ['web'] });
    expect(view.tcpRouters['sni@file']!.tls).toEqual({ passthrough: true });
    expect(view.tcpServices['db@file']).toMatchObject({ type: 'loadbalancer', serverStatus: { '127.0.0.1:2': 'UP' }, usedBy: ['sni@file', 'wild@file'] });
  });

  it('balances round robin over servers and weighted children', () => {
    const runtime = apply({
      tcp: {
        routers: { 'r@file': { rule: 'HostSNI(`*`)', service: 'w@file' } },
        services: { 'a@file': lb('10.0.0.1:1', '10.0.0.2:1'), 'b@file': lb('10.0.0.3:1'), 'w@file': { weighted: { services: [{ name: 'a@file', weight: 2 }, { name: 'b@file', weight: 1 }] } } },
      },
    });
    const route = runtime.current().tcp!('web')!.route(conn())!;
    const picks = Array.from({ length: 6 }, () => route.pick()!.address);
    expect(picks.filter((a) => a === '10.0.0.3:1')).toHaveLength(2);
    expect(new Set(picks.filter((a) => a !== '10.0.0.3:1'))).toEqual(new Set(['10.0.0.1:1', '10.0.0.2:1']));
  });

  it('inFlightConn limits per client IP; ipAllowList refuses others', () => {
    const runtime = apply({
      tcp: {
        routers: { 'r@file': { rule: 'HostSNI(`*`)', service: 's@file', middlewares: ['allow@file', 'one@file'] } },
        services: { 's@file': lb('10.0.0.1:1') },
        middlewares: { 'allow@file': { ipAllowList: { sourceRange: ['10.0.0.0/8'] } }, 'one@file': { inFlightConn: { amount: 1 } } },
      },
    });
    const route = runtime.current().tcp!('web')!.route(conn())!;
    expect(route.admit('192.168.1.1')).toBeUndefined();
    const release = route.admit('10.0.0.1');
    expect(release).toBeTypeOf('function');
    expect(route.admit('::ffff:10.0.0.1')).toBeUndefined();
    expect(route.admit('10.0.0.2')).toBeTypeOf('function');
    release!();
    expect(route.admit('10.0.0.1')).toBeTypeOf('function');
  });

  it('inFlightConn counts survive a generation swap while the middleware is unchanged, and restart when it changes', () => {
    const { runtime } = testRuntime({ udpEntryPoints: ['dns'] });
    const config = (amount: number, other = 's@file') => ({
      http: { routers: {}, services: {}, middlewares: {} },
      tcp: {
        routers: { 'r@file': { rule: 'HostSNI(`*`)', service: other, middlewares: ['one@file'] } },
        services: { 's@file': lb('10.0.0.1:1'), 't@file': lb('10.0.0.2:1') },
        middlewares: { 'one@file': { inFlightConn: { amount } } },
      },
    });
    runtime.apply(config(1));
    const held = runtime.current().tcp!('web')!.route(conn())!.admit('10.0.0.1');
    expect(held).toBeTypeOf('function');
    // a reload that leaves the middleware as it was (the router changed): still one in flight
    runtime.apply(config(1, 't@file'));
    const next = runtime.current().tcp!('web')!.route(conn())!;
    expect(next.admit('10.0.0.1')).toBeUndefined();
    // the connection of the old generation ends: its slot is free in the new one
    held!();
    expect(next.admit('10.0.0.1')).toBeTypeOf('function');
    // a changed middleware starts with fresh counts
    runtime.apply(config(2, 't@file'));
    const changed = runtime.current().tcp!('web')!.route(conn())!;
    expect(changed.admit('10.0.0.1')).toBeTypeOf('function');
  });

  it('serversTransport and proxyProtocol reach the upstream', () => {
    const runtime = apply({
      tcp: {
        routers: { 'r@file': { rule: 'HostSNI(`*`)', service: 's@file' } },
        services: { 's@file': { loadBalancer: { servers: [{ address: '[::1]:7', tls: true }], serversTransport: 't@file', terminationDelay: -1 } } },
        serversTransports: { 't@file': { dialTimeout: '2s', proxyProtocol: { version: 1 } } },
      },
    });
    expect(runtime.current().tcp!('web')!.route(conn())!.pick()).toEqual({
      address: '[::1]:7', host: '::1', port: 7, tls: true, dialTimeoutMs: 2000, terminationDelayMs: -1, proxyProtocol: 1,
    });
  });
});

describe('compiled UDP routing', () => {
  it('one router per entrypoint; without entryPoints it takes every UDP entrypoint', () => {
    const runtime = apply({
      udp: {
        routers: { 'a@file': { service: 's@file' }, 'b@file': { service: 's@file' } },
        services: { 's@file': { loadBalancer: { servers: [{ address: '127.0.0.1:53' }] } } },
      },
    });
    expect(runtime.current().udpRoute!('dns')).toMatchObject({ router: 'b@file' });
    expect(runtime.current().udpRoute!('dns')!.pick()).toMatchObject({ host: '127.0.0.1', port: 53 });
    expect(runtime.source.view().udpRouters['a@file']).toMatchObject({ status: 'warning', using: ['dns'] });
  });
});
