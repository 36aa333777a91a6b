import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhoamiServer } from '@wharf/whoami';
import { StaticConfigError } from './static/errors.js';
import { loadStaticConfig } from './static/index.js';
import { startBackends, startTestWharf, type TestWharf } from './testing/harness.js';

const load = (argv: string[], env: Record<string, string> = {}, cwd = '/') => loadStaticConfig({ argv, env, cwd, searchDirs: [] });

function problemsOf(argv: string[]): string[] {
  try {
    load(argv);
  } catch (err) {
    if (err instanceof StaticConfigError) return err.problems.map((p) => `${p.code} ${p.message}`);
    throw err;
  }
  return [];
}

describe('entryPoints.<n>.proxyProtocol (static)', () => {
  it('is absent by default and read from flags (any case), env and file', () => {
    expect(load(['--entrypoints.web.address=:80']).entryPoints.web?.proxyProtocol).toBeUndefined();
    expect(load(['--entrypoints.web.address=:80', '--entryPoints.web.proxyProtocol.trustedIPs=10.0.0.0/8,192.168.1.7']).entryPoints.web?.proxyProtocol)
      .toEqual({ insecure: false, trustedIPs: ['10.0.0.0/8', '192.168.1.7'] });
    expect(load(['--entrypoints.web.address=:80', '--entrypoints.web.proxyprotocol.insecure']).entryPoints.web?.proxyProtocol?.insecure).toBe(true);
    expect(load([], { TRAEFIK_ENTRYPOINTS_WEB_ADDRESS: ':80', TRAEFIK_ENTRYPOINTS_WEB_PROXYPROTOCOL_TRUSTEDIPS: '10.1.0.0/16' }).entryPoints.web?.proxyProtocol?.trustedIPs).toEqual(['10.1.0.0/16']);
    const dir = mkdtempSync(join(tmpdir(), 'wharf-pp-'));
    try {
      writeFileSync(join(dir, 'wharf.yml'), 'entryPoints:\n  web:\n    address: ":80"\n    proxyProtocol:\n      trustedIPs: ["127.0.0.1/32", "fd00::/8"]\n');
      expect(load([], {}, dir).entryPoints.web?.proxyProtocol?.trustedIPs).toEqual(['127.0.0.1/32', 'fd00::/8']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an entry that is not an IP or CIDR, naming the flag and the entry (forwardedHeaders too)', () => {
    expect(problemsOf(['--entrypoints.web.address=:80', '--entrypoints.web.proxyProtocol.trustedIPs=10.0.0.0/8,nonsense'])).toEqual([
      'WHARF_STATIC_BAD_IP_RANGE --entrypoints.web.proxyProtocol.trustedIPs: entry 2, "nonsense", is not an IP address or CIDR (1.2.3.4, 10.0.0.0/8, 2001:db8::/32)',
    ]);
    // this one used to stop wharf with node's bare "Invalid socket address"
    expect(problemsOf(['--entrypoints.web.address=:80', '--entrypoints.web.forwardedHeaders.trustedIPs=10.0.0.0/33'])[0])
      .toMatch(/^WHARF_STATIC_BAD_IP_RANGE --entrypoints\.web\.forwardedHeaders\.trustedIPs: entry 1, "10\.0\.0\.0\/33"/);
  });
});

/** one request on a fresh connection with `prefix` written first; the whole answer */
function rawRequest(port: number, prefix: Buffer | string, request = 'GET /pp HTTP/1.1\r\nHost: app.test\r\nConnection: close\r\n\r\n'): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => s.write(Buffer.concat([Buffer.from(prefix), Buffer.from(request)])));
    let data = '';
    s.setTimeout(5_000, () => s.destroy());
    s.on('data', (d: Buffer) => (data += d.toString('latin1')));
    s.on('error', () => undefined);
    s.on('close', () => resolve(data));
  });
}

const v2Inet = (src: number[], sport: number): Buffer => Buffer.from([
  0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a, 0x21, 0x11, 0x00, 0x0c,
  ...src, 127, 0, 0, 1, sport >> 8, sport & 0xff, 0x00, 0x50,
]);

