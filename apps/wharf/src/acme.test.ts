import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhoamiServer } from '@wharf/whoami';
import { simpleConfig, startBackends, startTestWharf, waitFor, type TestWharf } from './testing/harness.js';

describe('ACME resolvers in wharf (integration)', () => {
  let backends: WhoamiServer[];
  let t: TestWharf;
  const storage = join(mkdtempSync(join(tmpdir(), 'wharf-acme-')), 'acme.json');

  beforeAll(async () => {
    backends = await startBackends(1);
    const config = simpleConfig(backends.map((b) => b.url), { rule: 'Host(`app.wharf.test`)' }) as { http: { routers: Record<string, { tls?: unknown }> } };
    for (const router of Object.values(config.http.routers)) router.tls = { certResolver: 'le' };
    // a CA that is not there: start-up and routing must not wait for it
    t = await startTestWharf(config, [
      '--certificatesresolvers.le.acme.caserver=https://127.0.0.1:1/dir',
      `--certificatesresolvers.le.acme.storage=${storage}`,
      '--certificatesresolvers.le.acme.httpchallenge.entrypoint=web',
    ]);
  });
  afterAll(async () => {
    await t.close();
    await Promise.all(backends.map((b) => b.close()));
  });

  it('adds acme-http@internal with maximal priority on the challenge entrypoint', () => {
    const router = t.wharf.runtime.source.view().routers['acme-http@internal'];
    expect(router).toMatchObject({ entryPoints: ['web'], service: 'acme-http@internal', status: 'enabled' });
  });

  it('answers unknown challenge tokens with 404 instead of routing them to user routers', async () => {
    const res = await fetch(`${t.url()}/.well-known/acme-challenge/nope`, { headers: { host: 'app.wharf.test' } });
    expect(res.status).toBe(404);
    await res.arrayBuffer();
  });

  it('shows an unreachable CA as a coded diagnostic of the resolver, naming the domain', async () => {
    await waitFor(() => t.wharf.runtime.source.view().diagnostics.some((d) => d.provider === 'le'), 20_000, 'ACME diagnostic');
    const d = t.wharf.runtime.source.view().diagnostics.find((x) => x.provider === 'le')!;
    expect(d).toMatchObject({ code: 'WHARF_ACME_ORDER', severity: 'error' });
    expect(d.message).toContain('app.wharf.test');
    expect(d.element).toEqual({ kind: 'router', name: 'r@file' });
  }, 25_000);

  it("shows the failed order in the router's error list of /api/http/routers; the router keeps serving", async () => {
    await waitFor(() => (t.wharf.runtime.source.view().routers['r@file']?.error?.length ?? 0) > 0, 20_000, 'router error');
    const res = await fetch(`${t.apiURL()}/api/http/routers/r@file`);
    const router = await res.json() as { status: string; error: string[] };
    expect(router.status).toBe('warning');
    expect(router.error).toEqual([expect.stringMatching(/^resolver le: cannot obtain a certificate for app\.wharf\.test: /)]);
  }, 25_000);
});
