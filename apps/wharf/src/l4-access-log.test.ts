import { mkdtempSync, readFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWharf, waitFor, type TestWharf } from './testing/harness.js';

/** `--accesslog.tcp`: one JSON line per TCP connection at its close (real sockets, file provider). */
describe('TCP access log (wharf option, off by default)', () => {
  let t: TestWharf;
  let echo: Server;
  const file = join(mkdtempSync(join(tmpdir(), 'wharf-tcp-log-')), 'access.log');
  const lines = () => {
    try {
      return readFileSync(file, 'utf8').trimEnd().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    } catch {
      return [];
    }
  };

  beforeAll(async () => {
    echo = createServer((s) => s.on('data', (d) => s.end(`echo:${d}`)));
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    t = await startTestWharf({
      tcp: {
        routers: {
          echo: { rule: 'HostSNI(`*`)', service: 'echo', entryPoints: ['raw'] },
          dead: { rule: 'HostSNI(`*`)', service: 'dead', entryPoints: ['gone'] },
        },
        services: {
          echo: { loadBalancer: { servers: [{ address: `127.0.0.1:${(echo.address() as AddressInfo).port}` }] } },
          dead: { loadBalancer: { servers: [{ address: '127.0.0.1:1' }], healthCheck: { interval: '1h', timeout: '1s' } } },
        },
      },
    }, ['--entrypoints.raw.address=127.0.0.1:0', '--entrypoints.gone.address=127.0.0.1:0', '--accesslog.tcp=true', `--accesslog.filepath=${file}`, '--accesslog.format=json']);
  });
  afterAll(async () => {
    await t?.close();
    echo.close();
  });

  const exchange = (ep: string, text: string) => new Promise<string>((resolve, reject) => {
    const s = connect({ port: t.wharf.addresses[ep]!.port, host: '127.0.0.1' }, () => s.write(text));
    let got = '';
    s.on('data', (d) => (got += d.toString()));
    s.on('close', () => resolve(got));
    s.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? resolve(got) : reject(err)));
  });

  it('logs router, service, server, client, bytes in/out and duration when the connection closes', async () => {
    expect(await exchange('raw', 'hello')).toBe('echo:hello');
    await waitFor(() => lines().some((l) => l['RouterName'] === 'echo@file'), 5000, 'the TCP line');
    const line = lines().find((l) => l['RouterName'] === 'echo@file')!;
    expect(line).toMatchObject({
      Protocol: 'TCP', EntryPointName: 'raw', ServiceName: 'echo@file', ServiceAddr: `127.0.0.1:${(echo.address() as AddressInfo).port}`,
      ClientHost: '127.0.0.1', TLS: 'none', BytesIn: 5, BytesOut: 10,
    });
    expect(line['Duration']).toBeGreaterThan(0);
    expect(line['Error']).toBeUndefined();
  });

  it('a connection closed because every server is DOWN is logged with its reason', async () => {
    await waitFor(() => t.wharf.runtime.source.view().tcpServices['dead@file']?.serverStatus?.['127.0.0.1:1'] === 'DOWN', 5000, 'dead DOWN');
    expect(await exchange('gone', 'x')).toBe('');
    await waitFor(() => lines().some((l) => l['RouterName'] === 'dead@file'), 5000, 'the refused line');
    expect(lines().find((l) => l['RouterName'] === 'dead@file')).toMatchObject({ Error: 'no available server', BytesOut: 0 });
  });
});
