import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { WhoamiServer } from '@wharf/whoami';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, type WharfProcess } from '../src/index.js';
import { browserAvailability } from './browser.js';
import { ARTIFACTS, startBrowserStack, type BrowserStack } from './browser-stack.js';

/**
 * The dashboard against the real binary: file provider + two whoami backends on loopback,
 * Debian chromium through playwright-core. Live updates are checked without any reload.
 */
const availability = browserAvailability();
if (!availability.run) console.warn(`\n⚠ ${availability.message}\n`);

const DOCS_SHOT = resolve(REPO_ROOT, 'docs/dashboard.png');

function dynamicConfig(a: WhoamiServer, b: WhoamiServer, extraRouter: boolean): string {
  const extra = extraRouter
    ? `    added:\n      rule: "Host(\`added.localhost\`)"\n      service: whoami\n      entryPoints: [web]\n`
    : '';
  return `http:
  routers:
    whoami:
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

  beforeAll(async () => {
    stack = await startBrowserStack('dash', (x, y) => dynamicConfig(x, y, false));
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
    writeFileSync(configFile, dynamicConfig(a, b, true));
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
    // the README screenshot is refreshed on demand only, so e2e runs leave the checkout clean
    if (process.env.UPDATE_DASHBOARD_SCREENSHOT === '1') await page.screenshot({ path: DOCS_SHOT });
  });

  it('route tester explains which router takes a request', async () => {
    await page.goto(`${wharf.apiURL}/dashboard/#/tester`);
    await page.getByRole('option', { name: 'web' }).waitFor({ state: 'attached' });
    await page.getByLabel('URL').fill('http://whoami.localhost/api/x');
    await page.getByRole('button', { name: 'Test' }).click();
    const result = page.getByRole('region', { name: 'Match result' });
    await result.getByText('Matched').waitFor();
    const text = await result.textContent();
    expect(text).toContain('whoami@file');
    expect(text).toContain('strip@file');
    await shot('tester');
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
