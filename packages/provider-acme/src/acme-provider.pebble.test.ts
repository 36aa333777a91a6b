import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createSecureContext, createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProviderSnapshot } from '@wharf/config';
import { createAcmeProvider } from './acme-provider.js';
import { HttpChallengeStore } from './obtain/challenges.js';
import { parseAcmeJson, decodePem } from './storage/acme-json.js';
import { Value } from '@sinclair/typebox/value';
import { AcmeResolverOptionsSchema, type AcmeResolverOptions } from './options.js';
import { freePort, startPebble, type Pebble } from '@wharf/test-daemons';

let pebble: Pebble;
let http: Server;
let alpnServer: TlsServer;
const challenges = new HttpChallengeStore();
/** while true the HTTP-01 listener answers 404: validations fail */
let refuseChallenges = false;
/** the acme-tls/1 certificates of the provider's latest snapshot, as @wharf/tls's challenge store would hold them */
let alpnSnapshot: ProviderSnapshot | undefined;

beforeAll(async () => {
  const httpPort = await freePort();
  http = createServer((req, res) => {
    const body = refuseChallenges ? undefined : challenges.respond(req.url ?? '');
    res.writeHead(body === undefined ? 404 : 200).end(body);
  });
  await new Promise<void>((r) => http.listen(httpPort, '127.0.0.1', r));
  const tlsPort = await freePort();
  alpnServer = createTlsServer({
    ALPNProtocols: ['acme-tls/1'],
    SNICallback: (name, cb) => {
      const c = (alpnSnapshot?.config.tls?.certificates ?? []).find((x) => x.stores?.includes('acme-tls/1') && new X509Certificate(x.certFile).subjectAltName?.includes(`DNS:${name}`));
      cb(null, c ? createSecureContext({ cert: c.certFile, key: c.keyFile }) : undefined);
    },
  }, (socket) => socket.end());
  await new Promise<void>((r) => alpnServer.listen(tlsPort, '127.0.0.1', r));
  pebble = await startPebble({ httpPort, tlsPort });
}, 20_000);

afterAll(async () => {
  await pebble?.stop();
  await new Promise((r) => http?.close(r));
  await new Promise((r) => alpnServer?.close(r));
});

function options(): AcmeResolverOptions {
  return Value.Default(AcmeResolverOptionsSchema, {
    email: 'ops@wharf.test', storage: join(pebble.dir, 'acme.json'), caServer: pebble.directoryUrl,
    caCertificates: [pebble.caFile], httpChallenge: { entryPoint: 'web' },
  }) as AcmeResolverOptions;
}

/** Run the provider until `until` accepts a snapshot; returns that snapshot. */
async function runUntil(opts: Parameters<typeof createAcmeProvider>[0], until: (s: ProviderSnapshot) => boolean, forMs?: number): Promise<ProviderSnapshot[]> {
  const seen: ProviderSnapshot[] = [];
  const ac = new AbortController();
  if (forMs !== undefined) setTimeout(() => ac.abort(), forMs);
  const done = createAcmeProvider(opts).start((s) => { seen.push(s); if (until(s)) ac.abort(); }, ac.signal);
  await done;
  return seen;
}

const certs = (s: ProviderSnapshot) => s.config.tls?.certificates ?? [];

