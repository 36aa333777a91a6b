import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeContext } from '../testing/context.js';
import { fakeExchange, recordingNext } from '../testing/exchange.js';
import { createBasicAuth } from './basic-auth.js';
import type { BasicAuthOptions } from './schema.js';

const alice = 'alice:$apr1$jGsq2GyC$cRBpov0dmSCzN9BrcSvN60';
const bob = 'bob:{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=';
const basic = (user: string, pw: string) => `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}`;

async function run(options: BasicAuthOptions, authorization?: string) {
  const ex = fakeExchange({ headers: authorization ? { authorization } : {} });
  const rec = recordingNext();
  const res = await createBasicAuth(options, fakeContext().ctx)(ex, rec.make(ex));
  return { res, seen: rec.seen[0], locals: ex.locals };
}

describe('basicAuth', () => {
  it('challenges without credentials with the default realm', async () => {
    const { res, seen } = await run({ users: [alice] });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Basic realm="traefik"');
    expect(seen).toBeUndefined();
  });
  it('accepts a valid user, rejects a bad password or unknown user', async () => {
    expect((await run({ users: [alice, bob] }, basic('alice', 'secret'))).res.status).toBe(200);
    expect((await run({ users: [alice, bob] }, basic('bob', 'secret'))).res.status).toBe(200);
    expect((await run({ users: [alice] }, basic('alice', 'nope'))).res.status).toBe(401);
    expect((await run({ users: [alice] }, basic('mallory', 'secret'))).res.status).toBe(401);
    expect((await run({ users: [alice] }, 'Bearer abc')).res.status).toBe(401);
  });
  it('sets headerField, removes the Authorization header, uses a custom realm', async () => {
    const { seen } = await run({ users: [alice], headerField: 'X-WebAuth-User', removeHeader: true }, basic('alice', 'secret'));
    expect(seen!.headers['x-webauth-user']).toBe('alice');
    expect((await run({ users: [alice] }, basic('alice', 'secret'))).locals.get('clientUsername')).toBe('alice');
    expect(seen!.headers).not.toHaveProperty('authorization');
    const kept = await run({ users: [alice] }, basic('alice', 'secret'));
    expect(kept.seen!.headers.authorization).toBeDefined();
    expect((await run({ users: [alice], realm: 'private' })).res.headers['www-authenticate']).toBe('Basic realm="private"');
  });
  it('a bcrypt user checks fast after the first success, and a wrong password still fails', async () => {
    const carol = 'carol:$2y$05$Yy7ZxEJFWiKhKqr1sxDkUeOpSsBLlOlSlD29pMaRZBNrKFnp8w29m';
    const step = createBasicAuth({ users: [carol] }, fakeContext().ctx);
    const call = async (pw: string) => {
      const ex = fakeExchange({ headers: { authorization: basic('carol', pw) } });
      return (await step(ex, recordingNext().make(ex))).status;
    };
    expect(await call('secret')).toBe(200);
    expect(await call('secret')).toBe(200);
    expect(await call('secreT')).toBe(401);
  });
  it('reads usersFile (comments and blank lines skipped)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-basic-'));
    const file = join(dir, 'users');
    writeFileSync(file, `# users\n\n${bob}\n`);
    expect((await run({ usersFile: file }, basic('bob', 'secret'))).res.status).toBe(200);
    expect(() => createBasicAuth({ usersFile: join(dir, 'missing') }, fakeContext().ctx)).toThrow(
      expect.objectContaining({ code: 'WHARF_MIDDLEWARE_OPTIONS' }),
    );
  });
});
