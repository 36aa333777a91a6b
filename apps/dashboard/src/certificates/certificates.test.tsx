import type { WharfOverview } from '@wharf/api';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app.js';
import { fakeEventSources, installFakeApi } from '../test/fake-api.js';
import { certificatesFixture } from './fixtures/certificates-fixture.js';

let api: ReturnType<typeof installFakeApi>;
const certs = certificatesFixture();
const [shop, internal, old, broken] = certs as [(typeof certs)[0], (typeof certs)[0], (typeof certs)[0], (typeof certs)[0]];

function show(hash: string) {
  window.location.hash = hash;
  return render(<App eventSource={fakeEventSources().factory} />);
}

beforeEach(() => {
  api = installFakeApi();
  api.override('/api/wharf/certificates', certs);
  for (const c of certs) api.override(`/api/wharf/certificates/${c.id}`, c);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.location.hash = '';
});

const row = (id: string) => [...document.querySelectorAll<HTMLElement>('tbody tr')].find((r) => r.dataset['name'] === id)!;

describe('certificates page', () => {
  it('is in the navigation and lists every certificate, what needs attention first', async () => {
    show('#/certificates');
    expect(screen.getByRole('link', { name: 'Certificates' }).getAttribute('aria-current')).toBe('page');
    const table = await screen.findByRole('table', { name: 'Certificates' });
    const order = [...table.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-name'));
    expect(order).toEqual([broken.id, old.id, internal.id, shop.id]);
    const shopRow = within(row(shop.id));
    expect(shopRow.getByRole('link', { name: 'shop.example.com' }).getAttribute('href')).toBe(`#/certificates/${shop.id}`);
    expect(shopRow.getByText('www.shop.example.com').className).toBe('chip chip-long');
    expect(shopRow.getByText('Example Issuing CA')).toBeTruthy();
    expect(shopRow.getByText('/etc/wharf/certs/shop.pem')).toBeTruthy();
    expect(shopRow.getByText('Success')).toBeTruthy();
    expect(row(shop.id).textContent).toContain('in 60 days');
  });

  it('badges expiry: a warning under 14 days, an error once expired, the error of an unreadable file', async () => {
    show('#/certificates');
    await screen.findByRole('table', { name: 'Certificates' });
    const soon = within(row(internal.id)).getByText(/^expires soon/);
    expect(soon.textContent).toBe('expires soon · in 5 days');
    expect(soon.className).toBe('badge badge-warning');
    expect(within(row(internal.id)).getByText('Warning')).toBeTruthy();
    expect(within(row(internal.id)).getByText('resolver le')).toBeTruthy();
    const expired = within(row(old.id)).getByText(/^expired/);
    expect(expired.textContent).toBe('expired · expired 4 days ago');
    expect(expired.className).toBe('badge badge-disabled');
    // the API said enabled (it was fine at compile time); as of now it is an error
    expect(within(row(old.id)).getByText('Error')).toBeTruthy();
    const unreadable = within(row(broken.id));
    expect(unreadable.getByText('Error').getAttribute('title')).toContain('WHARF_TLS_FILE_UNREADABLE');
    expect(unreadable.getByText('unreadable')).toBeTruthy();
  });

  it('links served routers to their HTTP or TCP page, tagged with the protocol the API gives', async () => {
    show('#/certificates');
    await screen.findByRole('table', { name: 'Certificates' });
    const db = within(row(shop.id)).getByRole('link', { name: 'db@file' });
    expect(db.getAttribute('href')).toBe('#/tcp/routers/db%40file');
    expect(db.parentElement!.textContent).toBe('db@file TCP');
    const api = within(row(shop.id)).getByRole('link', { name: 'api@file' });
    expect(api.getAttribute('href')).toBe('#/http/routers/api%40file');
    expect(api.parentElement!.textContent).toBe('api@file HTTP');
    expect(within(row(internal.id)).getByText('none')).toBeTruthy();
  });

  it('an HTTP and a TCP router of one name are two entries, each to its own page', async () => {
    const both = { ...shop, routers: ['edge@file'], servedRouters: [{ protocol: 'http' as const, name: 'edge@file' }, { protocol: 'tcp' as const, name: 'edge@file' }] };
    api.override('/api/wharf/certificates', [both]);
    api.override(`/api/wharf/certificates/${shop.id}`, both);
    show(`#/certificates/${shop.id}`);
    const served = await screen.findByRole('region', { name: 'Routers served' });
    const links = within(served).getAllByRole('link', { name: 'edge@file' });
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['#/http/routers/edge%40file', '#/tcp/routers/edge%40file']);
    expect([...served.querySelectorAll('li')].map((li) => li.dataset['protocol'])).toEqual(['http', 'tcp']);
  });

  it('shows the first three SANs and counts the rest', async () => {
    const sans = ['a.example', 'b.example', 'c.example', 'd.example', 'e.example'];
    api.override('/api/wharf/certificates', [{ ...shop, sans }]);
    show('#/certificates');
    await screen.findByRole('table', { name: 'Certificates' });
    expect([...row(shop.id).querySelectorAll('.chip-long')].map((c) => c.getAttribute('title'))).toEqual(sans.slice(0, 3));
    expect(within(row(shop.id)).getByText('+2 more').getAttribute('title')).toBe('d.example, e.example');
  });

  it('filters by status (from the query) and search', async () => {
    show('#/certificates?status=disabled');
    await screen.findByRole('table', { name: 'Certificates' });
    expect(document.querySelectorAll('tbody tr')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Warnings' }));
    expect(window.location.hash).toBe('#/certificates?status=warning');
    fireEvent.click(screen.getByRole('button', { name: 'All status' }));
    await waitFor(() => expect(document.querySelectorAll('tbody tr')).toHaveLength(4));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search certificates' }), { target: { value: 'WWW.shop' } });
    expect([...document.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-name'))).toEqual([shop.id]);
  });

  it('detail shows names, dates, source, stores and served routers', async () => {
    show(`#/certificates/${shop.id}`);
    const details = await screen.findByRole('region', { name: 'Certificate details' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Certificate shop.example.com');
    for (const text of ['Example Issuing CA', '4a1f', '/etc/wharf/certs/shop.pem', 'default', shop.id]) expect(details.textContent).toContain(text);
    const served = screen.getByRole('region', { name: 'Routers served' });
    expect(within(served).getByRole('link', { name: 'db@file' }).getAttribute('href')).toBe('#/tcp/routers/db%40file');
    expect(within(served).getByText('TCP')).toBeTruthy();
    expect(within(served).getByText('HTTP')).toBeTruthy();
    expect(api.callsTo(`/api/wharf/certificates/${shop.id}`)).toHaveLength(1);
  });

  it('detail of an unreadable certificate (id = its path) shows the error', async () => {
    show(`#/certificates/${encodeURIComponent(broken.id)}`);
    const errors = await screen.findByRole('region', { name: 'Errors' });
    expect(errors.textContent).toContain('ENOENT');
    expect(screen.getByRole('region', { name: 'Certificate details' }).textContent).toContain('Id/etc/wharf/certs/broken.pem');
  });

  it('says so for an unknown certificate', async () => {
    show('#/certificates/nope');
    expect((await screen.findByRole('alert')).textContent).toContain('not found');
  });
});

describe('overview certificates card', () => {
  it('counts total, warnings and errors with filtered links', async () => {
    const overview = api.golden<WharfOverview>('/api/wharf/overview');
    api.override('/api/wharf/overview', { ...overview, certificates: { total: 4, warnings: 1, errors: 1 } });
    show('#/');
    const card = await screen.findByRole('region', { name: 'Certificates' });
    expect(within(card).getByRole('link', { name: 'Certificates' }).getAttribute('href')).toBe('#/certificates');
    expect(within(card).getByText('Success 2').getAttribute('href')).toBe('#/certificates?status=enabled');
    expect(within(card).getByText('Warnings 1').getAttribute('href')).toBe('#/certificates?status=warning');
    expect(within(card).getByText('Errors 1').getAttribute('href')).toBe('#/certificates?status=disabled');
  });
});
