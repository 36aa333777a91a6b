import { Writable } from 'node:stream';
import type { TcpConnectionRecord } from '@wharf/config';
import { describe, expect, it } from 'vitest';
import { requestRecord } from '../fixtures/records.js';
import { createAccessLog } from './create-access-log.js';

function sink() {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, done) { text += chunk.toString(); done(); } });
  return { stream, lines: () => text.trimEnd().split('\n') };
}

const tcp = (over: Partial<TcpConnectionRecord> = {}): TcpConnectionRecord => ({
  entryPoint: 'pg', router: 'db@docker', service: 'db@docker', server: '10.0.0.5:5432', clientAddr: '192.0.2.7:51000',
  tls: 'passthrough', startTime: Date.UTC(2026, 11, 3, 9, 0, 0), durationMs: 1234.4, bytesIn: 517, bytesOut: 4096, ...over,
});

const TCP_COMMON = /^(\S+) - - \[([^\]]+)\] "TCP (\S+) (\S+)" (\d+) (\d+) (\d+) "([^"]*)" "([^"]*)" "([^"]*)" (\d+)ms "([^"]*)"$/;

describe('TCP access log lines (off by default)', () => {
  it('writes nothing for TCP connections unless `tcp` is on', async () => {
    const out = sink();
    const log = createAccessLog({ stream: out.stream });
    log.onTcpConnection(tcp());
    await log.close();
    expect(out.lines()).toEqual(['']);
  });

  it('common: one line per connection with router, service, server, client, bytes in/out and duration', async () => {
    const out = sink();
    const log = createAccessLog({ stream: out.stream, tcp: true });
    log.observer.onRequestEnd(requestRecord());
    log.onTcpConnection(tcp());
    log.onTcpConnection(tcp({ server: undefined, error: 'no available server', bytesIn: 0, bytesOut: 0, tls: 'none', clientAddr: '[::1]:4000' }));
    await log.close();
    const lines = out.lines();
    expect(lines).toHaveLength(3);
    expect(TCP_COMMON.exec(lines[1]!)!.slice(1)).toEqual([
      '192.0.2.7', '03/Dec/2026:09:00:00 +0000', 'pg', 'passthrough', '517', '4096', '2', 'db@docker', 'db@docker', '10.0.0.5:5432', '1234', '-',
    ]);
    const refused = TCP_COMMON.exec(lines[2]!)!.slice(1);
    expect([refused[0], refused[3], refused[9], refused[11]]).toEqual(['[::1]', 'none', '-', 'no available server']);
  });

  it('json: Traefik-style names, Protocol TCP, duration in ns', async () => {
    const out = sink();
    const log = createAccessLog({ stream: out.stream, tcp: true, format: 'json' });
    log.onTcpConnection(tcp({ error: 'dial 10.0.0.5:5432: timeout' }));
    await log.close();
    expect(JSON.parse(out.lines()[0]!)).toMatchObject({
      Protocol: 'TCP', ClientAddr: '192.0.2.7:51000', ClientHost: '192.0.2.7', EntryPointName: 'pg', RouterName: 'db@docker',
      ServiceName: 'db@docker', ServiceAddr: '10.0.0.5:5432', TLS: 'passthrough', BytesIn: 517, BytesOut: 4096,
      StartUTC: '2026-12-03T09:00:00.000Z', Duration: 1_234_400_000, Error: 'dial 10.0.0.5:5432: timeout',
    });
  });
});
