import type { ProviderState } from '@wharf/config';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './app.js';
import { fakeEventSources, installFakeApi } from './test/fake-api.js';

let api: ReturnType<typeof installFakeApi>;

beforeEach(() => {
  api = installFakeApi();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.location.hash = '';
});

describe('providers page', () => {
  it('shows each provider state, counts and last error, and follows provider-state events', async () => {
    const { factory, instances } = fakeEventSources();
    window.location.hash = '#/providers';
    render(<App eventSource={factory} />);
    const redis = await screen.findByRole('region', { name: 'redis' });
    expect(redis.textContent).toContain('retrying');
    expect(redis.textContent).toContain('source lost since 2026-11-24T21:03:00.000Z');
    expect(within(redis).getByRole('alert').textContent).toContain('WHARF_KV_UNAVAILABLE');
    expect(redis.textContent).toContain('Restarts: 2');
    const docker = screen.getByRole('region', { name: 'docker' });
    expect(docker.textContent).toContain('HTTP 3 routers · 3 services · 1 middlewares');
    expect(docker.textContent).toContain('connected');

    const states = api.golden<ProviderState[]>('/api/wharf/providers');
    const back: ProviderState = { ...states[2]!, state: 'connected', since: '2026-11-24T21:03:04.000Z', restarts: 3 };
    delete back.nextRetryAt;
    api.override('/api/wharf/providers', [states[0], states[1], back]);
    act(() => instances[0]!.open());
    act(() => instances[0]!.emit('provider-state', { type: 'provider-state', state: back }));
    await waitFor(() => expect(screen.getByRole('region', { name: 'redis' }).textContent).toContain('Restarts: 3'));
    expect(screen.getByRole('region', { name: 'redis' }).textContent).not.toContain('retrying');
  });
});
