import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { appendForwardedFor, applyForwardedHeaders, createTrustCheck } from './forwarded-headers.js';

describe('forwarded headers', () => {
  it('trusts listed IPs and CIDRs only (IPv4-mapped IPv6 included)', () => {
    const trusted = createTrustCheck({ trustedIPs: ['10.0.0.0/8', '192.168.1.7', 'fd00::/8'] });
    expect(trusted('10.1.2.3')).toBe(true);
    expect(trusted('::ffff:10.1.2.3')).toBe(true);
    expect(trusted('192.168.1.7')).toBe(true);
    expect(trusted('192.168.1.8')).toBe(false);
    expect(trusted('fd00::1')).toBe(true);
    expect(trusted('127.0.0.1')).toBe(false);
    expect(createTrustCheck({ insecure: true })('1.2.3.4')).toBe(true);
    expect(createTrustCheck(undefined)('1.2.3.4')).toBe(false);
  });

  it('overwrites X-Forwarded-* from untrusted clients', () => {
    const h: IncomingHttpHeaders = { host: 'a.test:8443', 'x-forwarded-proto': 'https', 'x-real-ip': '6.6.6.6', 'x-forwarded-prefix': '/evil' };
    applyForwardedHeaders(h, false, '1.2.3.4', false);
    expect(h).toMatchObject({ 'x-forwarded-proto': 'http', 'x-forwarded-host': 'a.test:8443', 'x-forwarded-port': '8443', 'x-real-ip': '1.2.3.4' });
    expect(h['x-forwarded-prefix']).toBeUndefined();
    expect(h['x-forwarded-server']).toBeTruthy();
  });

  it('keeps X-Forwarded-* from trusted clients and fills the gaps', () => {
    const h: IncomingHttpHeaders = { host: 'a.test', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'orig.test' };
    applyForwardedHeaders(h, true, '10.0.0.1', true);
    expect(h).toMatchObject({ 'x-forwarded-proto': 'https', 'x-forwarded-host': 'orig.test', 'x-forwarded-port': '80', 'x-real-ip': '10.0.0.1' });
    const ws: IncomingHttpHeaders = { host: 'a.test' };
    applyForwardedHeaders(ws, false, '10.0.0.1', true);
    expect(ws['x-forwarded-proto']).toBe('ws');
  });

  it('appends the client IP to X-Forwarded-For', () => {
    expect(appendForwardedFor(undefined, '1.1.1.1')).toBe('1.1.1.1');
    expect(appendForwardedFor('2.2.2.2', '1.1.1.1')).toBe('2.2.2.2, 1.1.1.1');
    expect(appendForwardedFor(['2.2.2.2', '3.3.3.3'], '1.1.1.1')).toBe('2.2.2.2, 3.3.3.3, 1.1.1.1');
  });
});
