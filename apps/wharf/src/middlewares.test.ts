import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhoamiServer } from '@wharf/whoami';
import { startBackends, startTestWharf, type TestWharf } from './testing/harness.js';

interface Report { url: string; headers: Record<string, string[]> }

function raw(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

function htpasswdLine(): string {
  try {
    return execFileSync('htpasswd', ['-nbB', 'ada', 's3cret'], { encoding: 'utf8' }).trim();
  } catch {
    // apache2-utils missing on a developer machine: htpasswd's {SHA} format, computed here
    return `ada:{SHA}${createHash('sha1').update('s3cret').digest('base64')}`;
  }
}

describe('middlewares over a running wharf and whoami (integration)', () => {
  let backends: WhoamiServer[];
  let t: TestWharf;

  beforeAll(async () => {
    backends = await startBackends(1);
    const url = backends[0]!.url;
    const route = (rule: string, middlewares: string[]) => ({ rule, service: 's', middlewares, priority: 1000 - rule.length });
    t = await startTestWharf({
      http: {
        routers: {
          strip: route('PathPrefix(`/api`)', ['strip-api', 'hdrs']),
          auth: route('PathPrefix(`/private`)', ['auth']),
          limited: route('PathPrefix(`/limited`)', ['limit']),
          gz: route('PathPrefix(`/gz`)', ['strip-gz', 'gzip']),
          tls: route('PathPrefix(`/secure`)', ['to-https']),
          allow: route('PathPrefix(`/internal`)', ['only-docs']),
          bad: route('PathPrefix(`/bad`)', ['broken']),
        },
        services: { s: { loadBalancer: { servers: [{ url }] } } },
        middlewares: {
          'strip-api': { stripPrefix: { prefixes: ['/api'] } },
          hdrs: { headers: { customRequestHeaders: { 'X-Team': 'edge' }, customResponseHeaders: { 'X-Served-By': 'wharf' }, frameDeny: true } },
          auth: { basicAuth: { users: [htpasswdLine()], removeHeader: true } },
          limit: { rateLimit: { average: 5, period: '1m', burst: 5 } },
          'strip-gz': { stripPrefix: { prefixes: ['/gz'] } },
          gzip: { compress: {} },
          'to-https': { redirectScheme: { scheme: 'https', permanent: true } },
          'only-docs': { ipAllowList: { sourceRange: ['192.0.2.0/24'] } },
          broken: { rateLimit: { average: 'lots' } },
        },
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all(backends.map((b) => b.close()));
  });

  it('stripPrefix + headers: the backend sees the stripped path, the prefix header and custom headers', async () => {
    const res = await raw(`${t.url()}/api/api?x=1`);
    expect(res.status).toBe(200);
    expect(res.headers['x-served-by']).toBe('wharf');
    expect(res.headers['x-frame-options']).toBe('DENY');
    const report = JSON.parse(res.body.toString()) as Report;
    expect(report.url).toBe('/api?x=1');
    const h = Object.fromEntries(Object.entries(report.headers).map(([k, v]) => [k.toLowerCase(), v[0]]));
    expect(h['x-forwarded-prefix']).toBe('/api');
    expect(h['x-team']).toBe('edge');
  });

  it('basicAuth accepts an htpasswd bcrypt user and rejects others', async () => {
    expect((await raw(`${t.url()}/private`)).status).toBe(401);
    const wrong = await raw(`${t.url()}/private`, { authorization: `Basic ${Buffer.from('ada:nope').toString('base64')}` });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toMatch(/^Basic realm="traefik"/);
    const ok = await raw(`${t.url()}/private`, { authorization: `Basic ${Buffer.from('ada:s3cret').toString('base64')}` });
    expect(ok.status).toBe(200);
    expect(ok.body.toString()).not.toMatch(/Authorization/i);
  });

  it('rateLimit lets a burst through, then answers 429 with Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | string[] | undefined;
    for (let i = 0; i < 8; i++) {
      const res = await raw(`${t.url()}/limited`);
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers['retry-after'];
    }
    expect(statuses.filter((s) => s === 200).length).toBe(5);
    expect(statuses.filter((s) => s === 429).length).toBe(3);
    expect(retryAfter).toBeDefined();
  });

  it('compress gzips a large body and it decompresses to the original', async () => {
    const plain = await raw(`${t.url()}/gz/data?size=20000`);
    const zipped = await raw(`${t.url()}/gz/data?size=20000`, { 'accept-encoding': 'br;q=0, gzip;q=1' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    expect(zipped.body.length).toBeLessThan(plain.body.length);
  });

  it('redirectScheme answers a permanent redirect to https', async () => {
    const res = await raw(`${t.url()}/secure/x?y=1`, { host: 'app.example' });
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('https://app.example/secure/x?y=1');
  });

  it('ipAllowList rejects clients outside the range', async () => {
    expect((await raw(`${t.url()}/internal`)).status).toBe(403);
  });

  it('a middleware with bad options is disabled with its routers; everything else keeps serving', async () => {
    const api = async (path: string) => (await (await fetch(`${t.apiURL()}${path}`)).json()) as { status: string; error?: string[] };
    const mw = await api('/api/http/middlewares/broken@file');
    expect(mw.status).toBe('disabled');
    expect(mw.error?.join(' ')).toMatch(/average/);
    expect((await api('/api/http/routers/bad@file')).status).toBe('disabled');
    expect((await raw(`${t.url()}/bad`)).status).toBe(404);
    expect((await raw(`${t.url()}/api/`)).status).toBe(200);
  });
});
