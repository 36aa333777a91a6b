import type { ProviderSnapshot } from '@wharf/config';
import { afterEach, describe, expect, it } from 'vitest';
import type { DnsProviderOptionsInput } from './options.js';
import { createDnsProvider } from './provider.js';
import { resolveDnsOptions } from './resolve-options.js';
import { DNSMASQ_BINARY, startDnsmasq } from '@wharf/test-daemons';

const FAST = { resolveRetries: 2, timeout: '150ms', hold: { valid: '0s', obsolete: '0s', nx: '1s', refused: '1s', timeout: '1s', other: '1s' } };
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

function run(options: DnsProviderOptionsInput) {
  const controller = new AbortController();
  const snapshots: ProviderSnapshot[] = [];
  const done = createDnsProvider(options).start((s) => snapshots.push(s), controller.signal);
  cleanups.push(async () => { controller.abort(); await done; });
  return async (what: string, pred: (s: ProviderSnapshot) => boolean, ms = 6000): Promise<ProviderSnapshot> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const s = snapshots.at(-1);
      if (s && pred(s)) return s;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last snapshot: ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
}

const tcpLb = (s: ProviderSnapshot, name = 'db') =>
  (s.config.tcp?.services?.[name] as { loadBalancer?: { servers?: Array<{ address: string }>; terminationDelay?: number } } | undefined)?.loadBalancer;
const addresses = (s: ProviderSnapshot, name = 'db') => (tcpLb(s, name)?.servers ?? []).map((x) => x.address);

describe.skipIf(!DNSMASQ_BINARY)('dns tcpServices against a real dnsmasq', () => {
  it('A records → tcp.services.db with ip:port servers, the same slots as HTTP (cap, kept slots, refill)', async () => {
    const ns = await startDnsmasq({ hosts: '127.0.0.3 db.test\n127.0.0.2 db.test' });
    cleanups.push(() => ns.close());
    const until = run({
      ...FAST, resolvers: [ns.server],
      tcpServices: { db: { name: 'db.test', port: 5432, slots: 2, interval: '200ms', loadBalancer: { terminationDelay: 50 } } },
      services: { db: { name: 'db.test', port: 8080, interval: '200ms' } },
    });
    const first = await until('two tcp servers', (s) => addresses(s).length === 2);
    expect(addresses(first)).toEqual(['127.0.0.2:5432', '127.0.0.3:5432']);
    expect(tcpLb(first)?.terminationDelay).toBe(50);
    expect(first.config.http.services['db']?.loadBalancer?.servers?.map((x) => x.url)).toEqual(['http://127.0.0.2:8080', 'http://127.0.0.3:8080']);
    await ns.setHosts('127.0.0.3 db.test\n127.0.0.4 db.test\n127.0.0.5 db.test');
    const full = await until('.2 gone, .4 in its slot, .5 waiting', (s) => addresses(s).includes('127.0.0.4:5432'));
    expect(addresses(full)).toEqual(['127.0.0.4:5432', '127.0.0.3:5432']);
    expect(full.diagnostics.some((d) => d.code === 'WHARF_DNS_SLOTS_FULL' && d.message.includes('127.0.0.5'))).toBe(true);
  });

  it('SRV answers give each TCP server its own port', async () => {
    const ns = await startDnsmasq({ hosts: '127.0.0.4 a.test\n127.0.0.5 b.test', srv: ['_pg._tcp.db.test,a.test,5432,0,5', '_pg._tcp.db.test,b.test,5433,0,5'] });
    cleanups.push(() => ns.close());
    const until = run({ ...FAST, resolvers: [ns.server], tcpServices: { db: { name: '_pg._tcp.db.test', interval: '200ms' } } });
    const s = await until('two SRV tcp servers', (x) => addresses(x).length === 2);
    expect(addresses(s).sort()).toEqual(['127.0.0.4:5432', '127.0.0.5:5433']);
    expect(s.config.http.services['db']).toBeUndefined();
  });
});

describe('dns tcpServices options', () => {
  it('an HTTP-only loadBalancer option on a TCP service is a diagnostic naming the key; the service is skipped', () => {
    const { options, diagnostics } = resolveDnsOptions({
      tcpServices: { db: { name: 'db.test', port: 5432, loadBalancer: { sticky: { cookie: {} } } }, ok: { name: 'ok.test', port: 1 } },
    });
    expect(options.services.map((s) => [s.service, s.protocol])).toEqual([['ok', 'tcp']]);
    expect(diagnostics.map((d) => d.key)).toContain('providers.dns.tcpServices.db.loadBalancer.sticky');
  });
});
