import type { Diagnostic, RouterInfo } from '@wharf/config';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app.js';
import { fakeEventSources, installFakeApi } from '../test/fake-api.js';
import { certificatesFixture } from './fixtures/certificates-fixture.js';

let api: ReturnType<typeof installFakeApi>;

function show(hash: string) {
  window.location.hash = hash;
  return render(<App eventSource={fakeEventSources().factory} />);
}

beforeEach(() => {
  api = installFakeApi();
  api.override('/api/wharf/certificates', certificatesFixture());
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.location.hash = '';
});

describe('TLS on the HTTP router page', () => {
  it('shows the golden router `tls: {options: default}` and the certificate that serves its hosts', async () => {
    show('#/http/routers/api%40file');
    const tls = await screen.findByRole('region', { name: 'TLS' });
    expect(tls.textContent).toContain('Modeterminated by wharf');
    expect(tls.textContent).toContain('Optionsdefault');
    const cert = await within(tls).findByRole('link', { name: 'shop.example.com' });
    expect(cert.getAttribute('href')).toBe(`#/certificates/${certificatesFixture()[0]!.id}`);
    expect(within(tls).getByText('Success')).toBeTruthy();
    // only the certificate naming this router
    expect(tls.querySelectorAll('[data-certificate]')).toHaveLength(1);
  });

  it('shows options, resolver and domains, and says when no certificate names the router', async () => {
    const router = api.golden<RouterInfo>('/api/http/routers/api@file');
    router.tls = { options: 'modern@file', certResolver: 'le', domains: [{ main: 'shop.example.com', sans: ['www.shop.example.com', 'm.shop.example.com'] }] };
    api.override('/api/http/routers/api@file', router);
    api.override('/api/wharf/certificates', certificatesFixture().map((c) => ({ ...c, routers: [], servedRouters: [] })));
    show('#/http/routers/api%40file');
    const tls = await screen.findByRole('region', { name: 'TLS' });
    expect(tls.textContent).toContain('Optionsmodern@file');
    expect(tls.textContent).toContain('Cert resolverle');
    const domains = within(tls).getByText('shop.example.com').closest('li')!;
    expect([...domains.querySelectorAll('.chip')].map((c) => c.textContent)).toEqual(['www.shop.example.com', 'm.shop.example.com']);
    await waitFor(() => expect(tls.textContent).toContain('none matched (the default certificate answers)'));
  });

  it('a `-conflicted-` copy says its handshake uses default, with the options written and the warning', async () => {
    const name = 'websecure-conflicted-api@file';
    const warning = 'on entryPoint "websecure", host "shop.example.com" is served by routers with different TLS options (api@file: modern@file; shop@file: default): this copy of "api@file" serves the entryPoint with the default TLS options instead';
    const router: RouterInfo = { ...api.golden<RouterInfo>('/api/http/routers/api@file'), name, entryPoints: ['websecure'], tls: { options: 'modern' }, status: 'warning', error: [warning] };
    const diagnostic: Diagnostic = { provider: 'tls', source: 'entryPoint websecure', code: 'WHARF_TLS_OPTIONS_CONFLICT', severity: 'warning', message: 'conflict', element: { kind: 'router', name } };
    api.override(`/api/http/routers/${name}`, router);
    api.override('/api/wharf/diagnostics', [diagnostic]);
    show(`#/http/routers/${encodeURIComponent(name)}`);
    const tls = await screen.findByRole('region', { name: 'TLS' });
    await waitFor(() => expect(tls.querySelector('[data-downgraded]')).not.toBeNull());
    expect(tls.querySelector('[data-downgraded]')!.textContent).toBe('default conflict (configured modern, not applied: see the TLS options warning)');
    expect(await screen.findByText(warning)).toBeTruthy();
  });

  it('the options as written when no conflict names the router', async () => {
    api.override('/api/wharf/diagnostics', [{ provider: 'tls', source: 'entryPoint websecure', code: 'WHARF_TLS_OPTIONS_CONFLICT', severity: 'warning', message: 'x', element: { kind: 'router', name: 'other@file' } }]);
    const router = api.golden<RouterInfo>('/api/http/routers/api@file');
    router.tls = { options: 'modern@file' };
    api.override('/api/http/routers/api@file', router);
    show('#/http/routers/api%40file');
    const tls = await screen.findByRole('region', { name: 'TLS' });
    await waitFor(() => expect(api.callsTo('/api/wharf/diagnostics').length).toBeGreaterThan(0));
    expect(tls.textContent).toContain('Optionsmodern@file');
    expect(tls.querySelector('[data-downgraded]')).toBeNull();
  });

  it('does not show a certificate that serves only a TCP router of the same name', async () => {
    api.override('/api/wharf/certificates', certificatesFixture().map((c) => ({ ...c, servedRouters: c.servedRouters.map((r) => ({ ...r, protocol: 'tcp' as const })) })));
    show('#/http/routers/api%40file');
    const tls = await screen.findByRole('region', { name: 'TLS' });
    await waitFor(() => expect(tls.textContent).toContain('none matched (the default certificate answers)'));
    expect(tls.querySelectorAll('[data-certificate]')).toHaveLength(0);
  });

  it('has no TLS card for a plaintext router', async () => {
    show('#/http/routers/broken%40docker');
    await screen.findByRole('region', { name: 'Router details' });
    expect(screen.queryByRole('region', { name: 'TLS' })).toBeNull();
  });
});
