import { describe, expect, it } from 'vitest';
import { upstreamFailure } from './upstream-failure.js';

const err = (code: string): Error => Object.assign(new Error(code), { code });

describe('upstreamFailure', () => {
  it.each([
    ['ECONNREFUSED', false, 502, 'WHARF_UPSTREAM_CONNECT', 'Bad Gateway'],
    ['WHARF_HTTP1_SOCKET', false, 502, 'WHARF_UPSTREAM_CONNECT', 'Bad Gateway'],
    ['WHARF_HTTP1_SOCKET', true, 502, 'WHARF_UPSTREAM_RESET', 'Bad Gateway'],
    ['ECONNRESET', true, 502, 'WHARF_UPSTREAM_RESET', 'Bad Gateway'],
    ['WHARF_HTTP1_HEADERS_TIMEOUT', true, 504, 'WHARF_UPSTREAM_TIMEOUT', 'Gateway Timeout'],
    ['WHARF_HTTP1_CONNECT_TIMEOUT', false, 504, 'WHARF_UPSTREAM_TIMEOUT', 'Gateway Timeout'],
    ['WHARF_HTTP1_ABORTED', true, 499, 'WHARF_UPSTREAM_RESET', 'Client Closed Request'],
    ['WHARF_HTTP1_BAD_RESPONSE', true, 502, 'WHARF_UPSTREAM_BAD_RESPONSE', 'Bad Gateway'],
    ['WHARF_HTTP1_HEADER_OVERFLOW', true, 502, 'WHARF_UPSTREAM_BAD_RESPONSE', 'Bad Gateway'],
  ])('%s (sent=%s) → %i %s', (code, sent, status, errorCode, body) => {
    const r = upstreamFailure(err(code), sent);
    expect(r.status).toBe(status);
    expect(r.error?.code).toBe(errorCode);
    expect(r.body).toBe(body);
    expect(r.error?.cause).toBeInstanceOf(Error);
  });
});
