import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeEventSources } from '../test/fake-api.js';
import { LiveProvider, useLive } from './live-provider.js';
import { topicOf } from './topics.js';

function Probe() {
  const live = useLive();
  return (
    <span data-testid="probe">
      {live.state} services:{live.revision('services')} routers:{live.revision('routers')}
    </span>
  );
}

/** Renders a Probe under a LiveProvider on fake timers; returns the fake EventSources it opened. */
function renderLive() {
  vi.useFakeTimers();
  const { factory, instances } = fakeEventSources();
  render(
    <LiveProvider factory={factory}>
      <Probe />
    </LiveProvider>,
  );
  return instances;
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('LiveProvider', () => {
  it('coalesces events into one refetch per topic and refetches everything after a reconnect', () => {
    const instances = renderLive();
    const es = instances[0]!;
    act(() => es.open());
    for (let i = 0; i < 5; i++) act(() => es.emit('server-state', { type: 'server-state', service: 's', url: 'u', state: 'DOWN', at: '' }));
    act(() => void vi.advanceTimersByTime(200));
    expect(screen.getByTestId('probe').textContent).toBe('live services:1 routers:0');
    act(() => es.fail());
    expect(screen.getByTestId('probe').textContent).toContain('reconnecting');
    act(() => es.open());
    act(() => void vi.advanceTimersByTime(200));
    expect(screen.getByTestId('probe').textContent).toBe('live services:2 routers:1');
  });

  it('opens a new connection when the browser gave up', () => {
    const instances = renderLive();
    act(() => instances[0]!.fail(true));
    act(() => void vi.advanceTimersByTime(3500));
    expect(instances).toHaveLength(2);
  });

  it('maps API paths to topics', () => {
    expect(topicOf('api/http/services/x')).toBe('services');
    expect(topicOf('api/wharf/diagnostics')).toBe('diagnostics');
    expect(topicOf('api/wharf/overview')).toBe('overview');
    expect(topicOf('api/wharf/match')).toBe('manual');
    expect(topicOf('api/wharf/certificates/ab')).toBe('certificates');
    expect(topicOf('api/version')).toBe('static');
  });
});
