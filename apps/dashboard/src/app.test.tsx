import type { ServiceInfo } from '@wharf/config';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './app.js';
import { fakeEventSources, installFakeApi } from './test/fake-api.js';

let api: ReturnType<typeof installFakeApi>;

function show(hash: string, factory = fakeEventSources().factory) {
  window.location.hash = hash;
  return render(<App eventSource={factory} />);
}

beforeEach(() => {
  api = installFakeApi();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.location.hash = '';
  localStorage.clear();
});

describe('overview', () => {
  it('shows entrypoints, counts with filtered links, health, diagnostics and providers', async () => {
    show('#/');
    const http = await screen.findByRole('region', { name: 'HTTP' });
    const routers = within(http).getByRole('region', { name: 'Routers' });
    expect(within(routers).getByText('Errors 1').getAttribute('href')).toBe('#/http/routers?status=disabled');
    expect(within(routers).getByText('Success 3')).toBeTruthy();
    // Traefik's counts stay, but a service with every server DOWN is called out right there
    const services = within(http).getByRole('region', { name: 'Services' });
    expect(within(services).getByText('Errors 1')).toBeTruthy();
    expect(within(services).getByRole('note').textContent).toBe('1 with all servers DOWN · 1 degraded');
    expect(within(services).getByText('1 with all servers DOWN').getAttribute('href')).toBe('#/http/services?health=down');
    const health = screen.getByRole('region', { name: 'Service health' });
    expect(health.textContent).toContain('Down 1');
    expect(health.textContent).toContain('Degraded 1');
    expect(await screen.findByText('websecure')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Providers' }).textContent).toBe('ProvidersDockerFile');
    expect(screen.getByRole('region', { name: 'Diagnostics summary' }).textContent).toContain('Errors 1');
  });
});

describe('lists', () => {
  it('renders routers from the API and filters/sorts server-side', async () => {
    show('#/http/routers');
    expect(await screen.findAllByText('whoami@docker')).toHaveLength(2);
    expect(screen.getAllByRole('row')).toHaveLength(6);
    fireEvent.click(screen.getByRole('button', { name: 'Errors' }));
    await waitFor(() => expect(api.callsTo('/api/http/routers').some((u) => u.searchParams.get('status') === 'disabled')).toBe(true));
    expect(window.location.hash).toBe('#/http/routers?status=disabled');
    fireEvent.click(screen.getByRole('button', { name: /Priority/ }));
    await waitFor(() =>
      expect(api.callsTo('/api/http/routers').some((u) => u.searchParams.get('sortBy') === 'priority' && u.searchParams.get('direction') === 'asc')).toBe(true),
    );
  });

  it('debounces the search box into the query', async () => {
    show('#/http/routers');
    await screen.findAllByText('whoami@docker');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: 'shop' } });
    await waitFor(() => expect(api.callsTo('/api/http/routers').some((u) => u.searchParams.get('search') === 'shop')).toBe(true), {
      timeout: 3000,
    });
  });

  it('passes the health filter to the API and shows it as removable', async () => {
    show('#/http/services?health=down');
    await screen.findAllByText('shop@docker');
    expect(api.callsTo('/api/http/services').at(-1)!.searchParams.get('health')).toBe('down');
    fireEvent.click(screen.getByRole('button', { name: 'Remove filter health' }));
    expect(window.location.hash).toBe('#/http/services');
  });

  it('shows server health counts in the services table', async () => {
    show('#/http/services');
    const row = (await screen.findByText('whoami@docker')).closest('tr')!;
    expect(row.textContent).toContain('1/2 UP');
    expect(screen.getByText('shop@docker').closest('tr')!.textContent).toContain('0/1 UP');
  });
});

