import { describe, expect, it } from 'vitest';
import { answeredBy as run } from '../testing/exchange.js';
import { createRedirectScheme } from './redirect-scheme.js';

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
