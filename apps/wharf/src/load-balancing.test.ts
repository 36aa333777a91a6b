import { createHash } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { WhoamiServer } from '@wharf/whoami';
import { simpleConfig, startBackends, startTestWharf, waitFor, type TestWharf } from './testing/harness.js';

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function setup(n: number, extra: Parameters<typeof simpleConfig>[1], flags: string[] = []): Promise<{ t: TestWharf; backends: WhoamiServer[] }> {
  const backends = await startBackends(n);
  cleanup.push(() => Promise.all(backends.map((b) => b.close())));
  const t = await startTestWharf(simpleConfig(backends.map((b) => b.url), extra), flags);
  cleanup.push(() => t.close());
  return { t, backends };
}

async function hit(url: string, init?: RequestInit): Promise<{ status: number; name: string | null; setCookie: string | null }> {
  const res = await fetch(url, init);
  await res.arrayBuffer();
  return { status: res.status, name: res.headers.get('x-whoami-name'), setCookie: res.headers.get('set-cookie') };
}

/** A server that accepts, reads the request, then resets the connection (a dying replica). */
async function resettingServer(): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  let count = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('data', () => {
      count++;
      socket.resetAndDestroy();
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

describe('load balancing features end to end (integration)', () => {
  it('pins a client with a sticky cookie whose value hashes the server URL', async () => {
    const { t, backends } = await setup(3, { lb: { sticky: { cookie: { name: 'pin', httpOnly: true, sameSite: 'lax' } } } });
    const first = await hit(`${t.url()}/`);
    expect(first.setCookie).toMatch(/^pin=[0-9a-f]{16}; Path=\//);
    expect(first.setCookie).toMatch(/HttpOnly/);
    expect(first.setCookie).toMatch(/SameSite=Lax/);
    const server = backends.find((b) => b.name === first.name)!;
    const value = createHash('sha256').update(server.url).digest('hex').slice(0, 16);
    expect(first.setCookie).toContain(`pin=${value}`);
    for (let i = 0; i < 10; i++) {
      const again = await hit(`${t.url()}/`, { headers: { cookie: `pin=${value}` } });
      expect(again.name).toBe(first.name);
      expect(again.setCookie).toBeNull();
    }
  });

  it('takes a server out when its health check fails and brings it back', async () => {
    const { t, backends } = await setup(3, { lb: { healthCheck: { path: '/health', interval: '200ms', timeout: '500ms' } } });
    await waitFor(async () => (await hit(`${t.url()}/`)).status === 200, 5000, 'servers up');
    await fetch(`${backends[1]!.url}/health`, { method: 'POST', body: '500' });
    await waitFor(() => t.wharf.runtime.source.view().services['s@file']?.serverStatus?.[backends[1]!.url] === 'DOWN', 5000, 'w2 DOWN');
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) seen.add((await hit(`${t.url()}/`)).name ?? 'none');
    expect([...seen].sort()).toEqual(['w1', 'w3']);
    const svc = (await (await fetch(`${t.apiURL()}/api/http/services/s@file`)).json()) as { health: { state: string; serversUp: number } };
    expect(svc.health.state).toBe('degraded');
    expect(svc.health.serversUp).toBe(2);
    await fetch(`${backends[1]!.url}/health`, { method: 'POST', body: '200' });
    await waitFor(() => t.wharf.runtime.source.view().services['s@file']?.serverStatus?.[backends[1]!.url] === 'UP', 5000, 'w2 UP');
  });

  it('loses no GET when a server dies under load, with retry redispatching elsewhere', async () => {
    const { t, backends } = await setup(3, {
      routerMiddlewares: ['retry'],
      middlewares: { retry: { retry: { attempts: 3 } } },
      lb: { healthCheck: { path: '/health', interval: '300ms', timeout: '300ms' } },
    });
    await waitFor(async () => (await hit(`${t.url()}/`)).status === 200, 5000, 'servers up');
    const statuses: number[] = [];
    let killed = false;
    const workers = Array.from({ length: 4 }, async () => {
      for (let i = 0; i < 60; i++) {
        if (!killed && statuses.length > 40) {
          killed = true;
          await backends[2]!.close();
        }
        statuses.push((await hit(`${t.url()}/`)).status);
      }
    });
    await Promise.all(workers);
    expect(killed).toBe(true);
    expect(statuses.length).toBe(240);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    await waitFor(() => t.wharf.runtime.source.view().services['s@file']?.serverStatus?.[backends[2]!.url] === 'DOWN', 3000, 'dead server out');
  });

  it('never replays a POST that reached a dying server, but retries a GET elsewhere', async () => {
    const dying = await resettingServer();
    cleanup.push(() => dying.close());
    const [healthy] = await startBackends(1);
    cleanup.push(() => healthy!.close());
    const t = await startTestWharf({
      http: {
        routers: { r: { rule: 'PathPrefix(`/`)', service: 's', middlewares: ['retry'] } },
        services: { s: { loadBalancer: { servers: [{ url: dying.url }, { url: healthy!.url }] } } },
        middlewares: { retry: { retry: { attempts: 2 } } },
      },
    });
    cleanup.push(() => t.close());
    let postReachedDying = false;
    for (let i = 0; i < 4 && !postReachedDying; i++) {
      const before = dying.requests();
      const res = await hit(`${t.url()}/echo`, { method: 'POST', body: 'payload' });
      if (dying.requests() > before) {
        postReachedDying = true;
        expect(res.status).toBe(502);
        expect(dying.requests()).toBe(before + 1);
      }
    }
    expect(postReachedDying).toBe(true);
    for (let i = 0; i < 4; i++) expect((await hit(`${t.url()}/`)).status).toBe(200);
  });

  it('answers 504 when the server does not answer in time', async () => {
    const { t } = await setup(1, {}, ['--serversTransport.forwardingTimeouts.responseHeaderTimeout=300ms']);
    const res = await hit(`${t.url()}/delay?ms=3000`);
    expect(res.status).toBe(504);
  });
});
