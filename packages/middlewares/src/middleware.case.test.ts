import { describe, expect, it } from 'vitest';
import type { HttpStep } from '@wharf/config';
import { builtinMiddlewares, findMiddleware, type BuiltinMiddlewareSpec } from './registry.js';
import { runMiddlewareCase, type MiddlewareCase } from './testing/middleware-case.js';

const pass: HttpStep = (_ex, next) => next();

const cases: Record<string, MiddlewareCase> = {
  headers: { valid: { customRequestHeaders: { 'X-A': 'b' }, frameDeny: true }, invalid: { frameDeny: 'yes please' } },
  stripPrefix: { valid: { prefixes: ['/api'] }, invalid: { prefixes: '/api' }, request: { url: '/api/x' } },
  stripPrefixRegex: { valid: { regex: ['^/v[0-9]+'] }, invalid: { regex: [1] }, request: { url: '/v1/x' } },
  addPrefix: { valid: { prefix: '/p' }, invalid: {} },
  replacePath: { valid: { path: '/x' }, invalid: { path: 3 } },
  replacePathRegex: { valid: { regex: '^/a/(.*)', replacement: '/b/$1' }, invalid: { regex: '^/a' } },
  redirectScheme: { valid: { scheme: 'https', permanent: true }, invalid: { scheme: 'https', port: 'abc' } },
  redirectRegex: { valid: { regex: '^http://(.*)', replacement: 'https://$1' }, invalid: { regex: 'x', replacement: '' } },
  chain: { valid: { middlewares: ['a', 'b'] }, invalid: { middlewares: 'a' }, context: { middlewares: { a: pass, b: pass } } },
  retry: { valid: { attempts: 2, initialInterval: '1ms' }, invalid: { attempts: 0 } },
  basicAuth: { valid: { users: ['alice:{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ='] }, invalid: { users: ['no-colon'] } },
  digestAuth: { valid: { users: ['alice:traefik:0123456789abcdef0123456789abcdef'] }, invalid: { users: ['alice:traefik:short'] } },
  ipAllowList: { valid: { sourceRange: ['10.0.0.0/8'] }, invalid: { sourceRange: [] } },
  inFlightReq: { valid: { amount: 1 }, invalid: { amount: 0 } },
  rateLimit: { valid: { average: 100, burst: 50 }, invalid: { average: -1 } },
  compress: { valid: { encodings: ['gzip'], minResponseBodyBytes: 10 }, invalid: { encodings: ['deflate'] } },
  errors: {
    valid: { status: ['500-599'], service: 'pages', query: '/{status}' },
    invalid: { status: ['5xx'], service: 'pages' },
    context: { services: { 'pages@file': async () => ({ status: 200, headers: {}, body: 'page' }) } },
  },
  circuitBreaker: { valid: { expression: 'NetworkErrorRatio() > 0.5', checkPeriod: '100ms' }, invalid: { expression: '' } },
  forwardAuth: { valid: { address: 'http://127.0.0.1:1/auth' }, invalid: { address: 'ftp://x' } },
  buffering: { valid: { maxRequestBodyBytes: 1000, retryExpression: 'IsNetworkError() && Attempts() < 2' }, invalid: { maxRequestBodyBytes: -5 } },
  contentType: { valid: { autoDetect: true }, invalid: { autoDetect: 'maybe' } },
  encodedCharacters: { valid: { allowEncodedSlash: true }, invalid: { allowEncodedHash: 'no' } },
  passTLSClientCert: { valid: { pem: true, info: { sans: true, subject: { commonName: true } } }, invalid: { info: { subject: { cn: true } } } },
  grpcWeb: { valid: { allowOrigins: ['*'] }, invalid: { allowOrigins: '*' }, request: { method: 'POST', headers: { 'content-type': 'application/grpc-web+proto' }, body: '\x00\x00\x00\x00\x00' } },
};

describe('registry', () => {
  it('every built-in middleware has a contract case', () => {
    expect(builtinMiddlewares.map((d) => d.key).filter((k) => !cases[k])).toEqual([]);
  });
  it('finds definitions case-insensitively and through deprecated aliases', () => {
    expect(findMiddleware('stripprefix')?.key).toBe('stripPrefix');
    expect(findMiddleware('STRIPPREFIXREGEX')?.key).toBe('stripPrefixRegex');
    expect(findMiddleware('ipWhiteList')?.key).toBe('ipAllowList');
    expect(findMiddleware('nope')).toBeUndefined();
  });
  it('type keys are unique', () => {
    const keys = builtinMiddlewares.map((d) => d.key.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
  });
});

for (const def of builtinMiddlewares) {
  describe(`middleware contract: ${def.key}`, () => runMiddlewareCase(def, cases[def.key] ?? { valid: {}, invalid: null }));
}

describe('typed specs inferred from the registry', () => {
  it('accepts a well-typed spec (compile-time check)', () => {
    const spec: BuiltinMiddlewareSpec = { stripPrefix: { prefixes: ['/a'] } };
    // @ts-expect-error attempts must be a number
    const bad: BuiltinMiddlewareSpec = { retry: { attempts: 'x' } };
    expect(Object.keys(spec)).toEqual(['stripPrefix']);
    expect(bad).toBeDefined();
  });
});
