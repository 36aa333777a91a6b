import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { hostProblem, validHost } from './host-check.js';

function message(rawHeaders: string[], version = '1.1'): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.rawHeaders = rawHeaders;
  const [major, minor] = version.split('.').map(Number) as [number, number];
  req.httpVersionMajor = major;
  req.httpVersionMinor = minor;
  return req;
}

describe('validHost', () => {
  it('accepts names, IPv4, IPv6 literals, with or without a port', () => {
    for (const h of ['a.example', 'A.Example:8080', '127.0.0.1', '127.0.0.1:80', '[::1]', '[::1]:8000', '[fe80::1%25eth0]:80', 'xn--bcher-kva.example', 'a_b.example', 'host:']) {
      expect(validHost(h), h).toBe(true);
    }
  });

  it('rejects what Go lets through and what no client should send', () => {
    for (const h of ['', 'a b', 'a/b', 'a.example/x', '[::1', '::1]', '[::1]x', '[]', 'a[b]', 'a,b', 'a@b', ':80', 'a:80:90', 'a:123456', 'a:8x', 'a\tb', 'é.example', '[::1]:80]']) {
      expect(validHost(h), JSON.stringify(h)).toBe(false);
    }
  });
});

describe('hostProblem', () => {
  it('rejects two Host lines, whatever their case or values', () => {
    expect(hostProblem(message(['Host', 'a', 'host', 'a']), 'a')).toBe('more than one Host header');
    expect(hostProblem(message(['HOST', 'a', 'X', '1', 'hOsT', 'b']), 'a')).toBe('more than one Host header');
  });

  it('rejects an empty Host on HTTP/1.1, allows it on HTTP/1.0', () => {
    expect(hostProblem(message(['Host', '']), '')).toBe('malformed Host header');
    expect(hostProblem(message(['Host', ''], '1.0'), '')).toBeUndefined();
    expect(hostProblem(message([], '1.0'), undefined)).toBeUndefined();
  });

  it('accepts one valid Host', () => {
    expect(hostProblem(message(['Host', 'a.example:80', 'Accept', '*/*']), 'a.example:80')).toBeUndefined();
  });
});