describe('detail pages', () => {
  it('router: flow from entrypoints through middlewares to live servers', async () => {
    show('#/http/routers/api%40file');
    const flow = await screen.findByRole('region', { name: 'Router flow' });
    await waitFor(() => expect(within(flow).getByText('http://10.0.0.12:3000')).toBeTruthy());
    expect(within(flow).getByText('auth@file').getAttribute('href')).toBe('#/http/middlewares/auth%40file');
    expect(within(flow).getAllByText('UP')).toHaveLength(3);
  });

  it('router: errors are listed with a copy button', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    show('#/http/routers/broken%40docker');
    const errors = await screen.findByRole('region', { name: 'Errors' });
    fireEvent.click(within(errors).getByRole('button', { name: /Copy/ }));
    expect(writeText).toHaveBeenCalledWith('the service "missing@docker" does not exist');
  });

  it('service: servers with weights and state, health check, used-by', async () => {
    show('#/http/services/whoami%40docker');
    const servers = await screen.findByRole('region', { name: 'Servers' });
    const down = within(servers).getByText('http://172.18.0.3:80').closest('tr')!;
    expect(down.textContent).toContain('DOWN');
    expect(down.textContent).toContain('500');
    expect(screen.getByRole('region', { name: 'Health check' }).textContent).toContain('/health');
    expect(within(screen.getByRole('region', { name: 'Used by routers' })).getByText('whoami@docker')).toBeTruthy();
  });

  it('service: weighted children', async () => {
    show('#/http/services/canary%40file');
    const children = await screen.findByRole('region', { name: 'Weighted services' });
    expect(children.textContent).toContain('api@file');
    expect(children.textContent).toContain('weight 9');
  });

  it('middleware: options, errors and the provider diagnostic about it', async () => {
    show('#/http/middlewares/secure-headers%40file');
    const options = await screen.findByRole('region', { name: 'Options' });
    expect(options.textContent).toContain('frameDeny');
    expect(options.textContent).toContain('31536000');
    expect(screen.getByRole('region', { name: 'Errors' }).textContent).toContain('unknown option');
    const diag = await screen.findByRole('region', { name: 'Provider diagnostics' });
    expect(diag.textContent).toContain('FILE_UNKNOWN_KEY');
    expect(diag.textContent).toContain('stsSeconds');
  });
});

describe('live updates', () => {
  it('shows the connection state and refetches a service when a server goes DOWN', async () => {
    const { factory, instances } = fakeEventSources();
    show('#/http/services/api%40file', factory);
    expect(screen.getByTestId('live-state').textContent).toContain('Connecting');
    await screen.findByRole('region', { name: 'Servers' });
    expect(instances[0]!.url).toBe('../api/wharf/events');
    act(() => instances[0]!.open());
    expect(screen.getByTestId('live-state').textContent).toContain('Live');

    const changed = api.golden<ServiceInfo>('/api/http/services/api@file');
    changed.serverStatus!['http://10.0.0.11:3000'] = 'DOWN';
    changed.health!.servers[1]!.state = 'DOWN';
    api.override('/api/http/services/api@file', changed);
    act(() => instances[0]!.emit('server-state', { type: 'server-state', service: 'api@file', url: 'http://10.0.0.11:3000', state: 'DOWN', at: 'now' }));
    await waitFor(() => expect(screen.getByText('http://10.0.0.11:3000').closest('tr')!.textContent).toContain('DOWN'));

    act(() => instances[0]!.fail());
    expect(screen.getByTestId('live-state').textContent).toContain('Reconnecting');
  });

  it('a new router appears in the list after a generation event, without reload', async () => {
    const { factory, instances } = fakeEventSources();
    show('#/http/routers', factory);
    await screen.findAllByText('whoami@docker');
    const list = api.golden<Array<Record<string, unknown>>>('/api/http/routers');
    list.push({ ...list[0], name: 'new@file', rule: 'Host(`new.localhost`)' });
    api.override('/api/http/routers', list);
    act(() => instances[0]!.emit('generation', { type: 'generation', generation: 8, appliedAt: 'now' }));
    expect(await screen.findByText('new@file')).toBeTruthy();
  });
});

describe('route tester', () => {
  it('sends the form to the match endpoint and shows winner, chain, server and failed routers', async () => {
    show('#/tester');
    await waitFor(() => expect(screen.getByRole('option', { name: 'web' })).toBeTruthy());
    fireEvent.change(screen.getByLabelText('URL'), { target: { value: 'http://app.example.com/api/x' } });
    fireEvent.change(screen.getByLabelText(/Headers/), { target: { value: 'X-Env: canary\nAccept: json' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test' }));
    const result = await screen.findByRole('region', { name: 'Match result' });
    const call = api.callsTo('/api/wharf/match')[0]!;
    expect(call.searchParams.get('entryPoint')).toBe('web');
    expect(call.searchParams.get('url')).toBe('http://app.example.com/api/x');
    expect(call.searchParams.getAll('header')).toEqual(['X-Env: canary', 'Accept: json']);
    expect(result.textContent).toContain('auth@file → strip@file');
    expect(result.textContent).toContain('http://10.0.0.10:3000');
    expect(result.textContent).toContain('canary@file');
    expect(result.textContent).toContain('failed on Host(`app.example.com`)');
  });
});

describe('chrome', () => {
  it('toggles the theme and remembers it', async () => {
    show('#/diagnostics');
    const toggle = screen.getByRole('button', { name: /Switch to dark theme/ });
    fireEvent.click(toggle);
    expect(document.documentElement.dataset['theme']).toBe('dark');
    expect(localStorage.getItem('wharf-theme')).toBe('dark');
    expect(await screen.findByText(/unknown label key/)).toBeTruthy();
  });
});
