import { goldenFor } from '@wharf/api/fixtures';
import { vi } from 'vitest';
import type { EventSourceFactory, EventSourceLike } from '../live/live-provider.js';

/**
 * A fake `fetch` serving the API's golden responses (packages/api fixtures), so the dashboard
 * is tested against exactly what the API answers. `override` replaces a path's body (live tests).
 */
export function installFakeApi() {
  const calls: URL[] = [];
  const overrides = new Map<string, unknown>();
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://localhost/dashboard/');
    calls.push(url);
    const path = decodeURIComponent(url.pathname);
    if (path === '/api/wharf/match') {
      return json({
        matched: true,
        router: 'api@file',
        priority: 44,
        service: 'api@file',
        middlewares: ['auth@file', 'strip@file'],
        server: 'http://10.0.0.10:3000',
        tried: [{ router: 'canary@file', priority: 100, matched: false, failedMatcher: 'Host(`app.example.com`)' }],
      });
    }
    const body = overrides.has(path) ? overrides.get(path) : goldenFor(path);
    if (body === undefined) return json({ message: `not found: ${path}` }, 404);
    return json(body);
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    calls,
    /** every requested URL whose path ends with `suffix` */
    callsTo: (suffix: string) => calls.filter((u) => decodeURIComponent(u.pathname).endsWith(suffix)),
    override: (path: string, body: unknown) => overrides.set(path, body),
    golden: <T>(path: string): T => structuredClone(goldenFor(path)) as T,
  };
}

function json(body: unknown, status = 200): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (Array.isArray(body)) headers['x-next-page'] = '1';
  return new Response(JSON.stringify(body), { status, headers });
}

export interface FakeEventSource extends EventSourceLike {
  url: string;
  open(): void;
  fail(closed?: boolean): void;
  emit(type: string, data: unknown): void;
}

/** An EventSource factory whose instances the test drives. */
export function fakeEventSources(): { factory: EventSourceFactory; instances: FakeEventSource[] } {
  const instances: FakeEventSource[] = [];
  const factory: EventSourceFactory = (url) => {
    const listeners = new Map<string, Array<(ev: MessageEvent<string>) => void>>();
    const es: FakeEventSource = {
      url,
      readyState: 0,
      onopen: null,
      onerror: null,
      addEventListener: (type, l) => listeners.set(type, [...(listeners.get(type) ?? []), l]),
      close: () => {
        es.readyState = 2;
      },
      open: () => {
        es.readyState = 1;
        es.onopen?.(new Event('open'));
      },
      fail: (closed = false) => {
        es.readyState = closed ? 2 : 0;
        es.onerror?.(new Event('error'));
      },
      emit: (type, data) => {
        for (const l of listeners.get(type) ?? []) l(new MessageEvent(type, { data: JSON.stringify(data) }));
      },
    };
    instances.push(es);
    return es;
  };
  return { factory, instances };
}
