import { writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import type { WhoamiServer } from '@wharf/whoami';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, type WharfProcess } from '../src/index.js';
import { browserAvailability } from './browser.js';
import { ARTIFACTS, startBrowserStack, type BrowserStack } from './browser-stack.js';
import { edgeConfig } from './edge-config.js';

/**
 * The dashboard against the real binary: file provider + two whoami backends on loopback,
 * Debian chromium through playwright-core. Live updates are checked without any reload. An HTTPS
 * router with a certificate made by openssl and a TCP router to whoami cover the TLS and L4 pages.
 */
const availability = browserAvailability();
if (!availability.run) console.warn(`\n⚠ ${availability.message}\n`);

const DOCS_SHOT = resolve(REPO_ROOT, 'docs/dashboard.png');
const DOCS_CERTIFICATES_SHOT = resolve(REPO_ROOT, 'docs/dashboard-certificates.png');
/** the README screenshots are refreshed on demand only, so e2e runs leave the checkout clean */
const updateDocsShots = process.env.UPDATE_DASHBOARD_SCREENSHOT === '1';

/** A docs screenshot without the focus ring the keyboard test left on the brand link. */
async function docsShot(page: Page, path: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path });
}

type Edge = ReturnType<typeof edgeConfig>;

function dynamicConfig(a: WhoamiServer, b: WhoamiServer, extraRouter: boolean, edge: Edge): string {
  const extra = extraRouter
    ? `    added:\n      rule: "Host(\`added.localhost\`)"\n      service: whoami\n      entryPoints: [web]\n`
    : '';
  return `${edge.top}http:
  routers:
${edge.http}    whoami:
      rule: "Host(\`whoami.localhost\`)"
      service: whoami
      entryPoints: [web]
      middlewares: [strip]
    edge:
      rule: "PathPrefix(\`/edge\`)"
      service: api@internal
      entryPoints: [web]
      middlewares: [edge-strip]
${extra}  middlewares:
    strip:
      stripPrefix:
        prefixes: ["/api"]
    edge-strip:
      stripPrefix:
        prefixes: ["/edge"]
  services:
    whoami:
      loadBalancer:
        healthCheck:
          path: /health
          interval: 300ms
          timeout: 1s
        servers:
          - url: "${a.url}"
          - url: "${b.url}"
`;
}

