import { describe, expect, it } from 'vitest';
import { parseTcpRule, tcpPriority } from '@wharf/router';
import type { HttpsServerNames, TcpRoute } from '../types.js';
import { createTcpTable, decidePostgresTcp, decideTcp, isCatchAllRule, type TcpRouteEntry } from './tcp-order.js';

const entry = (name: string, rule: string, tls: TcpRoute['tls']): TcpRouteEntry => ({
  name,
  priority: tcpPriority(undefined, rule),
  catchAll: isCatchAllRule(rule),
  match: parseTcpRule(rule).match,
  route: { router: name, service: 's', tls, tlsOptions: 'default', admit: () => () => undefined, pick: () => undefined },
});

const https = (hosts: string[], catchAll = false): HttpsServerNames => ({ catchAll, has: (sni) => hosts.includes(sni) });
const hello = (sni: string) => ({ sni, alpn: [], clientIp: '10.0.0.1', tls: true });
const outcome = (d: ReturnType<typeof decideTcp>) => ('entry' in d ? d.entry.name : d.toHttp);

describe("decideTcp: Traefik's shared-port order", () => {
  const entries = () => [entry('db', 'HostSNI(`db.example`)', 'passthrough'), entry('all', 'HostSNI(`*`)', 'passthrough'), entry('office', 'ClientIP(`10.0.0.0/8`)', 'none')];

  it.each([
    ['an HTTPS host beats a matching TLS TCP router', https(['db.example']), 'db.example', 'https-host'],
    ['a specific TLS TCP router beats a host-less HTTPS router', https([], true), 'db.example', 'db'],
    ['a host-less HTTPS router beats the HostSNI(`*`) catch-all', https([], true), 'x.example', 'https-catch-all'],
    ['the catch-all takes what HTTPS has no host for', https(['app.example']), 'x.example', 'all'],
    ['without HTTPS routers the catch-all takes everything else', undefined, 'x.example', 'all'],
  ])('%s', (_what, names, sni, expected) => {
    const table = createTcpTable(entries(), names);
    expect(outcome(decideTcp(table, hello(sni)))).toBe(expected);
    expect(table.route(hello(sni))?.router).toBe(['db', 'all'].includes(expected) ? expected : undefined);
  });

  it('a ClientHello offering acme-tls/1 goes to the challenge server before any TCP router', () => {
    const table = createTcpTable(entries(), undefined);
    expect(decideTcp(table, { ...hello('db.example'), alpn: ['acme-tls/1'] })).toEqual({ toHttp: 'acme-tls' });
    expect(table.route({ ...hello('x.example'), alpn: ['acme-tls/1'] })).toBeUndefined();
  });

  it('with ACME TLS passthrough (allowACMEByPass) an acme-tls/1 ClientHello is routed like any other', () => {
    const table = createTcpTable(entries(), https(['app.example']), true);
    expect(outcome(decideTcp(table, { ...hello('db.example'), alpn: ['acme-tls/1'] }))).toBe('db');
    expect(table.route({ ...hello('x.example'), alpn: ['acme-tls/1'] })?.router).toBe('all');
    // an HTTPS router's host still goes to the HTTPS side, which answers the challenge itself
    expect(decideTcp(table, { ...hello('app.example'), alpn: ['acme-tls/1'] })).toEqual({ toHttp: 'https-host' });
  });

  it('plaintext connections see only the non-TLS routers, else HTTP', () => {
    const table = createTcpTable(entries(), undefined);
    expect(outcome(decideTcp(table, { sni: '', alpn: [], clientIp: '10.1.1.1', tls: false }))).toBe('office');
    // no non-TLS router matches 192.0.2.1: on to HTTP
    expect(decideTcp(table, { sni: '', alpn: [], clientIp: '192.0.2.1', tls: false })).toEqual({ toHttp: 'plain' });
  });

  it('reads nothing first only with neither TLS TCP routers nor HTTPS routers', () => {
    expect(createTcpTable([entry('plain', 'HostSNI(`*`)', 'none')], undefined).plainOnly).toBe(true);
    expect(createTcpTable([entry('plain', 'HostSNI(`*`)', 'none')], https(['a.example'])).plainOnly).toBe(false);
    expect(createTcpTable(entries(), undefined).plainOnly).toBe(false);
  });

  it('knows the catch-all rule exactly (spacing and quotes as Traefik parses it)', () => {
    expect(['HostSNI(`*`)', ' HostSNI( "*" ) '].map(isCatchAllRule)).toEqual([true, true]);
    expect(['HostSNI(`*`) && ClientIP(`10.0.0.1`)', 'HostSNI(`*.example`)'].map(isCatchAllRule)).toEqual([false, false]);
  });
});

describe('decidePostgresTcp: the ClientHello after an answered SSLRequest (Traefik servePostgres)', () => {
  const entries = () => [
    entry('db', 'HostSNI(`db.example`)', 'terminate'),
    entry('replica', 'HostSNI(`replica.example`)', 'passthrough'),
    entry('all', 'HostSNI(`*`)', 'passthrough'),
    entry('office', 'ClientIP(`10.0.0.0/8`)', 'none'),
  ];
  const name = (e: TcpRouteEntry | undefined) => e?.name;

  it('termination and passthrough routers alike, in their order', () => {
    const table = createTcpTable(entries(), undefined);
    expect(name(decidePostgresTcp(table, hello('db.example')))).toBe('db');
    expect(name(decidePostgresTcp(table, hello('replica.example')))).toBe('replica');
  });

  it('HTTPS routers are not consulted: the catch-all takes what an HTTPS host or a host-less HTTPS router would', () => {
    const table = createTcpTable(entries(), https(['x.example'], true));
    expect(outcome(decideTcp(table, hello('x.example')))).toBe('https-host');
    expect(name(decidePostgresTcp(table, hello('x.example')))).toBe('all');
    expect(table.routePostgres(hello('y.example'))?.router).toBe('all');
  });

  it('an ACME TLS-ALPN offer is routed by its SNI like any other', () => {
    const table = createTcpTable(entries(), undefined);
    expect(name(decidePostgresTcp(table, { ...hello('db.example'), alpn: ['acme-tls/1'] }))).toBe('db');
  });

  it('no TLS router matching → nothing (closed, never handed to HTTP); a plain router is never a candidate', () => {
    const table = createTcpTable([entry('db', 'HostSNI(`db.example`)', 'terminate'), entry('office', 'ClientIP(`10.0.0.0/8`)', 'none')], https([], true));
    const tried: TcpRouteEntry[] = [];
    expect(decidePostgresTcp(table, hello('other.example'), tried)).toBeUndefined();
    expect(tried.map((e) => e.name)).toEqual(['db']);
    expect(table.routePostgres({ sni: '', alpn: [], clientIp: '10.0.0.1', tls: false })).toBeUndefined();
  });
});
