import { X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderSnapshot } from '@wharf/config';
import { freePort, startPebble, type Pebble } from '@wharf/test-daemons';
import { createAcmeProvider } from '../acme-provider.js';
import { AcmeResolverOptionsSchema, type AcmeResolverOptions } from '../options.js';
import { accountContacts, challengeDelayMs } from './acme-session.js';
import { HttpChallengeStore } from './challenges.js';

/** Traefik's `eab`, `emailAddresses`, `disableCommonName` and `httpChallenge.delay`, against a pebble that requires EAB. */
let pebble: Pebble;
let http: Server;
const challenges = new HttpChallengeStore();
const KID = 'kid-wharf';
const HMAC = 'zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W';

beforeAll(async () => {
  const httpPort = await freePort();
  http = createServer((req, res) => {
    const body = challenges.respond(req.url ?? '');
    res.writeHead(body === undefined ? 404 : 200).end(body);
  });
  await new Promise<void>((r) => http.listen(httpPort, '127.0.0.1', r));
  pebble = await startPebble({ httpPort, externalAccountKeys: { [KID]: HMAC } });
}, 20_000);
afterAll(async () => {
  await pebble?.stop();
  await new Promise((r) => http?.close(r));
});

const options = (extra: Partial<AcmeResolverOptions>, file: string): AcmeResolverOptions => Value.Default(AcmeResolverOptionsSchema, {
  email: 'ops@wharf.test', storage: join(pebble.dir, file), caServer: pebble.directoryUrl, caCertificates: [pebble.caFile], httpChallenge: { entryPoint: 'web' }, ...extra,
}) as AcmeResolverOptions;

async function firstOutcome(o: AcmeResolverOptions, main: string): Promise<ProviderSnapshot> {
  const ac = new AbortController();
  let last: ProviderSnapshot | undefined;
  await createAcmeProvider({ name: 'le', options: o, domainsWanted: () => [{ main, routers: ['r@file'] }], httpChallenges: challenges, checkIntervalMs: 50 }).start((s) => {
    last = s;
    if ((s.config.tls?.certificates ?? []).length > 0 || s.diagnostics.length > 0) ac.abort();
  }, ac.signal);
  return last!;
}

describe('ACME options beyond the basics', () => {
  it('eab: a CA that requires External Account Binding refuses an account without it and issues with it', async () => {
    const refused = await firstOutcome(options({}, 'no-eab.json'), 'eab.wharf.test');
    expect(refused.diagnostics[0]?.message).toMatch(/externalAccountBinding|external account/i);
    const start = Date.now();
    const issued = await firstOutcome(options({ eab: { kid: KID, hmacEncoded: HMAC }, disableCommonName: true, httpChallenge: { entryPoint: 'web', delay: '300ms' } }, 'eab.json'), 'eab.wharf.test');
    expect(issued.diagnostics).toEqual([]);
    expect(Date.now() - start).toBeGreaterThanOrEqual(300);
    const cert = new X509Certificate(issued.config.tls!.certificates![0]!.certFile);
    expect(cert.subjectAltName).toBe('DNS:eab.wharf.test');
  }, 30_000);

  it('contacts and delays as Traefik spells them', () => {
    expect(accountContacts({ email: 'a@x.test', emailAddresses: ['b@x.test', ' a@x.test ', ''] })).toEqual(['mailto:a@x.test', 'mailto:b@x.test']);
    expect(accountContacts({})).toEqual([]);
    expect(challengeDelayMs({ httpChallenge: { entryPoint: 'web', delay: '2s' } }, 'http-01')).toBe(2000);
    expect(challengeDelayMs({ tlsChallenge: { delay: '99h' } }, 'tls-alpn-01')).toBe(600_000);
    expect(challengeDelayMs({ httpChallenge: { entryPoint: 'web' } }, 'http-01')).toBe(0);
  });
});
