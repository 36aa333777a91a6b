import type { ServiceInfo } from '@wharf/config';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app.js';
import { fakeEventSources, installFakeApi, type FakeEventSource } from '../test/fake-api.js';
import { compactTraffic, statsFixture, trafficFixture } from './fixtures/traffic-fixture.js';
import { MultiLineChart } from './multi-line-chart.js';
import { Sparkline } from './sparkline.js';

let api: ReturnType<typeof installFakeApi>;
let instances: FakeEventSource[];

function show(hash: string) {
  window.location.hash = hash;
  const es = fakeEventSources();
  instances = es.instances;
  return render(<App eventSource={es.factory} />);
}

/** Pushes a `traffic` event on every open stream (only the traffic provider listens for it). */
function pushTraffic(at: string, rpsFactor: number) {
  act(() => {
    for (const es of instances) es.emit('traffic', { type: 'traffic', snapshot: compactTraffic(trafficFixture, at, rpsFactor) });
  });
}

beforeEach(() => {
  api = installFakeApi();
  api.override('/api/wharf/traffic', trafficFixture);
  api.override('/api/wharf/traffic/stats', statsFixture);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.location.hash = '';
  localStorage.clear();
});

describe('overview traffic', () => {
  it('shows totals and per-router sparklines, and moves with live traffic events', async () => {
    show('#/');
    const strip = await screen.findByRole('region', { name: 'Live traffic' });
    const rps = () => strip.querySelector('[data-metric="Requests/s"] .value')!.textContent;
    expect(rps()).toBe('14.8'); // 12 + 2.75 over both routers
    expect(within(strip).getByRole('img', { name: 'Total requests per second: 14.8' })).toBeTruthy();
    const routers = screen.getByRole('region', { name: 'Routers traffic' });
    const rows = within(routers).getAllByRole('listitem');
    expect(rows.map((r) => r.getAttribute('data-traffic'))).toEqual(['api@file', 'whoami@docker']);
    expect(within(rows[0]!).getByRole('link').getAttribute('href')).toBe('#/http/routers/api%40file');
    const line = () => rows[0]!.querySelector('.sparkline-line')!.getAttribute('d')!.split(' L').length;
    const points = line();
    expect(points).toBe(trafficFixture.routers[0]!.series!.rps.length + 1); // completed slots + live tail
    pushTraffic('2026-11-25T00:30:02.000Z', 2); // same 10 s slot as the fetch: the tail moves
    expect(rps()).toBe('29.5');
    expect(line()).toBe(points);
    pushTraffic('2026-11-25T00:30:12.000Z', 3); // next slot: a new point
    expect(rps()).toBe('44.3');
    expect(line()).toBe(points + 1);
  });

  it('refetches the full snapshot on navigation', async () => {
    show('#/');
    await screen.findByRole('region', { name: 'Live traffic' });
    const before = api.callsTo('/api/wharf/traffic').length;
    act(() => {
      window.location.hash = '#/stats';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await waitFor(() => expect(api.callsTo('/api/wharf/traffic').length).toBeGreaterThan(before));
  });
});

describe('service and router traffic', () => {
  it('charts requests/s per server; the DOWN server ends on the baseline', async () => {
    const service = api.golden<ServiceInfo>('/api/http/services/api@file');
    service.serverStatus!['http://10.0.0.11:3000'] = 'DOWN';
    service.health!.servers[1]!.state = 'DOWN';
    api.override('/api/http/services/api@file', service);
    show('#/http/services/api%40file');
    const traffic = await screen.findByRole('region', { name: 'Traffic' });
    const chart = within(traffic).getByRole('img', { name: /^Requests per second per server/ });
    // every configured server is listed, with or without traffic, and its health
    expect(chart.getAttribute('aria-label')).toBe(
      'Requests per second per server: http://10.0.0.10:3000 12.0/s, http://10.0.0.11:3000 (DOWN) 0/s, http://10.0.0.12:3000 0/s',
    );
    const legend = within(traffic).getByRole('list', { name: 'Servers' });
    expect(legend.querySelector('[data-server-traffic="http://10.0.0.11:3000"]')!.textContent).toContain('DOWN');
    expect(chart.querySelectorAll('path.chart-line')).toHaveLength(3);
    const down = chart.querySelector('[data-line="http://10.0.0.11:3000"]')!.getAttribute('d')!;
    const up = chart.querySelector('[data-line="http://10.0.0.10:3000"]')!.getAttribute('d')!;
    expect(down.split(' ').at(-1)).toBe('136'); // baseline = height 140 - pad 4
    expect(up.split(' ').at(-1)).toBe('4'); // the server taking all the load is at the top
    expect(within(traffic).getByRole('img', { name: /^Status split: 2xx/ })).toBeTruthy();
    expect(traffic.textContent).toContain('18.5 ms / 42.0 ms');
  });

  it('router page shows rps, p95 and error sparklines', async () => {
    show('#/http/routers/api%40file');
    const traffic = await screen.findByRole('region', { name: 'Traffic' });
    const labels = within(traffic).getAllByRole('img').map((i) => i.getAttribute('aria-label'));
    expect(labels.slice(0, 3)).toEqual([
      'api@file requests per second, now 12.0',
      'api@file p95 latency, now 18.5 ms',
      expect.stringMatching(/^api@file 5xx errors per slot, error rate \d/),
    ]);
  });

  it('says so when an element had no traffic', async () => {
    api.override('/api/wharf/traffic', { ...trafficFixture, routers: [], services: [], servers: [] });
    show('#/http/routers/api%40file');
    const traffic = await screen.findByRole('region', { name: 'Traffic' });
    expect(traffic.textContent).toContain('No traffic in the last 15 minutes.');
  });
});

describe('stats page', () => {
  it('is in the navigation and lists servers grouped by service, live', async () => {
    show('#/stats');
    expect(screen.getByRole('link', { name: 'Stats' }).getAttribute('aria-current')).toBe('page');
    const table = await screen.findByRole('table', { name: 'Server stats' });
    const groups = [...table.querySelectorAll('tbody')].map((g) => g.getAttribute('data-service'));
    expect(groups).toEqual(['api@file', 'whoami@docker']);
    const down = table.querySelector('tr[data-server="http://10.0.0.11:3000"]')!;
    expect(down.className).toBe('down');
    expect(within(down as HTMLElement).getByText('DOWN').className).toBe('health-DOWN');
    expect(table.querySelector('tbody[data-service="api@file"] th')!.textContent).toContain('1/2 UP · total 4,200 · errors 12');
    api.override('/api/wharf/traffic/stats', { ...statsFixture, servers: statsFixture.servers.map((s) => ({ ...s, total: s.total + 100 })) });
    pushTraffic('2026-11-25T00:30:02.000Z', 1);
    await waitFor(() => expect(table.querySelector('tr[data-server="http://10.0.0.10:3000"] [data-col="total"]')!.textContent).toBe('2,800'));
  });
});

describe('chart markup', () => {
  it('sparkline and per-server chart of the fixture (snapshot)', () => {
    const s = trafficFixture.servers;
    const { container } = render(
      <>
        <Sparkline values={trafficFixture.routers[1]!.series!.rps} slots={20} label="whoami" />
        <Sparkline values={[]} label="empty" />
        <MultiLineChart slots={40} label="servers" lines={s.map((x) => ({ key: x.name, label: x.name, values: x.series!.rps }))} />
      </>,
    );
    expect(container.innerHTML).toMatchSnapshot();
    expect(screen.getByRole('img', { name: 'empty' }).querySelectorAll('path')).toHaveLength(0);
  });
});
