import { describe, expect, it } from 'vitest';
import { parseMatchQuery, parseTcpMatchQuery } from './match-query.js';

const known = new Set(['web', 'websecure']);

describe('parseMatchQuery: sni for https URLs', () => {
  it('keeps sni for an https URL and refuses it for http', () => {
    expect(parseMatchQuery({ entryPoint: 'websecure', url: 'https://a.example/', sni: 'b.example' }, known)).toEqual({
      entryPoint: 'websecure', url: 'https://a.example/', method: 'GET', sni: 'b.example',
    });
    expect(() => parseMatchQuery({ entryPoint: 'web', url: 'http://a.example/', sni: 'b.example' }, known)).toThrow(/sni: only for an https URL/);
  });
});

describe('parseTcpMatchQuery', () => {
  it('a ClientHello when sni or alpn is given; alpn repeatable and comma-separated', () => {
    expect(parseTcpMatchQuery({ entryPoint: 'web', sni: 'DB.example', alpn: ['h2,http/1.1', 'postgresql'], clientIP: '10.0.0.1' }, known)).toEqual({
      entryPoint: 'web', tls: true, sni: 'DB.example', alpn: ['h2', 'http/1.1', 'postgresql'], clientIP: '10.0.0.1',
    });
    expect(parseTcpMatchQuery({ entryPoint: 'web' }, known)).toEqual({ entryPoint: 'web', tls: false, sni: '', alpn: [], clientIP: '127.0.0.1' });
    expect(parseTcpMatchQuery({ entryPoint: 'web', tls: 'true' }, known).tls).toBe(true);
  });

  it('postgres=true: the ClientHello after an SSLRequest (a TLS connection even without sni)', () => {
    expect(parseTcpMatchQuery({ entryPoint: 'web', postgres: 'true' }, known)).toEqual({ entryPoint: 'web', tls: true, sni: '', alpn: [], clientIP: '127.0.0.1', postgres: true });
    expect(parseTcpMatchQuery({ entryPoint: 'web', sni: 'db.example', postgres: 'false' }, known)).not.toHaveProperty('postgres');
  });

  it.each([
    [{ entryPoint: 'web', postgres: 'yes' }, /postgres: yes/],
    [{ entryPoint: 'web', postgres: 'true', tls: 'false' }, /postgres: an SSLRequest is followed by a ClientHello/],
    [{}, /entryPoint: missing/],
    [{ entryPoint: 'nope' }, /unknown entry point/],
    [{ entryPoint: 'web', sni: '10.0.0.1' }, /sni: .* \(expected a DNS name\)/],
    [{ entryPoint: 'web', sni: 'a b' }, /sni/],
    [{ entryPoint: 'web', sni: `${'a'.repeat(250)}.com` }, /sni/],
    [{ entryPoint: 'web', clientIP: 'me' }, /clientIP/],
    [{ entryPoint: 'web', tls: 'yes' }, /tls: yes/],
    [{ entryPoint: 'web', tls: 'false', sni: 'a.example' }, /only for a TLS connection/],
    [{ entryPoint: 'web', alpn: Array.from({ length: 17 }, (_, i) => `p${i}`) }, /at most 16/],
    [{ entryPoint: 'web', alpn: 'x'.repeat(256) }, /255 bytes/],
  ])('refuses %o', (query, message) => {
    expect(() => parseTcpMatchQuery(query, known)).toThrow(message);
  });
});