describe('PROXY protocol on running entrypoints', () => {
  let t: TestWharf;
  let backends: WhoamiServer[];
  let echo: Server;

  beforeAll(async () => {
    backends = await startBackends(1);
    echo = createServer((s) => s.on('data', () => s.end('tcp-ok\n')).on('error', () => undefined));
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    t = await startTestWharf({
      http: {
        routers: { app: { rule: 'Host(`app.test`)', service: 'app', entryPoints: ['web', 'lb', 'other'] } },
        services: { app: { loadBalancer: { servers: [{ url: backends[0]!.url }] } } },
      },
      tcp: {
        routers: { db: { rule: 'HostSNI(`*`)', service: 'db', entryPoints: ['tcp'], middlewares: ['only-clients'] } },
        middlewares: { 'only-clients': { ipAllowList: { sourceRange: ['203.0.113.0/24'] } } },
        services: { db: { loadBalancer: { servers: [{ address: `127.0.0.1:${(echo.address() as AddressInfo).port}` }] } } },
      },
    }, [
      '--entrypoints.lb.address=127.0.0.1:0',
      '--entrypoints.lb.proxyProtocol.trustedIPs=127.0.0.1/32',
      '--entrypoints.other.address=127.0.0.1:0',
      '--entrypoints.other.proxyProtocol.trustedIPs=10.0.0.0/8',
      '--entrypoints.tcp.address=127.0.0.1:0',
      '--entrypoints.tcp.proxyProtocol.insecure=true',
    ]);
  });
  afterAll(async () => {
    await t?.close();
    echo?.close();
    for (const b of backends ?? []) await b.close();
  });

  const port = (ep: string) => t.wharf.addresses[ep]!.port;

  it('a trusted load balancer\'s v1 and v2 headers give the client address to X-Forwarded-For and X-Real-Ip', async () => {
    const v1 = await rawRequest(port('lb'), 'PROXY TCP4 203.0.113.7 127.0.0.1 4242 80\r\n');
    expect(v1).toMatch(/^HTTP\/1\.1 200/);
    expect(v1).toMatch(/X-Forwarded-For: 203\.0\.113\.7\n/i);
    expect(v1).toMatch(/X-Real-Ip: 203\.0\.113\.7\n/i);
    const v2 = await rawRequest(port('lb'), v2Inet([198, 51, 100, 9], 5555));
    expect(v2).toMatch(/X-Forwarded-For: 198\.51\.100\.9\n/i);
  });

  it('the header is optional from a trusted address: a connection without one is served as it came', async () => {
    const plain = await rawRequest(port('lb'), '');
    expect(plain).toMatch(/^HTTP\/1\.1 200/);
    expect(plain).toMatch(/X-Forwarded-For: 127\.0\.0\.1\n/i);
  });

  it('from an untrusted address nothing is read: the header is request bytes (400), the address is not forged', async () => {
    const forged = await rawRequest(port('other'), 'PROXY TCP4 203.0.113.7 127.0.0.1 4242 80\r\n');
    expect(forged).toMatch(/^HTTP\/1\.1 400/);
    expect(forged).not.toContain('203.0.113.7');
    // and the entrypoint without proxyProtocol answers the same way
    expect(await rawRequest(port('web'), 'PROXY TCP4 203.0.113.7 127.0.0.1 4242 80\r\n')).toMatch(/^HTTP\/1\.1 400/);
  });

  it('a malformed header from a trusted address closes the connection without an answer; the entrypoint keeps serving', async () => {
    expect(await rawRequest(port('lb'), 'PROXY TCP4 203.0.113.999 127.0.0.1 4242 80\r\n')).toBe('');
    expect(await rawRequest(port('lb'), Buffer.from([0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a, 0x21, 0x11, 0xff, 0xff]))).toBe('');
    expect(await rawRequest(port('lb'), 'PROXY TCP4 203.0.113.8 127.0.0.1 4242 80\r\n')).toMatch(/X-Forwarded-For: 203\.0\.113\.8\n/i);
  });

  it('TCP routers see the announced client: ipAllowList admits it, and refuses the load balancer\'s own address', async () => {
    const tcp = (prefix: string) => new Promise<string>((resolve) => {
      const s = connect(port('tcp'), '127.0.0.1', () => s.write(`${prefix}hello\n`));
      let data = '';
      s.setTimeout(5_000, () => s.destroy());
      s.on('data', (d: Buffer) => (data += d.toString()));
      s.on('error', () => undefined);
      s.on('close', () => resolve(data));
    });
    expect(await tcp('PROXY TCP4 203.0.113.20 127.0.0.1 4000 5432\r\n')).toBe('tcp-ok\n');
    expect(await tcp('')).toBe('');
  });

  it('/api/entrypoints shows proxyProtocol in Traefik\'s shape, only where it is set', async () => {
    const list = (await (await fetch(`${t.apiURL()}/api/entrypoints`)).json()) as Array<{ name: string; proxyProtocol?: unknown }>;
    const byName = Object.fromEntries(list.map((e) => [e.name, e.proxyProtocol]));
    expect(byName).toMatchObject({ lb: { trustedIPs: ['127.0.0.1/32'] }, tcp: { insecure: true } });
    expect(byName.web).toBeUndefined();
  });
});
