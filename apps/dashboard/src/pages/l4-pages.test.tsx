import type { TcpRouterInfo, TcpServiceInfo, UdpServiceInfo } from '@wharf/config';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app.js';
import { certificatesFixture } from '../certificates/fixtures/certificates-fixture.js';
import { fakeEventSources, installFakeApi, type FakeEventSource } from '../test/fake-api.js';
import { compactTraffic, trafficFixture } from '../traffic/fixtures/traffic-fixture.js';
import { l4Fixture, l4Traffic } from './fixtures/l4-fixture.js';

let api: ReturnType<typeof installFakeApi>;
let instances: FakeEventSource[];
let fx: ReturnType<typeof l4Fixture>;

function show(hash: string) {
  window.location.hash = hash;
  const es = fakeEventSources();
  instances = es.instances;
  return render(<App eventSource={es.factory} />);
}

beforeEach(() => {
  api = installFakeApi();
  fx = l4Fixture({
    tcpRouters: api.golden<TcpRouterInfo[]>('/api/tcp/routers'),
    tcpServices: api.golden<TcpServiceInfo[]>('/api/tcp/services'),
    udpServices: api.golden<UdpServiceInfo[]>('/api/udp/services'),
  });
  api.override('/api/tcp/routers', [fx.db, fx.secure]);
  api.override('/api/tcp/routers/db@file', fx.db);
  api.override('/api/tcp/routers/secure-db@file', fx.secure);
  api.override('/api/tcp/services', [fx.dbService]);
  api.override('/api/tcp/services/db@file', fx.dbService);
  api.override('/api/tcp/middlewares', [fx.office]);
  api.override('/api/tcp/middlewares/office@file', fx.office);
  api.override('/api/udp/routers', [fx.dnsRouter]);
  api.override('/api/udp/routers/dns@file', fx.dnsRouter);
  api.override('/api/udp/services/dns@file', fx.dnsService);
  api.override('/api/wharf/traffic', l4Traffic(trafficFixture));
  api.override('/api/wharf/certificates', certificatesFixture().map((c, i) => (i === 0 ? { ...c, routers: ['secure-db@file'], servedRouters: [{ protocol: 'tcp' as const, name: 'secure-db@file' }] } : c)));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.location.hash = '';
});

const row = (name: string) => [...document.querySelectorAll<HTMLElement>('tbody tr')].find((r) => r.dataset['name'] === name)!;

describe('TCP and UDP lists', () => {
  it('lists TCP routers with TLS, rule, service links and live connections', async () => {
    show('#/tcp/routers');
    expect(await screen.findByRole('heading', { name: 'TCP Routers' })).toBeTruthy();
    await waitFor(() => expect(row('db@file').querySelector('[data-label="Connections"]')!.textContent).toBe('2 open · 40 total · 3.0 MiB'));
    expect(within(row('db@file')).getAllByRole('link', { name: 'db@file' }).map((a) => a.getAttribute('href'))).toEqual(['#/tcp/routers/db%40file', '#/tcp/services/db%40file']);
    expect(within(row('secure-db@file')).getByText('TLS')).toBeTruthy();
    expect(within(row('secure-db@file')).getByRole('link', { name: 'db' }).getAttribute('href')).toBe('#/tcp/services/db%40file');
    expect(row('secure-db@file').querySelector('[data-label="Connections"]')!.textContent).toBe('—');
  });

  it('moves the connection counts with live traffic events, without refetching the list', async () => {
    show('#/tcp/routers');
    await waitFor(() => expect(row('db@file').querySelector('[data-label="Connections"]')!.textContent).toContain('2 open'));
    const lists = api.callsTo('/api/tcp/routers').length;
    act(() => {
      for (const es of instances) es.emit('traffic', { type: 'traffic', snapshot: l4Traffic(compactTraffic(trafficFixture, '2026-11-25T00:30:02.000Z'), 3) });
    });
    expect(row('db@file').querySelector('[data-label="Connections"]')!.textContent).toBe('6 open · 120 total · 9.0 MiB');
    expect(api.callsTo('/api/tcp/routers')).toHaveLength(lists);
  });

  it('lists TCP services with server health (1/2 UP) and UDP services', async () => {
    show('#/tcp/services');
    await waitFor(() => expect(within(row('db@file')).getByText('1/2 UP').className).toBe('badge badge-warning'));
    expect(row('db@file').querySelector('[data-label="Servers"]')!.textContent).toBe('2');
    cleanup();
    show('#/udp/services');
    expect(await screen.findByRole('heading', { name: 'UDP Services' })).toBeTruthy();
    await waitFor(() => expect(row('dns@file')).toBeDefined());
    expect(within(row('dns@file')).getByText('Warning')).toBeTruthy();
  });

  it('lists TCP middlewares, and the nav has TCP and UDP sections', async () => {
    show('#/tcp/middlewares');
    expect(await screen.findByRole('link', { name: 'office@file' })).toBeTruthy();
    expect(within(row('office@file')).getByText('ipallowlist')).toBeTruthy();
    expect(row('office@file').querySelector('[data-label="Connections"]')).toBeNull();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getAllByRole('link', { name: 'Routers' }).map((a) => a.getAttribute('href'))).toEqual(['#/http/routers', '#/tcp/routers', '#/udp/routers']);
  });
});

