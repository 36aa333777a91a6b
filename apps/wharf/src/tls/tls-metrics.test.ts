import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect as connectH2 } from 'node:http2';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WhoamiServer } from '@wharf/whoami';
import { startBackends, startTestWharf, type TestWharf } from '../testing/harness.js';

/** Real HTTPS (HTTP/1.1 on TLS 1.3 and 1.2, HTTP/2) through wharf, then Traefik's TLS request counters on /metrics. */
describe('requests_tls_total counters (integration)', () => {
  let dir: string;
  let ca: Buffer;
  let t: TestWharf;
  let backends: WhoamiServer[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wharf-tls-metrics-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=app.test',
      '-addext', 'subjectAltName=DNS:app.test', '-keyout', join(dir, 'app.key'), '-out', join(dir, 'app.crt'), '-days', '30'], { stdio: 'ignore' });
    ca = readFileSync(join(dir, 'app.crt'));
    backends = await startBackends(1);
    t = await startTestWharf({
      tls: { certificates: [{ certFile: join(dir, 'app.crt'), keyFile: join(dir, 'app.key') }] },
      http: {
        routers: {
          app: { rule: 'Host(`app.test`)', service: 's', entryPoints: ['secure'], tls: {} },
          plain: { rule: 'Host(`app.test`)', service: 's', entryPoints: ['secure'] },
        },
        services: { s: { loadBalancer: { servers: [{ url: backends[0]!.url }] } } },
      },
    }, ['--entrypoints.secure.address=127.0.0.1:0', '--metrics.prometheus=true', '--metrics.prometheus.addRoutersLabels=true']);
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all((backends ?? []).map((b) => b.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  const port = () => t.wharf.addresses['secure']!.port;

  /** `n` HTTPS/1.1 requests one after the other on one keep-alive connection */
  const https1 = async (n: number, tlsOptions: { maxVersion?: 'TLSv1.2'; ciphers?: string } = {}): Promise<{ statuses: number[]; sockets: number }> => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1, ca, servername: 'app.test', ...tlsOptions });
    let sockets = 0;
    const statuses: number[] = [];
    try {
      for (let i = 0; i < n; i++) {
        statuses.push(await new Promise<number>((resolve, reject) => {
          const req = request({ host: '127.0.0.1', port: port(), headers: { host: 'app.test' }, path: '/', agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          });
          req.on('socket', (s) => {
            if (!(s as { counted?: boolean }).counted) sockets += 1;
            (s as { counted?: boolean }).counted = true;
          });
          req.on('error', reject);
          req.end();
        }));
      }
    } finally {
      agent.destroy();
    }
    return { statuses, sockets };
  };

  const h2 = (n: number) => new Promise<number[]>((resolve, reject) => {
    const session = connectH2(`https://127.0.0.1:${port()}`, { servername: 'app.test', ca });
    session.on('error', reject);
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) {
      const stream = session.request({ ':path': '/', ':authority': 'app.test' });
      stream.on('response', (h) => statuses.push(Number(h[':status'])));
      stream.resume();
      stream.on('end', () => {
        if (statuses.length === n) {
          session.close();
          resolve(statuses);
        }
      });
      stream.end();
    }
  });

  const plain = () => new Promise<number>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: port(), headers: { host: 'app.test' }, path: '/', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });

  it('counts HTTPS/1.1 and HTTP/2 requests by Go version and cipher names, once per request, none for plaintext', async () => {
    // the cipher is read once per TLS connection, not per request (3 connections, 9 requests)
    const getCipher = vi.spyOn(TLSSocket.prototype, 'getCipher');
    expect(await https1(3)).toEqual({ statuses: [200, 200, 200], sockets: 1 });
    expect(await https1(2, { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES256-GCM-SHA384' })).toEqual({ statuses: [200, 200], sockets: 1 });
    expect(await h2(4)).toEqual([200, 200, 200, 200]);
    expect(await plain()).toBe(200);
    expect(getCipher).toHaveBeenCalledTimes(3);
    getCipher.mockRestore();

    const text = await (await fetch(`${t.apiURL()}/metrics`)).text();
    const lines = text.split('\n').filter((l) => l.includes('_requests_tls_total{')).sort();
    expect(lines).toEqual([
      'traefik_entrypoint_requests_tls_total{tls_version="1.2",tls_cipher="TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",entrypoint="secure"} 2',
      'traefik_entrypoint_requests_tls_total{tls_version="1.3",tls_cipher="TLS_AES_128_GCM_SHA256",entrypoint="secure"} 7',
      'traefik_router_requests_tls_total{tls_version="1.2",tls_cipher="TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",router="app@file",service="s@file"} 2',
      'traefik_router_requests_tls_total{tls_version="1.3",tls_cipher="TLS_AES_128_GCM_SHA256",router="app@file",service="s@file"} 7',
      'traefik_service_requests_tls_total{tls_version="1.2",tls_cipher="TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",service="s@file"} 2',
      'traefik_service_requests_tls_total{tls_version="1.3",tls_cipher="TLS_AES_128_GCM_SHA256",service="s@file"} 7',
    ]);
    // the plaintext request is in requests_total (router `plain`) but in no TLS counter
    expect(text).toMatch(/traefik_router_requests_total\{code="200",method="GET",protocol="http",router="plain@file",service="s@file"\} 1/);
  });
});
