import type { ProviderSnapshot } from '@wharf/config';
import { afterEach, describe, expect, it } from 'vitest';
import { createDnsProvider } from './provider.js';
import { aRecord, queryType, response, startFakeDns, type FakeDns } from './testing/fake-dns.js';

const AAAA = 28;
let fake: FakeDns | undefined;
let controller: AbortController | undefined;
let done: Promise<void> | undefined;
afterEach(async () => {
  controller?.abort();
  await done;
  await fake?.close();
});

async function resolveWith(answer: FakeDns['answer']): Promise<ProviderSnapshot[]> {
  fake = await startFakeDns(answer);
  const provider = createDnsProvider({
    resolvers: [fake.server], resolveRetries: 2, timeout: '100ms',
    services: { web: { name: 'web.test', port: 80, interval: '100ms' } },
  });
  controller = new AbortController();
  const snapshots: ProviderSnapshot[] = [];
  done = provider.start((s) => snapshots.push(s), controller.signal);
  for (let i = 0; i < 200 && snapshots.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  return snapshots;
}

const urls = (s: ProviderSnapshot | undefined) => s?.config.http.services.web?.loadBalancer?.servers?.map((x) => x.url);

describe('hostile DNS answers (a fake server on a real UDP socket)', () => {
  it('a malformed answer is an "other" failure naming EBADRESP, not a crash', async () => {
    const snaps = await resolveWith((q) => Buffer.concat([q.subarray(0, 2), Buffer.from([0x81, 0x80, 0, 1, 0, 5, 0, 0, 0, 0, 1, 2, 3])]));
    expect(urls(snaps[0])).toEqual([]);
    expect(snaps[0]?.diagnostics[0]).toMatchObject({ code: 'WHARF_DNS_ERROR', severity: 'error' });
    expect(snaps[0]?.diagnostics[0]?.message).toContain('EBADRESP: malformed answer');
  });

  it('an A record with a short RDATA and a SERVFAIL are "other" failures', async () => {
    let servfail = false;
    const snaps = await resolveWith((q) => (servfail ? response(q, [], 2) : response(q, [aRecord(30, [10, 0, 0])])));
    expect(snaps[0]?.diagnostics[0]?.message).toContain('EBADRESP');
    servfail = true;
    for (let i = 0; i < 100 && !snaps.at(-1)?.diagnostics[0]?.message.includes('ESERVFAIL'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(snaps.at(-1)?.diagnostics[0]).toMatchObject({ code: 'WHARF_DNS_ERROR' });
    expect(snaps.at(-1)?.diagnostics[0]?.message).toContain('ESERVFAIL');
  });

  it('a TTL with the top bit set is treated as 0 and named', async () => {
    const snaps = await resolveWith((q) => (queryType(q) === AAAA ? response(q, []) : response(q, [aRecord(0xffffffff, [10, 0, 0, 1]), aRecord(30, [10, 0, 0, 2])])));
    expect(urls(snaps[0])).toEqual(['http://10.0.0.1:80', 'http://10.0.0.2:80']);
    expect(snaps[0]?.diagnostics.find((d) => d.code === 'WHARF_DNS_TTL' && d.key === '10.0.0.1')?.message).toContain('RFC 2181');
  });

  it('an answer with the wrong id is ignored: the query times out', async () => {
    const snaps = await resolveWith((q) => Buffer.concat([Buffer.from([q[0]! ^ 1, q[1]!]), response(q, [aRecord(30, [10, 0, 0, 1])]).subarray(2)]));
    expect(urls(snaps[0])).toEqual([]);
    expect(snaps[0]?.diagnostics[0]).toMatchObject({ code: 'WHARF_DNS_TIMEOUT' });
    expect(snaps[0]?.diagnostics[0]?.message).toContain('ETIMEOUT');
  });

  it('a flood of junk packets fails the resolution, then a good answer is served', async () => {
    const junk = Array.from({ length: 200 }, (_, i) => Buffer.from([i & 255, 7, 0xff, 0xff, 0xff]));
    let good = false;
    const snaps = await resolveWith((q) => (good ? (queryType(q) === AAAA ? response(q, []) : response(q, [aRecord(30, [10, 0, 0, 1])])) : junk));
    expect(urls(snaps[0])).toEqual([]);
    expect(['WHARF_DNS_ERROR', 'WHARF_DNS_TIMEOUT']).toContain(snaps[0]?.diagnostics[0]?.code);
    good = true;
    for (let i = 0; i < 100 && urls(snaps.at(-1))?.length !== 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(urls(snaps.at(-1))).toEqual(['http://10.0.0.1:80']);
  });
});
