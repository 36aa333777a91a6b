import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderSnapshot } from '@wharf/config';
import { afterEach, describe, expect, it } from 'vitest';
import type { DnsProviderOptionsInput } from './options.js';
import { createDnsProvider, type DnsProvider } from './provider.js';
import { DNSMASQ_BINARY, startDnsmasq, type Dnsmasq } from '@wharf/test-daemons';

if (!DNSMASQ_BINARY) {
  if (process.env.CI) throw new Error('dnsmasq is required in CI for the DNS provider tests');
  console.warn('[wharf] SKIPPING dns provider tests against a real DNS server: dnsmasq not found (install Debian package dnsmasq)');
}

const FAST = { resolveRetries: 2, timeout: '150ms', hold: { valid: '0s', obsolete: '0s', nx: '1s', refused: '1s', timeout: '1s', other: '1s' } };

interface Running {
  provider: DnsProvider;
  snapshots: ProviderSnapshot[];
  last(): ProviderSnapshot | undefined;
  until(what: string, pred: (s: ProviderSnapshot) => boolean, ms?: number): Promise<ProviderSnapshot>;
  stop(): Promise<void>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function dnsmasq(records: Parameters<typeof startDnsmasq>[0]): Promise<Dnsmasq> {
  const server = await startDnsmasq(records);
  cleanups.push(() => server.close());
  return server;
}

function run(options: DnsProviderOptionsInput): Running {
  const provider = createDnsProvider(options);
  const controller = new AbortController();
  const snapshots: ProviderSnapshot[] = [];
  const done = provider.start((s) => snapshots.push(s), controller.signal);
  const running: Running = {
    provider, snapshots,
    last: () => snapshots.at(-1),
    async until(what, pred, ms = 6000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const s = snapshots.at(-1);
        if (s && pred(s)) return s;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last snapshot: ${JSON.stringify(s, null, 1)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async stop() {
      controller.abort();
      await done;
    },
  };
  cleanups.push(() => running.stop());
  return running;
}

const servers = (s: ProviderSnapshot, name = 'web') => s.config.http.services[name]?.loadBalancer?.servers ?? [];
const urls = (s: ProviderSnapshot, name = 'web') => servers(s, name).map((x) => x.url);
const codes = (s: ProviderSnapshot) => s.diagnostics.map((d) => d.code);
const sameList = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);

describe.skipIf(!DNSMASQ_BINARY)('dns provider against a real dnsmasq', () => {
  it('follows A records changed while it runs; servers keep their slots', async () => {
    const ns = await dnsmasq({ hosts: '127.0.0.3 web.test\n127.0.0.2 web.test' });
    const p = run({ ...FAST, resolvers: [ns.server], services: { web: { name: 'web.test', port: 8080, interval: '200ms', loadBalancer: { strategy: 'p2c' } } } });
    const first = await p.until('two servers', (s) => urls(s).length === 2);
    expect(urls(first)).toEqual(['http://127.0.0.2:8080', 'http://127.0.0.3:8080']);
    expect(first.config.http.services.web?.loadBalancer?.strategy).toBe('p2c');
    expect(first.diagnostics.find((d) => d.code === 'WHARF_DNS_ANSWER')?.message).toContain('2 record(s) → 2 server(s)');
    await ns.setHosts('127.0.0.3 web.test\n127.0.0.4 web.test');
    const moved = await p.until('.4 in the slot of .2', (s) => urls(s).includes('http://127.0.0.4:8080'));
    expect(urls(moved)).toEqual(['http://127.0.0.4:8080', 'http://127.0.0.3:8080']);
    await ns.setHosts('127.0.0.5 web.test\n127.0.0.3 web.test\n127.0.0.4 web.test');
    const grown = await p.until('three servers', (s) => urls(s).length === 3);
    expect(urls(grown)).toEqual(['http://127.0.0.4:8080', 'http://127.0.0.3:8080', 'http://127.0.0.5:8080']);
    const status = p.provider.status();
    expect(status.nameservers).toEqual([ns.server]);
    expect(status.services[0]).toMatchObject({ service: 'web', status: 'valid', servers: 3, records: 3, nameserver: ns.server, slots: { used: 3, max: null } });
    expect(status.services[0]!.answers).toBeGreaterThanOrEqual(3);
    expect(Date.parse(status.services[0]!.lastAnswerAt!)).toBeGreaterThan(Date.now() - 5000);
  });

  it('discovers SRV records with their ports and weights, and follows a changed record set', async () => {
    const ns = await dnsmasq({
      hosts: '127.0.0.4 a.test\n127.0.0.5 b.test\n127.0.0.6 c.test',
      srv: ['_http._tcp.web.test,b.test,8081,1,7', '_http._tcp.web.test,a.test,8080,0,5'],
    });
    const p = run({ ...FAST, resolvers: [ns.server], services: { web: { name: '_http._tcp.web.test', slots: 3, interval: '200ms' } } });
    const first = await p.until('two SRV servers', (s) => servers(s).length === 2);
    expect(servers(first)).toEqual([{ url: 'http://127.0.0.4:8080', weight: 5 }, { url: 'http://127.0.0.5:8081', weight: 7 }]);
    await ns.restart({ srv: ['_http._tcp.web.test,b.test,8081,1,9', '_http._tcp.web.test,c.test,8082,0,2'] });
    const next = await p.until('c.test in the slot of a.test', (s) => urls(s)[0] === 'http://127.0.0.6:8082' && servers(s).length === 2);
    expect(servers(next)).toEqual([{ url: 'http://127.0.0.6:8082', weight: 2 }, { url: 'http://127.0.0.5:8081', weight: 9 }]);
    await ns.setHosts('127.0.0.7 b.test\n127.0.0.6 c.test');
    const readdressed = await p.until('b.test at its new address', (s) => urls(s).includes('http://127.0.0.7:8081'));
    expect(urls(readdressed)).toEqual(['http://127.0.0.6:8082', 'http://127.0.0.7:8081']);
  });

  it('a silent nameserver: keeps the servers for hold.timeout, then drops them; recovers when it answers', async () => {
    const ns = await dnsmasq({ hosts: '127.0.0.2 web.test\n127.0.0.3 web.test' });
    const p = run({ ...FAST, resolvers: [ns.server], services: { web: { name: 'web.test', port: 80, interval: '200ms' } } });
    await p.until('two servers', (s) => urls(s).length === 2);
    ns.pause();
    const held = await p.until('a timeout, servers held', (s) => codes(s).includes('WHARF_DNS_TIMEOUT'));
    expect(urls(held)).toHaveLength(2);
    const diag = held.diagnostics.find((d) => d.code === 'WHARF_DNS_TIMEOUT')!;
    expect(diag).toMatchObject({ severity: 'warning', source: 'web.test', element: { kind: 'service', name: 'web' } });
    expect(diag.message).toMatch(/no answer \(ETIMEOUT: .*\) since .*; keeping 2 server\(s\) until .* \(hold\.timeout 1s after the last valid answer at /);
    const gone = await p.until('servers gone after hold.timeout', (s) => urls(s).length === 0);
    expect(gone.diagnostics.find((d) => d.code === 'WHARF_DNS_TIMEOUT')).toMatchObject({ severity: 'error' });
    expect(p.provider.status().services[0]).toMatchObject({ status: 'timeout', servers: 0, failure: { code: 'ETIMEOUT' } });
    ns.resume();
    await p.until('servers back', (s) => urls(s).length === 2 && !codes(s).includes('WHARF_DNS_TIMEOUT'));
    await ns.stop();
    const refusedPort = await p.until('a closed port counts as timeout', (s) => codes(s).includes('WHARF_DNS_TIMEOUT'));
    expect(refusedPort.diagnostics.find((d) => d.code === 'WHARF_DNS_TIMEOUT')?.message).toContain('ECONNREFUSED');
    expect(urls(refusedPort)).toHaveLength(2);
    await ns.restart();
    await p.until('servers back after a restart', (s) => urls(s).length === 2 && !codes(s).includes('WHARF_DNS_TIMEOUT'));
  });

  it('NXDOMAIN and REFUSED: visible per service; a name that vanishes is held for hold.nx', async () => {
    const ns = await dnsmasq({ hosts: '127.0.0.2 web.test' });
    const p = run({
      ...FAST, resolvers: [ns.server],
      services: {
        web: { name: 'web.test', port: 80, interval: '200ms' },
        missing: { name: 'missing.test', port: 80, interval: '200ms' },
        outside: { name: 'example.com', port: 80, interval: '200ms' },
      },
    });
    const first = await p.until('all three resolved', (s) => urls(s).length === 1 && codes(s).includes('WHARF_DNS_NXDOMAIN') && codes(s).includes('WHARF_DNS_REFUSED'));
    expect(first.config.http.services.missing).toEqual({ loadBalancer: { servers: [] } });
    expect(first.diagnostics.find((d) => d.element?.name === 'missing')).toMatchObject({ code: 'WHARF_DNS_NXDOMAIN', severity: 'error' });
    expect(first.diagnostics.find((d) => d.element?.name === 'outside')?.message).toContain('REFUSED (EREFUSED');
    await ns.setHosts('127.0.0.9 other.test');
    const held = await p.until('web held after NXDOMAIN', (s) => s.diagnostics.some((d) => d.element?.name === 'web' && d.code === 'WHARF_DNS_NXDOMAIN'));
    expect(urls(held)).toEqual(['http://127.0.0.2:80']);
    expect(held.diagnostics.find((d) => d.element?.name === 'web')?.message).toContain('hold.nx 1s');
    await p.until('web dropped after hold.nx', (s) => urls(s).length === 0);
    await ns.setHosts('127.0.0.2 web.test');
    await p.until('web back', (s) => sameList(urls(s), ['http://127.0.0.2:80']));
  });

  it('stops promptly on abort, even with queries in flight to a silent nameserver', async () => {
    const ns = await dnsmasq({ hosts: '127.0.0.2 web.test' });
    const p = run({ resolveRetries: 3, timeout: '2s', resolvers: [ns.server], services: { web: { name: 'web.test', port: 80, interval: '200ms' } } });
    await p.until('a server', (s) => urls(s).length === 1);
    ns.pause();
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    await p.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    ns.resume();
  });
});

describe('dns provider without a nameserver', () => {
  it('throws WHARF_DNS_NO_RESOLVERS when resolv.conf lists none (the runner retries)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wharf-dns-'));
    try {
      await writeFile(join(dir, 'resolv.conf'), 'search example\n');
      const provider = createDnsProvider({ services: { web: { name: 'web', port: 80 } } }, { resolvConfPath: join(dir, 'resolv.conf') });
      await expect(provider.start(() => undefined, new AbortController().signal)).rejects.toMatchObject({ code: 'WHARF_DNS_NO_RESOLVERS' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('emits the option diagnostics and an empty service when no configured nameserver is usable', async () => {
    const provider = createDnsProvider({ resolvers: ['dns.google'], services: { web: { name: 'web', port: 80 } } });
    const controller = new AbortController();
    const snapshots: ProviderSnapshot[] = [];
    const done = provider.start((s) => snapshots.push(s), controller.signal);
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    await done;
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]!.config.http.services).toEqual({ web: { loadBalancer: { servers: [] } } });
    expect(snapshots[0]!.diagnostics.map((d) => [d.code, d.key])).toEqual([
      ['WHARF_DNS_BAD_RESOLVER', 'providers.dns.resolvers[0]'], ['WHARF_DNS_BAD_RESOLVER', 'providers.dns.resolvers'],
    ]);
  });
});
