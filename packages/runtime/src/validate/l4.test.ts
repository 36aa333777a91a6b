import type { TcpConfiguration } from '@wharf/config';
import { describe, expect, it } from 'vitest';
import { validateTcp } from './tcp.js';
import { validateUdp } from './udp.js';
import type { EntryPointSpec } from './validated.js';

const eps: EntryPointSpec[] = [{ name: 'tcp', address: ':9000' }, { name: 'traefik', address: ':8080' }];
const lb = { loadBalancer: { servers: [{ address: '127.0.0.1:6379' }] } };

function router(r: Record<string, unknown>, extra: Partial<TcpConfiguration> = {}) {
  const v = validateTcp({ routers: { 'r@file': r }, services: { 's@file': lb }, middlewares: { 'm@file': { inFlightConn: { amount: 2 } } }, ...extra }, eps);
  return v.tcpRouters['r@file']!;
}

describe('TCP router validation', () => {
  it.each([
    ['no rule', { service: 's@file' }, 'disabled', 'router has no rule'],
    ['no service', { rule: 'HostSNI(`*`)' }, 'disabled', 'the service is missing on the router'],
    ['missing service', { rule: 'HostSNI(`*`)', service: 'x@file' }, 'disabled', 'the service "x@file" does not exist'],
    ['missing middleware', { rule: 'HostSNI(`*`)', service: 's@file', middlewares: ['x@file'] }, 'disabled', 'middleware "x@file" does not exist'],
    ['HostSNI without tls', { rule: 'HostSNI(`a.com`)', service: 's@file' }, 'disabled', 'has HostSNI matcher, but no TLS on router'],
    ['bad rule', { rule: 'HostSNI(`*`', service: 's@file' }, 'disabled', 'error while parsing rule'],
    ['unknown matcher', { rule: 'Host(`a`)', service: 's@file' }, 'disabled', 'unsupported TCP matcher "Host"'],
    ['unknown entrypoint', { rule: 'HostSNI(`*`)', service: 's@file', entryPoints: ['tcp', 'nope'] }, 'warning', 'entryPoint "nope" doesn\'t exist'],
    ['bad tls', { rule: 'HostSNI(`*`)', service: 's@file', tls: 'yes' }, 'disabled', '"tls" must be an object'],
  ])('%s', (_, r, status, error) => {
    const v = router(r);
    expect(v.status).toBe(status);
    expect(v.errors.join('; ')).toContain(error);
  });

  it('computes priorities and default entrypoints', () => {
    expect(router({ rule: 'HostSNI(`*`)', service: 's@file' })).toMatchObject({ status: 'enabled', priority: -1, using: ['tcp'] });
    expect(router({ rule: 'HostSNI(`a.com`)', service: 's@file', tls: {} })).toMatchObject({ status: 'enabled', priority: 16 });
    expect(router({ rule: 'ClientIP(`::1`)', service: 's@file', priority: 3, middlewares: ['m@file'] })).toMatchObject({ status: 'enabled', priority: 3 });
  });
});

describe('TCP services and middlewares', () => {
  it.each([
    [{}, 'the service has no type'],
    [{ loadBalancer: {}, weighted: {} }, 'multi-types service not supported'],
    [{ loadBalancer: { servers: [{ address: 'nope' }] } }, 'invalid server address "nope"'],
    [{ loadBalancer: { servers: [{ address: 'a:70000' }] } }, 'invalid server address'],
    [{ loadBalancer: { servers: [{ address: 'a:1' }], proxyProtocol: { version: 3 } } }, '"proxyProtocol.version" must be 1 or 2'],
    [{ weighted: { services: [{ name: 'y@file' }] } }, 'the service "y@file" does not exist'],
    [{ roundRobin: {} }, 'unknown type "roundRobin"'],
  ])('service %j is disabled', (svc, error) => {
    const v = validateTcp({ services: { 'x@file': svc as never } }, eps).tcpServices['x@file']!;
    expect(v.status).toBe('disabled');
    expect(v.errors.join('; ')).toContain(error);
  });

  it('a weighted service over a valid one is enabled; usedBy is filled', () => {
    const v = validateTcp({ services: { 'a@file': lb, 'w@file': { weighted: { services: [{ name: 'a@file', weight: 2 }] } } }, routers: { 'r@file': { rule: 'HostSNI(`*`)', service: 'w@file' } } }, eps);
    expect(v.tcpServices['w@file']).toMatchObject({ status: 'enabled', kind: 'weighted', usedBy: ['r@file'] });
  });

  it.each([
    [{ ipAllowList: { sourceRange: [] } }, 'sourceRange is empty'],
    [{ ipAllowList: { sourceRange: ['10.0.0.0/99'] } }, 'parsing CIDR allow list 10.0.0.0/99'],
    [{ inFlightConn: { amount: 0 } }, 'must be a positive integer'],
    [{ rateLimit: {} }, 'unknown type "rateLimit"'],
  ])('middleware %j is disabled', (mw, error) => {
    const v = validateTcp({ middlewares: { 'm@file': mw as never } }, eps).tcpMiddlewares['m@file']!;
    expect(v.status).toBe('disabled');
    expect(v.errors.join('; ')).toContain(error);
  });

  it('ipAllowList and the deprecated ipWhiteList are accepted', () => {
    const v = validateTcp({ middlewares: { 'a@file': { ipAllowList: { sourceRange: ['10.0.0.0/8', '::1'] } }, 'b@file': { ipWhiteList: { sourceRange: ['1.2.3.4'] } } } }, eps);
    expect(v.tcpMiddlewares['a@file']).toMatchObject({ status: 'enabled', kind: 'ipallowlist' });
    expect(v.tcpMiddlewares['b@file']).toMatchObject({ status: 'enabled', kind: 'ipallowlist' });
  });
});

describe('UDP validation', () => {
  it('a router without entryPoints attaches to every UDP entrypoint', () => {
    const v = validateUdp({ routers: { 'r@file': { service: 's@file' } }, services: { 's@file': { loadBalancer: { servers: [{ address: '127.0.0.1:53' }] } } } }, ['dns', 'syslog']);
    expect(v.udpRouters['r@file']).toMatchObject({ status: 'enabled', using: ['dns', 'syslog'] });
    expect(v.udpServices['s@file']).toMatchObject({ status: 'enabled', usedBy: ['r@file'] });
  });

  it('missing service, unknown entrypoint, bad address', () => {
    const v = validateUdp({ routers: { 'a@file': {}, 'b@file': { service: 's@file', entryPoints: ['tcp'] } }, services: { 's@file': { loadBalancer: { servers: [{ address: 'x' }] } } } }, ['dns']);
    expect(v.udpRouters['a@file']!.errors).toContain('the service is missing on the udp router');
    expect(v.udpRouters['b@file']!.errors).toEqual(['entryPoint "tcp" doesn\'t exist', 'no valid entryPoint for this udp router', 'the service "s@file" is disabled']);
    expect(v.udpServices['s@file']!.status).toBe('disabled');
  });
});