describe.skipIf(!availability.run)('dashboard in a real browser', () => {
  let configFile: string;
  let a: WhoamiServer;
  let b: WhoamiServer;
  let wharf: WharfProcess;
  let page: Page;
  let stack: BrowserStack;
  let edge: Edge;

  beforeAll(async () => {
    const config = (x: WhoamiServer, y: WhoamiServer, dir: string): string => {
      edge = edgeConfig(dir, x);
      return dynamicConfig(x, y, false, edge);
    };
    stack = await startBrowserStack('dash', config, undefined, ['web', 'websecure', 'pg']);
    ({ configFile, a, b, wharf, page } = stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`) });

  it('redirects to the dashboard and shows the overview, live', async () => {
    await page.goto(`${wharf.apiURL}/`);
    expect(page.url()).toBe(`${wharf.apiURL}/dashboard/`);
    await page.getByRole('region', { name: 'HTTP' }).waitFor();
    await page.getByTestId('live-state').getByText('Live').waitFor({ timeout: 15_000 });
    await page.getByRole('region', { name: 'Providers' }).getByText('File').waitFor();
    await shot('overview');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to content');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('A');
  });

  it('lists the routers of the config and shows a new one without reload', async () => {
    await page.goto(`${wharf.apiURL}/dashboard/#/http/routers`);
    await page.locator('tr[data-name="whoami@file"]').waitFor();
    expect(await page.locator('tr[data-name="added@file"]').count()).toBe(0);
    await page.evaluate(() => Object.assign(window, { wharfNoReload: true }));
    writeFileSync(configFile, dynamicConfig(a, b, true, edge));
    await page.locator('tr[data-name="added@file"]').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as { wharfNoReload?: boolean }).wharfNoReload)).toBe(true);
    await shot('routers');
  });

  it('shows a server going DOWN when its health check fails', async () => {
    await page.goto(`${wharf.apiURL}/dashboard/#/http/services/whoami%40file`);
    const row = page.locator(`tr[data-server="${b.url}"]`);
    await row.getByText('UP').waitFor({ timeout: 20_000 });
    const flipped = await fetch(`${b.url}/health`, { method: 'POST', body: '500' });
    expect(flipped.status).toBe(500); // whoami answers with the status it now reports
    await row.getByText('DOWN').waitFor({ timeout: 20_000 });
    await page.locator(`tr[data-server="${a.url}"]`).getByText('UP').waitFor();
    await shot('service-down');
    await page.goto(`${wharf.apiURL}/dashboard/#/http/services`);
    await page.locator('tr[data-name="whoami@file"]').getByText('1/2 UP').waitFor({ timeout: 10_000 });
    await shot('services');
    await page.goto(`${wharf.apiURL}/dashboard/#/http/routers/whoami%40file`);
    await page.getByRole('region', { name: 'Router flow' }).getByText('DOWN').waitFor({ timeout: 10_000 });
    await shot('router-flow');
    if (updateDocsShots) await docsShot(page, DOCS_SHOT);
  });

  it('route tester explains which router takes a request', async () => {
    await page.goto(`${wharf.apiURL}/dashboard/#/tester`);
    await page.getByRole('option', { name: 'web', exact: true }).waitFor({ state: 'attached' });
    await page.getByLabel('Entrypoint').selectOption('web');
    await page.getByLabel('URL').fill('http://whoami.localhost/api/x');
    await page.getByRole('button', { name: 'Test' }).click();
    const result = page.getByRole('region', { name: 'Match result' });
    await result.getByText('Matched').waitFor();
    const text = await result.textContent();
    expect(text).toContain('whoami@file');
    expect(text).toContain('strip@file');
    await shot('tester');
  });

  it('lists the HTTPS router\'s certificate with its expiry warning, its detail and the router\'s TLS card', async () => {
    await page.goto(`${wharf.apiURL}/dashboard/#/certificates`);
    const row = page.locator('tbody tr', { hasText: 'secure.localhost' });
    // 10 days of validity, minus the seconds since openssl made it
    await row.getByText('expires soon · in 9 days').waitFor({ timeout: 10_000 });
    await row.getByRole('link', { name: 'secure@file' }).waitFor();
    expect(await row.textContent()).toContain('secure.localhost.crt');
    await shot('certificates');
    if (updateDocsShots) await docsShot(page, DOCS_CERTIFICATES_SHOT);
    await row.getByRole('link', { name: 'secure.localhost' }).click();
    const details = page.getByRole('region', { name: 'Certificate details' });
    await details.getByText('Warning').waitFor();
    expect(await details.textContent()).toContain('secure.localhost.crt');
    await page.goto(`${wharf.apiURL}/dashboard/#/http/routers/secure%40file`);
    const tls = page.getByRole('region', { name: 'TLS' });
    await tls.getByRole('link', { name: 'secure.localhost' }).waitFor();
    expect(await tls.textContent()).toContain('Optionsdefault');
    await shot('router-tls');
  });

  it('shows a TCP router\'s connections open, then closed, live', async () => {
    const port = Number(new URL(wharf.url('pg')).port);
    const socket: Socket = connect(port, '127.0.0.1');
    const response = new Promise<string>((resolve) => {
      let body = '';
      socket.on('data', (c: Buffer) => { body += c.toString(); });
      socket.on('close', () => resolve(body));
    });
    // half a request: whoami waits for the rest, so the connection stays open
    socket.write('GET / HTTP/1.1\r\nHost: tcp.localhost\r\n');
    await page.goto(`${wharf.apiURL}/dashboard/#/tcp/routers/db%40file`);
    const conns = page.getByRole('region', { name: 'Connections' });
    await conns.locator('[data-metric="open"]', { hasText: /^1$/ }).waitFor({ timeout: 10_000 });
    await page.getByRole('region', { name: 'Router flow' }).getByText('UP').waitFor();
    await shot('tcp-router');
    socket.write('Connection: close\r\n\r\n');
    expect(await response).toContain('Name: alpha');
    await conns.locator('[data-metric="open"]', { hasText: /^0$/ }).waitFor({ timeout: 10_000 });
    expect(await conns.locator('[data-metric="total"]').textContent()).toBe('1');
    expect(await conns.locator('[data-metric="bytesOut"]').textContent()).not.toBe('0 B');
    await page.goto(`${wharf.apiURL}/dashboard/#/tcp/routers`);
    await page.locator('tr[data-name="db@file"] [data-label="Connections"]', { hasText: /^0 open · 1 total · \d/ }).waitFor({ timeout: 10_000 });
    await shot('tcp-routers');
    await page.goto(`${wharf.apiURL}/dashboard/#/`);
    await page.getByRole('region', { name: 'TCP connections' }).getByText('Total since start 1').waitFor({ timeout: 10_000 });
  });

  it('works under a sub-path behind stripPrefix (api@internal on a user entrypoint)', async () => {
    await page.goto(`${wharf.url('web')}/edge/dashboard/#/http/routers`);
    await page.locator('tr[data-name="whoami@file"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('meta[name="wharf-base"]').getAttribute('content')).toBe('/edge/');
    await page.getByTestId('live-state').getByText('Live').waitFor({ timeout: 15_000 });
    await shot('sub-path');
  });

  it('is usable at phone width with a collapsed nav', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${wharf.apiURL}/dashboard/#/http/routers`);
    await page.locator('tr[data-name="whoami@file"]').waitFor();
    expect(await page.locator('#nav').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.locator('#nav').getByRole('link', { name: 'Diagnostics' }).waitFor();
    await shot('phone');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
