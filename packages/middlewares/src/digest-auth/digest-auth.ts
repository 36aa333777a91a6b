import { createHash, randomBytes } from 'node:crypto';
import { readHeader } from '@wharf/config';
import type { HttpExchange, HttpStep } from '@wharf/config';
import { createAdmitUser } from '../credentials/authenticated-user.js';
import { safeEqual } from '../credentials/safe-equal.js';
import { loadUserLines } from '../credentials/user-list.js';
import { MiddlewareErrors } from '../errors.js';
import { textResponse } from '../response.js';
import type { MiddlewareContext } from '../types.js';
import { createNonceIssuer } from './nonce.js';
import type { DigestAuthOptions } from './schema.js';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** `Digest a="b", c=d` → params (quoted or token values). */
export function parseDigestHeader(header: string): Record<string, string> | undefined {
  const m = /^digest\s+(.*)$/is.exec(header.trim());
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const p of m[1]!.matchAll(/([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g)) {
    params[p[1]!.toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : (p[3] ?? '');
  }
  return params;
}

/** RFC 2617 Digest (MD5, qop=auth) against htdigest users of the configured realm. */
export function createDigestAuth(options: DigestAuthOptions, ctx: MiddlewareContext): HttpStep {
  const realm = options.realm ?? 'traefik';
  const ha1ByUser = new Map<string, string>();
  for (const line of loadUserLines(options.users, options.usersFile, ctx.name)) {
    const [user, userRealm, ha1] = line.split(':');
    if (user && ha1 && userRealm === realm) ha1ByUser.set(user, ha1.toLowerCase());
  }
  if (ha1ByUser.size === 0) throw MiddlewareErrors.invalidOptions(ctx.name, `digestAuth has no users for realm ${realm}`);
  const nonces = createNonceIssuer();
  const opaque = randomBytes(16).toString('hex');
  const admitUser = createAdmitUser(options);
  const challenge = (stale: boolean) =>
    textResponse(401, '401 Unauthorized\n', {
      'www-authenticate': `Digest realm="${realm}", nonce="${nonces.issue()}", opaque="${opaque}", algorithm=MD5, qop="auth"${stale ? ', stale=true' : ''}`,
    });

  const verify = (ex: HttpExchange): 'ok' | 'stale' | 'fail' => {
    const p = parseDigestHeader(readHeader(ex.headers, 'authorization') ?? '');
    if (!p?.username || !p.nonce || !p.response || p.realm !== realm || p.opaque !== opaque) return 'fail';
    if (p.uri !== (ex.req.url ?? '')) return 'fail';
    const ha1 = ha1ByUser.get(p.username);
    if (!ha1) return 'fail';
    if (p.algorithm && p.algorithm.toUpperCase() !== 'MD5') return 'fail';
    const ha2 = md5(`${ex.method}:${p.uri}`);
    const expected = p.qop === 'auth' ? md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`) : md5(`${ha1}:${p.nonce}:${ha2}`);
    if (!safeEqual(expected, p.response.toLowerCase())) return 'fail';
    const state = nonces.check(p.nonce);
    if (state === 'stale') return 'stale';
    if (state !== 'valid') return 'fail';
    return p.qop !== 'auth' || nonces.use(p.nonce, p.nc ?? '') === 'valid' ? 'ok' : 'fail';
  };

  return (ex, next) => {
    const verdict = verify(ex);
    if (verdict !== 'ok') return Promise.resolve(challenge(verdict === 'stale'));
    const user = parseDigestHeader(readHeader(ex.headers, 'authorization')!)!.username!;
    admitUser(ex, user);
    return next();
  };
}