describe('ACME provider against pebble', () => {
  it('obtains with HTTP-01, stores in acme.json (0600), serves it, reuses it after restart, renews near expiry', async () => {
    const o = options();
    const domainsWanted = () => [{ main: 'app.wharf.test', sans: [] }];
    const first = await runUntil({ name: 'le', options: o, domainsWanted, httpChallenges: challenges, checkIntervalMs: 50 }, (s) => certs(s).length > 0 || s.diagnostics.length > 0);
    const last = first.at(-1)!;
    expect(last.diagnostics).toEqual([]);
    const cert = new X509Certificate(certs(last)[0]!.certFile);
    expect(cert.subjectAltName).toContain('DNS:app.wharf.test');

    expect((await stat(o.storage)).mode & 0o777).toBe(0o600);
    const stored = parseAcmeJson(await readFile(o.storage, 'utf8')).data.le!;
    expect(stored.Account?.Registration?.uri).toMatch(/^https:\/\/127\.0\.0\.1/);
    expect(stored.Certificates?.[0]?.domain.main).toBe('app.wharf.test');
    expect(decodePem(stored.Certificates![0]!.certificate, 'CERTIFICATE')).toBe(certs(last)[0]!.certFile);

    // restart: the first snapshot already carries the stored certificate; over several check
    // rounds no order is made (an order would publish a second snapshot)
    const restarted = await runUntil({ name: 'le', options: o, domainsWanted, httpChallenges: challenges, checkIntervalMs: 50 }, () => false, 400);
    expect(restarted).toHaveLength(1);
    expect(certs(restarted[0]!)[0]!.certFile).toBe(certs(last)[0]!.certFile);

    // near expiry: a new certificate replaces it
    const nearExpiry = () => new Date(new Date(cert.validTo).getTime() - 60_000);
    const renewed = await runUntil({ name: 'le', options: o, domainsWanted, httpChallenges: challenges, checkIntervalMs: 50, now: nearExpiry },
      (s) => certs(s).length > 0 && certs(s)[0]!.certFile !== certs(last)[0]!.certFile);
    const next = new X509Certificate(certs(renewed.at(-1)!)[0]!.certFile);
    expect(next.serialNumber).not.toBe(cert.serialNumber);
    expect(parseAcmeJson(await readFile(o.storage, 'utf8')).data.le?.Certificates).toHaveLength(1);
  }, 30_000);

  it('reports a failed validation as a diagnostic per asking router, retries, and drops it once the certificate arrives', async () => {
    const o = { ...options(), storage: join(pebble.dir, 'fail.json') };
    refuseChallenges = true;
    const domainsWanted = () => [{ main: 'fail.wharf.test', routers: ['a@file', 'b@docker'] }];
    const seen = await runUntil({ name: 'le', options: o, domainsWanted, httpChallenges: challenges, checkIntervalMs: 50, retryDelayMs: () => 50 },
      (s) => { if (s.diagnostics.length > 0) refuseChallenges = false; return certs(s).length > 0; });
    refuseChallenges = false;
    const failed = seen.find((s) => s.diagnostics.length > 0)!;
    expect(failed.diagnostics.map((d) => d.element)).toEqual([{ kind: 'router', name: 'a@file' }, { kind: 'router', name: 'b@docker' }]);
    expect(failed.diagnostics[0]).toMatchObject({ code: 'WHARF_ACME_ORDER', provider: 'le', severity: 'error' });
    expect(failed.diagnostics[0]!.message).toMatch(/^resolver le: cannot obtain a certificate for fail\.wharf\.test: /);
    expect(seen.at(-1)!.diagnostics).toEqual([]);
  }, 30_000);

  it('forgets a failure once no router asks for the domains', async () => {
    const o = { ...options(), storage: join(pebble.dir, 'gone.json'), caServer: 'https://127.0.0.1:1/dir' };
    let wanted = [{ main: 'gone.wharf.test', routers: ['a@file'] }];
    const seen = await runUntil({ name: 'le', options: o, domainsWanted: () => wanted, checkIntervalMs: 50 },
      (s) => { if (s.diagnostics.length > 0) wanted = []; return wanted.length === 0 && s.diagnostics.length === 0; }, 20_000);
    expect(seen.some((s) => s.diagnostics.length > 0)).toBe(true);
    expect(seen.at(-1)!.diagnostics).toEqual([]);
  }, 25_000);

  it('obtains with TLS-ALPN-01 through acme-tls/1 certificates in its snapshot', async () => {
    const o = { ...options(), storage: join(pebble.dir, 'alpn.json'), httpChallenge: undefined, tlsChallenge: {} };
    const seen = await runUntil({ name: 'le', options: o, domainsWanted: () => [{ main: 'alpn.wharf.test' }], checkIntervalMs: 50, challengePublishDelayMs: 50 },
      (s) => { alpnSnapshot = s; return s.diagnostics.length > 0 || certs(s).some((c) => !c.stores); });
    const last = seen.at(-1)!;
    expect(last.diagnostics).toEqual([]);
    expect(seen.some((s) => certs(s).some((c) => c.stores?.includes('acme-tls/1')))).toBe(true);
    expect(certs(last).filter((c) => c.stores)).toEqual([]); // the challenge certificate is gone
    expect(new X509Certificate(certs(last)[0]!.certFile).subjectAltName).toContain('DNS:alpn.wharf.test');
  }, 30_000);
});
