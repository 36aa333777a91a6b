import { describe, expect, it } from 'vitest';
import { deniedEscapeIn, deniedEscapes } from './encoded-characters.js';
import { cleanPath, entryPointPath, isCleanPath, normalizeEscapes } from './request-path.js';

describe('cleanPath (Go path.Clean through url.URL.JoinPath, as Traefik sanitizePath)', () => {
  // Traefik's TestSanitizePath table (pkg/server/server_entrypoint_tcp_test.go)
  const cases: Array<[string, string]> = [
    ['/b', '/b'],
    ['/b/', '/b/'],
    ['/../../b/', '/b/'],
    ['/../../b', '/b'],
    ['/a/b/..', '/a'],
    ['/a/b/../', '/a/'],
    ['/a/../../b', '/b'],
    ['/..///b///', '/b/'],
    ['/a/../b', '/b'],
    ['/a/./b', '/a/b'],
    ['/a//b', '/a/b'],
    ['/a/../c/../b', '/b'],
    ['/a/../../../c/../b', '/b'],
    ['/a/../c/../../b', '/b'],
    ['/a/..//c/.././b', '/b'],
    ['/', '/'],
    ['//', '/'],
    ['/.', '/'],
    ['/..', '/'],
    ['//admin', '/admin'],
    ['/./admin', '/admin'],
    ['/a/.', '/a'],
    ['*', '*'],
  ];
  for (const [input, want] of cases) it(`${input} → ${want}`, () => expect(cleanPath(input)).toBe(want));

  it('leaves dots inside names and encoded slashes alone', () => {
    for (const p of ['/.well-known/x', '/a..b/c', '/a/...', '/a/b.', '/a/..%2Fb/', '/x%2F..%2Fadmin']) {
      expect(isCleanPath(p), p).toBe(true);
      expect(cleanPath(p)).toBe(p);
    }
  });
});

describe('normalizeEscapes (Traefik normalizePath)', () => {
  it('decodes unreserved escapes and upper-cases the others', () => {
    expect(normalizeEscapes('/b/%41%42%43//%2f/')).toBe('/b/ABC//%2F/');
    expect(normalizeEscapes('/a/%2e%2E/x')).toBe('/a/../x');
    expect(normalizeEscapes('/foo%20bar')).toBe('/foo%20bar');
    expect(normalizeEscapes('/%7e%5f%2d')).toBe('/~_-');
    expect(normalizeEscapes('/caf%c3%a9')).toBe('/caf%C3%A9');
  });

  it('escapes raw characters a path may not carry, as Go forwards them', () => {
    expect(normalizeEscapes('/\\admin')).toBe('/%5Cadmin');
    expect(normalizeEscapes('/a"<>^`{|}')).toBe('/a%22%3C%3E%5E%60%7B%7C%7D');
    expect(normalizeEscapes("/a-._~!$&'()*+,;=:@/b")).toBe("/a-._~!$&'()*+,;=:@/b");
  });

  it('is null for a malformed escape', () => {
    for (const p of ['/%', '/%4', '/%zz', '/a%2']) expect(normalizeEscapes(p), p).toBeNull();
  });
});

describe('entryPointPath', () => {
  // Traefik's TestPathOperations: what reaches the server (its escaped path)
  const cases: Array<[string, string]> = [
    ['/a/../b/%41%42%43//%2f/', '/b/ABC/%2F/'],
    ['/../../b/', '/b/'],
    ['/a/../../b/../c/', '/c/'],
    ['/a/../b/./c/../d/', '/b/d/'],
    ['/a/%2E%2E/%2E%2E/b/', '/b/'],
    ['/a/%252E%252E/%252E%252E/b/', '/a/%252E%252E/%252E%252E/b/'],
    ['/foo%2Fbar', '/foo%2Fbar'],
    ['/a/..%2Fb/', '/a/..%2Fb/'],
    ['/x/%2e%2e/admin', '/admin'],
    ['/x/.%2e/admin', '/admin'],
  ];
  for (const [input, want] of cases) it(`${input} → ${want}`, () => expect(entryPointPath(input, true)).toBe(want));

  it('only normalises escapes when sanitizePath is off', () => {
    expect(entryPointPath('/x/../%61dmin', false)).toBe('/x/../admin');
  });
});

describe('encodedCharacters', () => {
  it('denies nothing by default (Traefik ≥ v3.6.7)', () => {
    expect(deniedEscapes(undefined)).toBeUndefined();
    expect(deniedEscapes({ allowEncodedSlash: true })).toBeUndefined();
  });

  it('finds a denied escape in a normalised path, only there', () => {
    const denied = deniedEscapes({ allowEncodedSlash: false, allowEncodedHash: false, allowEncodedPercent: false })!;
    expect([...denied].sort()).toEqual(['%23', '%25', '%2F']);
    expect(deniedEscapeIn('/a%2Fb', denied)).toBe('%2F');
    expect(deniedEscapeIn('/a%23', denied)).toBe('%23');
    expect(deniedEscapeIn('/a%2525', denied)).toBe('%25');
    expect(deniedEscapeIn('/a%3Bb%5C', denied)).toBeUndefined();
    expect(deniedEscapeIn(normalizeEscapes('/a%2fb')!, denied)).toBe('%2F');
  });
});
