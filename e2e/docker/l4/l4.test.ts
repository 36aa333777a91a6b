import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDocker } from '../../src/docker-available.js';
import { freePort } from '../../src/free-port.js';
import { runCommand } from '../../src/run-command.js';
import { startScenario, type DockerScenario } from '../../src/scenario.js';
import { waitFor } from '../../src/wait-for.js';

const docker = await ensureDocker();
const REPLY = /^\[([^\]]+)\] (.*)$/s;

/** one TCP (or TLS) connection: send `text`, half-close, return the replica that answered */
function tcpExchange(port: number, text: string, tls?: { servername: string }): Promise<{ replica: string; echoed: string }> {
  return new Promise((resolve, reject) => {
    const onConnect = () => s.end(text);
    const s = tls
      ? tlsConnect({ port, host: '127.0.0.1', servername: tls.servername, rejectUnauthorized: false }, onConnect)
      : connect({ port, host: '127.0.0.1', allowHalfOpen: true }, onConnect);
    let got = '';
    s.setTimeout(5000, () => s.destroy(new Error('no reply within 5 s')));
    s.on('data', (d: Buffer) => (got += d.toString()));
    s.on('end', () => {
      const m = REPLY.exec(got);
      if (!m) return reject(new Error(`unexpected reply ${JSON.stringify(got)}`));
      resolve({ replica: m[1]!, echoed: m[2]! });
    });
    s.on('error', reject);
  });
}

/** one UDP session (a fresh client port): one datagram, the replica that answered */
async function udpExchange(port: number, text: string): Promise<{ replica: string; echoed: string }> {
  const client = createSocket('udp4');
  await new Promise<void>((r) => client.bind(0, '127.0.0.1', r));
  try {
    const got = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no UDP reply within 3 s')), 3000);
      client.once('message', (m) => {
        clearTimeout(timer);
        resolve(m.toString());
      });
      client.send(text, port, '127.0.0.1');
    });
    const m = REPLY.exec(got);
    if (!m) throw new Error(`unexpected reply ${JSON.stringify(got)}`);
    return { replica: m[1]!, echoed: m[2]! };
  } finally {
    client.close();
  }
}

describe.skipIf(!docker.available)('docker: TCP and UDP labels route to every replica', () => {
  let s: DockerScenario;
  let udpPort: number;
  const api = async <T>(path: string): Promise<T | undefined> => {
    const res = await fetch(`${s.wharf.apiURL}${path}`, { signal: AbortSignal.timeout(5000) });
    return res.ok ? ((await res.json()) as T) : undefined;
  };
  const tcpPort = () => Number(new URL(s.wharf.url('tcp')).port);
  /** the replicas' hostnames (docker's default: the short container id) */
  const hostnames = async (service: string) => {
    const ids = await s.project.ids(service);
    const { stdout } = await runCommand('docker', ['inspect', '-f', '{{ .Config.Hostname }}', ...ids]);
    return new Set(stdout.split('\n').map((l) => l.trim()).filter(Boolean));
  };

  beforeAll(async () => {
    udpPort = await freePort();
    s = await startScenario('l4', { entryPoints: ['web', 'tcp'], wharfArgs: [`--entrypoints.udp.address=127.0.0.1:${udpPort}/udp`, '--entrypoints.udp.udp.timeout=1s'] });
    await waitFor(async () => {
      const svc = await api<{ serverStatus?: Record<string, string> }>('/api/tcp/services/echo@docker');
      const states = Object.values(svc?.serverStatus ?? {});
      return states.length === 2 && states.every((x) => x === 'UP');
    }, { timeoutMs: 30_000, description: 'two TCP servers UP' });
    await waitFor(async () => ((await api<{ loadBalancer?: { servers?: unknown[] } }>('/api/udp/services/echo@docker'))?.loadBalancer?.servers?.length ?? 0) === 2,
      { timeoutMs: 30_000, description: 'two UDP servers' });
  });
  afterAll(async () => { await s?.stop(); });

  it('discovers the TCP and UDP routers from labels, with Traefik fields', async () => {
    expect(await api('/api/tcp/routers/echo@docker')).toMatchObject({ status: 'enabled', rule: 'HostSNI(`*`)', using: ['tcp'], priority: -1 });
    expect(await api('/api/tcp/routers/echotls@docker')).toMatchObject({ status: 'enabled', tls: { passthrough: false }, using: ['tcp'] });
    expect(await api('/api/udp/routers/echo@docker')).toMatchObject({ status: 'enabled', using: ['udp'] });
    // a container with only TCP/UDP labels gets no HTTP router (Traefik)
    const http = (await api<Array<{ provider: string }>>('/api/http/routers')) ?? [];
    expect(http.filter((r) => r.provider === 'docker')).toEqual([]);
  });

  it('plain TCP through the catch-all reaches both replicas', async () => {
    const replicas = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const r = await tcpExchange(tcpPort(), `plain ${i}`);
      expect(r.echoed).toBe(`plain ${i}`);
      replicas.add(r.replica);
    }
    expect(replicas).toEqual(await hostnames('tcp-echo'));
  });

  it('TLS with SNI echo.test is terminated by wharf and reaches both replicas in clear', async () => {
    const replicas = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const r = await tcpExchange(tcpPort(), `secret ${i}`, { servername: 'echo.test' });
      expect(r.echoed).toBe(`secret ${i}`);
      replicas.add(r.replica);
    }
    expect(replicas).toEqual(await hostnames('tcp-echo'));
  });

  it('the TCP health check takes a paused replica out (it still accepts, never answers) and back once unpaused', async () => {
    const [first] = await s.project.ids('tcp-echo');
    const paused = (await runCommand('docker', ['inspect', '-f', '{{ .Config.Hostname }}', first!])).stdout.trim();
    const status = async () => (await api<{ serverStatus?: Record<string, string> }>('/api/tcp/services/echo@docker'))?.serverStatus ?? {};
    await runCommand('docker', ['pause', first!]);
    try {
      await waitFor(async () => Object.values(await status()).filter((x) => x === 'DOWN').length === 1, { timeoutMs: 15_000, description: 'one TCP server DOWN' });
      const diagnostics = (await api<Array<{ code: string }>>('/api/wharf/diagnostics')) ?? [];
      expect(diagnostics.some((d) => d.code === 'WHARF_TCP_SERVER_DOWN')).toBe(true);
      for (let i = 0; i < 6; i++) expect((await tcpExchange(tcpPort(), `while paused ${i}`)).replica).not.toBe(paused);
    } finally {
      await runCommand('docker', ['unpause', first!]);
    }
    await waitFor(async () => Object.values(await status()).every((x) => x === 'UP'), { timeoutMs: 15_000, description: 'both TCP servers UP again' });
    const replicas = new Set<string>();
    for (let i = 0; i < 4; i++) replicas.add((await tcpExchange(tcpPort(), `back ${i}`)).replica);
    expect(replicas.has(paused)).toBe(true);
  });

  it('UDP sessions reach both replicas', async () => {
    const replicas = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const r = await udpExchange(udpPort, `dgram ${i}`);
      expect(r.echoed).toBe(`dgram ${i}`);
      replicas.add(r.replica);
    }
    expect(replicas).toEqual(await hostnames('udp-echo'));
  });
});
