import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatSetCookie, readCookie, sanitizeCookieName, stickyCookieName, stickyCookieValue } from './sticky-cookie.js';

const sha = (alg: string, text: string) => createHash(alg).update(text).digest('hex');

describe('sticky cookie name', () => {
  it('defaults to _ + 5 hex of SHA-1(_TRAEFIK_BACKEND_ + service)', () => {
    const expected = `_${sha('sha1', '_TRAEFIK_BACKEND_whoami@docker').slice(0, 5)}`;
    expect(stickyCookieName('whoami@docker')).toBe(expected);
    expect(stickyCookieName('whoami@docker', '')).toBe(expected);
    expect(stickyCookieName('other@file')).not.toBe(expected);
  });

  it('sanitises a configured name to token characters', () => {
    expect(stickyCookieName('svc', 'my cookie;name=é')).toBe('my_cookie_name__');
    expect(sanitizeCookieName("a!#$%&'*+-.^_`|~Z9")).toBe("a!#$%&'*+-.^_`|~Z9");
    expect(sanitizeCookieName('a(b)c<d>e@f,g:h\\i"j/k[l]m?n{o}p')).toBe('a_b_c_d_e_f_g_h_i_j_k_l_m_n_o_p');
  });
});

describe('sticky cookie value', () => {
  it('is the first 16 hex chars of SHA-256(server URL), never the address', () => {
    const url = 'http://10.0.0.7:8080';
    expect(stickyCookieValue(url)).toBe(sha('sha256', url).slice(0, 16));
    expect(stickyCookieValue(url)).toMatch(/^[0-9a-f]{16}$/);
    expect(stickyCookieValue(url)).not.toContain('10.0.0.7');
    expect(stickyCookieValue('http://10.0.0.8:8080')).not.toBe(stickyCookieValue(url));
  });
});

describe('formatSetCookie', () => {
  it('defaults: Path=/ only, a browser-session cookie', () => {
    expect(formatSetCookie('_abcde', 'v')).toBe('_abcde=v; Path=/');
  });

  it('renders every attribute', () => {
    expect(
      formatSetCookie('n', 'v', {
        path: '/app',
        domain: 'example.com',
        maxAge: 3600,
        httpOnly: true,
        secure: true,
        sameSite: 'lax',
      }),
    ).toBe('n=v; Path=/app; Domain=example.com; Max-Age=3600; HttpOnly; Secure; SameSite=Lax');
    expect(formatSetCookie('n', 'v', { sameSite: 'none' })).toContain('SameSite=None');
    expect(formatSetCookie('n', 'v', { sameSite: 'strict' })).toContain('SameSite=Strict');
    expect(formatSetCookie('n', 'v', { sameSite: '' })).not.toContain('SameSite');
  });

  it('maxAge 0 omits Max-Age; negative expires now', () => {
    expect(formatSetCookie('n', 'v', { maxAge: 0 })).not.toMatch(/Max-Age|Expires/);
    const expired = formatSetCookie('n', 'v', { maxAge: -1 });
    expect(expired).toContain('Max-Age=0');
    expect(expired).toContain('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  });
});

describe('readCookie', () => {
  it('finds a cookie among others, exactly by name', () => {
    const header = 'a=1; _abc=x; _abcde=wanted;other=2';
    expect(readCookie(header, '_abcde')).toBe('wanted');
    expect(readCookie(header, '_abc')).toBe('x');
    expect(readCookie(header, 'other')).toBe('2');
    expect(readCookie(header, 'missing')).toBeUndefined();
    expect(readCookie(header, 'abcde')).toBeUndefined();
  });

  it('handles empty, quoted, valueless and first-wins cases', () => {
    expect(readCookie(undefined, 'a')).toBeUndefined();
    expect(readCookie('', 'a')).toBeUndefined();
    expect(readCookie('a="quoted"', 'a')).toBe('quoted');
    expect(readCookie('a=', 'a')).toBe('');
    expect(readCookie('flag; a=1', 'a')).toBe('1');
    expect(readCookie('a=1; a=2', 'a')).toBe('1');
    expect(readCookie('  a=1  ', 'a')).toBe('1');
  });
});
