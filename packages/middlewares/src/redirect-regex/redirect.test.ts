import { describe, expect, it } from 'vitest';
import { createRedirectScheme } from '../redirect-scheme/redirect-scheme.js';
import { fakeExchange, recordingNext } from '../testing/exchange.js';
import { createRedirectRegex } from './redirect-regex.js';
import type { HttpStep } from '@wharf/config';
import type { IncomingHttpHeaders } from 'node:http';

async function run(step: HttpStep, init: { url: string; method?: string; headers?: IncomingHttpHeaders; host?: string }) {
  const ex = fakeExchange({ ...init, host: init.host ?? 'example.com' });
  if (init.host) ex.headers.host = init.host;
  const rec = recordingNext();
  const res = await step(ex, rec.make(ex));
  return { res, forwarded: rec.seen.length === 1 };
}

describe('redirectScheme', () => {
  it.each([
    [false, 'GET', 302], [false, 'POST', 307], [true, 'GET', 301], [true, 'PUT', 308],
  ] as const)('permanent=%s %s → %d', async (permanent, method, status) => {
    const { res } = await run(createRedirectScheme({ scheme: 'https', permanent }), { url: '/a?b=1', method });
    expect(res.status).toBe(status);
    expect(res.headers.location).toBe('https://example.com/a?b=1');
  });
  it('drops the original port, adds a non-default one, omits the default one', async () => {
    const host = 'example.com:8080';
    expect((await run(createRedirectScheme({ scheme: 'https', port: '8443' }), { url: '/', host })).res.headers.location).toBe(
      'https://example.com:8443/',
    );
    expect((await run(createRedirectScheme({ scheme: 'https', port: 443 }), { url: '/', host })).res.headers.location).toBe(
      'https://example.com/',
    );
    expect((await run(createRedirectScheme({ scheme: 'https' }), { url: '/', host: '[::1]:80' })).res.headers.location).toBe(
      'https://[::1]/',
    );
  });
  it('does not redirect when already on the scheme and port (X-Forwarded-Proto, wss)', async () => {
    const r = await run(createRedirectScheme({ scheme: 'https' }), { url: '/', headers: { 'x-forwarded-proto': 'https' } });
    expect(r.forwarded).toBe(true);
    expect(r.res.status).toBe(200);
    const ws = await run(createRedirectScheme({ scheme: 'https' }), { url: '/', headers: { 'x-forwarded-proto': 'wss' }, host: 'example.com:443' });
    expect(ws.forwarded).toBe(true);
    const samePort = await run(createRedirectScheme({ scheme: 'https', port: '8443' }), {
      url: '/', headers: { 'x-forwarded-proto': 'https' }, host: 'example.com:8443',
    });
    expect(samePort.forwarded).toBe(true);
  });
  it('redirects https on another port to the configured one, as Traefik', async () => {
    const r = await run(createRedirectScheme({ scheme: 'https' }), { url: '/x', headers: { 'x-forwarded-proto': 'https' }, host: 'example.com:8443' });
    expect(r.res.status).toBe(302);
    expect(r.res.headers.location).toBe('https://example.com/x');
  });
});

describe('redirectRegex', () => {
  const step = createRedirectRegex({ regex: '^http://localhost/(.*)', replacement: 'http://mydomain/${1}', permanent: true });
  it('redirects on a match with the replacement', async () => {
    const { res } = await run(step, { url: '/x/y?z=1', host: 'localhost' });
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('http://mydomain/x/y?z=1');
  });
  it('passes through without a match or when the target equals the URL', async () => {
    expect((await run(step, { url: '/x', host: 'other' })).forwarded).toBe(true);
    const same = createRedirectRegex({ regex: '^(.*)$', replacement: '$1' });
    expect((await run(same, { url: '/x' })).forwarded).toBe(true);
  });
});
