import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HttpStep } from '@wharf/config';
import { fakeContext } from '../testing/context.js';
import { fakeExchange, recordingNext } from '../testing/exchange.js';
import { createDigestAuth, parseDigestHeader } from './digest-auth.js';
import { createNonceIssuer } from './nonce.js';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
/** an htdigest line as `htdigest passwordfile traefik alice` writes it */
const alice = `alice:traefik:${md5('alice:traefik:secret')}`;

async function call(step: HttpStep, url: string, authorization?: string, method = 'GET') {
  const ex = fakeExchange({ url, method, headers: authorization ? { authorization } : {} });
  const rec = recordingNext();
  const res = await step(ex, rec.make(ex));
  return { res, seen: rec.seen[0] };
}

/** What a browser does with a challenge. */
function answer(challenge: string, user: string, password: string, uri: string, method = 'GET', realm = 'traefik') {
  const c = parseDigestHeader(challenge)!;
  const ha1 = md5(`${user}:${realm}:${password}`);
  const ha2 = md5(`${method}:${uri}`);
  const cnonce = 'abcdef';
  const response = md5(`${ha1}:${c.nonce}:00000001:${cnonce}:auth:${ha2}`);
  return `Digest username="${user}", realm="${c.realm}", nonce="${c.nonce}", uri="${uri}", qop=auth, nc=00000001, cnonce="${cnonce}", response="${response}", opaque="${c.opaque}", algorithm=MD5`;
}

describe('digestAuth', () => {
  const step = createDigestAuth({ users: [alice], headerField: 'X-User', removeHeader: true }, fakeContext().ctx);
  it('challenges, then accepts a correct answer', async () => {
    const first = await call(step, '/p?q=1');
    expect(first.res.status).toBe(401);
    const challenge = String(first.res.headers['www-authenticate']);
    expect(challenge).toMatch(/^Digest realm="traefik", nonce="[^"]+", opaque="[^"]+", algorithm=MD5, qop="auth"$/);
    const ok = await call(step, '/p?q=1', answer(challenge, 'alice', 'secret', '/p?q=1'));
    expect(ok.res.status).toBe(200);
    expect(ok.seen!.headers['x-user']).toBe('alice');
    expect(ok.seen!.headers).not.toHaveProperty('authorization');
  });
  it('refuses a replayed nonce count', async () => {
    const challenge = String((await call(step, '/r')).res.headers['www-authenticate']);
    const auth = answer(challenge, 'alice', 'secret', '/r');
    expect((await call(step, '/r', auth)).res.status).toBe(200);
    expect((await call(step, '/r', auth)).res.status).toBe(401);
  });
  it('rejects a wrong password, another uri, or another method', async () => {
    const challenge = String((await call(step, '/')).res.headers['www-authenticate']);
    expect((await call(step, '/', answer(challenge, 'alice', 'wrong', '/'))).res.status).toBe(401);
    expect((await call(step, '/other', answer(challenge, 'alice', 'secret', '/'))).res.status).toBe(401);
    expect((await call(step, '/', answer(challenge, 'alice', 'secret', '/'), 'POST')).res.status).toBe(401);
  });
  it('rejects nonces from another generation', async () => {
    const other = createDigestAuth({ users: [alice] }, fakeContext().ctx);
    const challenge = String((await call(other, '/')).res.headers['www-authenticate']);
    expect((await call(step, '/', answer(challenge, 'alice', 'secret', '/'))).res.status).toBe(401);
  });
  it('needs users of its realm', () => {
    expect(() => createDigestAuth({ users: [alice], realm: 'other' }, fakeContext().ctx)).toThrow(
      expect.objectContaining({ code: 'WHARF_MIDDLEWARE_OPTIONS' }),
    );
  });
});

describe('nonce issuer', () => {
  it('marks old nonces stale and forged ones invalid', () => {
    let t = 1_000_000;
    const issuer = createNonceIssuer(() => t);
    const n = issuer.issue();
    expect(issuer.check(n)).toBe('valid');
    t += 6 * 60_000;
    expect(issuer.check(n)).toBe('stale');
    expect(issuer.check(`${n.split('.')[0]}.forged`)).toBe('invalid');
  });
});