describe('overview', () => {
  it('sums live TCP connections and UDP sessions over the routers of each protocol', async () => {
    show('#/');
    const tcp = await screen.findByRole('region', { name: 'TCP connections' });
    expect(tcp.textContent).toBe('Live connectionsOpen 2Total since start 40In 1.5 KiB · out 3.0 MiB');
    expect(screen.getByRole('region', { name: 'UDP sessions' }).textContent).toBe('Live sessionsOpen 1Total since start 9In 900 B · out 2.3 KiB');
    act(() => {
      for (const es of instances) es.emit('traffic', { type: 'traffic', snapshot: l4Traffic(compactTraffic(trafficFixture, '2026-11-25T00:30:02.000Z'), 3) });
    });
    expect(tcp.querySelector('[data-metric="open"]')!.textContent).toBe('Open 6');
  });
});

describe('TCP and UDP details', () => {
  it('TCP router: flow to the servers with UP/DOWN, live connections and bytes', async () => {
    show('#/tcp/routers/db%40file');
    expect(await screen.findByRole('heading', { name: 'TCP Router db@file' })).toBeTruthy();
    const flow = screen.getByRole('region', { name: 'Router flow' });
    const servers = await within(flow).findByLabelText('Servers');
    expect(servers.textContent).toBe('ServersUP 10.0.0.20:5432DOWN 10.0.0.21:5432');
    const conns = await screen.findByRole('region', { name: 'Connections' });
    expect(conns.textContent).toContain('Open connections2');
    expect(conns.textContent).toContain('Total since start40');
    expect(conns.textContent).toContain('Bytes in (from clients)1.5 KiB');
    expect(conns.textContent).toContain('Bytes out (to clients)3.0 MiB');
    expect(screen.getByRole('region', { name: 'Router details' }).textContent).toContain('HostSNI(`*`)');
    expect(screen.queryByRole('region', { name: 'TLS' })).toBeNull();
  });

  it('TCP router with TLS and a middleware: the TLS card with its certificate, the middleware linked', async () => {
    show('#/tcp/routers/secure-db%40file');
    const tls = await screen.findByRole('region', { name: 'TLS' });
    expect(tls.textContent).toContain('Cert resolverle');
    expect(await within(tls).findByRole('link', { name: 'shop.example.com' })).toBeTruthy();
    const flow = screen.getByRole('region', { name: 'Router flow' });
    const mw = within(flow).getByRole('link', { name: 'office@file' });
    expect(mw.getAttribute('href')).toBe('#/tcp/middlewares/office%40file');
    await waitFor(() => expect(mw.parentElement!.textContent).toContain('Success'));
    expect((await screen.findByRole('region', { name: 'Connections' })).textContent).toContain('No connections since start.');
  });

  it('TCP service: servers by address with UP/DOWN and TLS, transport settings, connections, used by', async () => {
    show('#/tcp/services/db%40file');
    const table = await screen.findByRole('region', { name: 'Servers' });
    const down = table.querySelector('tr[data-server="10.0.0.21:5432"]')!;
    expect(down.textContent).toBe('10.0.0.21:5432DOWNyes');
    expect(table.querySelector('tr[data-server="10.0.0.20:5432"]')!.textContent).toBe('10.0.0.20:5432UPno');
    const details = screen.getByRole('region', { name: 'Service details' });
    expect(details.textContent).toContain('degraded · 1/2 UP');
    expect(details.textContent).toContain('Proxy protocolversion 1');
    expect(details.textContent).toContain('Termination delay200 ms');
    expect(details.textContent).not.toContain('Pass Host header');
    expect((await screen.findByRole('region', { name: 'Connections' })).textContent).toContain('Open connections2');
    expect(within(screen.getByRole('region', { name: 'Used by routers' })).getByRole('link', { name: 'db@file' }).getAttribute('href')).toBe('#/tcp/routers/db%40file');
  });

  it('TCP middleware: options and used by', async () => {
    show('#/tcp/middlewares/office%40file');
    const options = await screen.findByRole('region', { name: 'Options' });
    expect(options.textContent).toContain('10.1.0.0/16');
    expect(within(screen.getByRole('region', { name: 'Used by routers' })).getByRole('link').getAttribute('href')).toBe('#/tcp/routers/secure-db%40file');
  });

  it('UDP router and service: sessions, servers without tracked health', async () => {
    show('#/udp/routers/dns%40file');
    const conns = await screen.findByRole('region', { name: 'Connections' });
    expect(conns.textContent).toContain('Open sessions1');
    const flow = screen.getByRole('region', { name: 'Router flow' });
    expect((await within(flow).findByLabelText('Servers')).textContent).toBe('Servers 10.0.0.53:53');
    cleanup();
    show('#/udp/services/dns%40file');
    const table = await screen.findByRole('region', { name: 'Servers' });
    expect(table.querySelector('tr[data-server="10.0.0.53:53"]')!.textContent).toBe('10.0.0.53:53not trackedno');
  });
});
