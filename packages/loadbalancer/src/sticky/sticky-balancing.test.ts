import { describe, expect, it, vi } from 'vitest';
import { scriptedProber, servers, useBalancers } from '../fixtures/balancer-fixtures.js';
import { readCookie, stickyCookieName, stickyCookieValue } from './sticky-cookie.js';

const WAIT = { timeout: 5000 };

const NAME = stickyCookieName('app@docker');
const cookieFor = (setCookie: string | undefined) => {
  const first = setCookie?.split(';')[0] ?? '';
  return first;
};

describe.each(['wrr', 'p2c', 'leastconn'] as const)('sticky sessions on %s', (strategy) => {
  const make = useBalancers();

  it('pins a client: Set-Cookie on first pick, none afterwards, same server', () => {
    const { lb } = make({ strategy, servers: servers(1, 1, 1), sticky: { cookie: { httpOnly: true } } });
    const first = lb.pick({ clientIP: '1.1.1.1' });
    expect(first?.setCookie).toMatch(new RegExp(`^${NAME}=[0-9a-f]{16}; Path=/; HttpOnly$`));
    const cookie = `theme=dark; ${cookieFor(first?.setCookie)}`;
    expect(readCookie(cookie, NAME)).toBe(stickyCookieValue(first?.server.url as string));
    for (let i = 0; i < 30; i++) {
      const next = lb.pick({ clientIP: '1.1.1.1', cookie });
      expect(next?.server.url).toBe(first?.server.url);
      expect(next?.setCookie).toBeUndefined();
    }
    expect(lb.peek({ clientIP: '1.1.1.1', cookie })?.url).toBe(first?.server.url);
  });

  it('`sticky: {}` enables the default cookie', () => {
    const { lb } = make({ strategy, servers: servers(1, 1), sticky: {} });
    expect(lb.pick({ clientIP: '1.1.1.1' })?.setCookie).toMatch(new RegExp(`^${NAME}=`));
  });

  it('redispatches an unknown value or a DOWN server and sets a new cookie', async () => {
    const prober = scriptedProber();
    const { lb } = make(
      { strategy, servers: servers(1, 1), sticky: { cookie: { name: 'sticky' } }, healthCheck: { interval: '20ms' } },
      { prober },
    );
    await vi.waitFor(() => expect(lb.servers().every((s) => s.state === 'UP')).toBe(true), WAIT);
    const unknown = lb.pick({ clientIP: '1.1.1.1', cookie: 'sticky=0000000000000000' });
    expect(unknown?.setCookie).toMatch(/^sticky=[0-9a-f]{16}; Path=\/$/);

    const pinned = lb.pick({ clientIP: '1.1.1.1' });
    const dead = pinned?.server.url as string;
    const cookie = cookieFor(pinned?.setCookie);
    prober.healthy.set(dead, false);
    await vi.waitFor(() => expect(lb.servers().find((s) => s.url === dead)?.state).toBe('DOWN'), WAIT);
    const moved = lb.pick({ clientIP: '1.1.1.1', cookie });
    expect(moved?.server.url).not.toBe(dead);
    expect(moved?.setCookie).toBe(`sticky=${stickyCookieValue(moved?.server.url as string)}; Path=/`);
  });

  it('redispatches when the pinned server is excluded (retry) and re-pins', () => {
    const { lb } = make({ strategy, servers: servers(1, 1), sticky: {} });
    const pinned = lb.pick({ clientIP: '1.1.1.1' });
    const cookie = cookieFor(pinned?.setCookie);
    const retry = lb.pick({ clientIP: '1.1.1.1', cookie, exclude: new Set([pinned?.server.url as string]) });
    expect(retry?.server.url).not.toBe(pinned?.server.url);
    expect(retry?.setCookie).toBeDefined();
  });

  it('accepts a legacy raw-URL value and rewrites it', () => {
    const { lb } = make({ strategy, servers: servers(1, 1), sticky: { cookie: { name: 's' } } });
    const url = 'http://10.0.0.2:8080';
    const res = lb.pick({ clientIP: '1.1.1.1', cookie: `s=${url}` });
    expect(res?.server.url).toBe(url);
    expect(res?.setCookie).toBe(`s=${stickyCookieValue(url)}; Path=/`);
  });

  it('never pins to a weight-0 server', () => {
    const { lb } = make({ strategy, servers: servers(0, 1), sticky: { cookie: { name: 's' } } });
    const res = lb.pick({ clientIP: '1.1.1.1', cookie: `s=${stickyCookieValue('http://10.0.0.1:8080')}` });
    expect(res?.server.url).toBe('http://10.0.0.2:8080');
    expect(res?.setCookie).toBeDefined();
  });
});
