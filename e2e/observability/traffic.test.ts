import { join } from 'node:path';
import type { TrafficSnapshot, TrafficStats } from '@wharf/config';
import type { WhoamiServer } from '@wharf/whoami';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailability } from '../dashboard/browser.js';
import { ARTIFACTS, startBrowserStack, type BrowserStack } from '../dashboard/browser-stack.js';
import { httpGet, waitFor, type WharfProcess } from '../src/index.js';

/**
 * Live traffic in the dashboard against the built binary: two whoami backends behind the file
 * provider, bounded load (300 requests), then the overview strip and the Stats table in Chromium.
 */
const availability = browserAvailability();
if (!availability.run) console.warn(`\n⚠ ${availability.message}\n`);

const REQUESTS = 300;
const HOST = 'traffic.localhost';

function dynamicConfig(a: WhoamiServer, b: WhoamiServer): string {
  return `http:
  routers:
    traffic:
      rule: "Host(\`${HOST}\`)"
      service: traffic
      entryPoints: [web]
  services:
    traffic:
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

/** `count` requests, `concurrency` at a time, paced so the load spreads over a few seconds. */
async function generateTraffic(url: string, count: number, concurrency = 10, pauseMs = 80): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next++;
      statuses.push((await httpGet(url, { host: HOST, timeoutMs: 10_000 })).status);
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

describe.skipIf(!availability.run)('live traffic in the dashboard', () => {
  let stack: BrowserStack;
  let a: WhoamiServer;
  let b: WhoamiServer;
  let wharf: WharfProcess;
  let page: Page;

  beforeAll(async () => {
    stack = await startBrowserStack('traffic', dynamicConfig, { width: 1280, height: 900 });
    ({ a, b, wharf, page } = stack);
    await waitFor(async () => (await httpGet(wharf.url('web'), { host: HOST })).status === 200, { timeoutMs: 20_000, description: 'traffic router', intervalMs: 200 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `traffic-${name}.png`), fullPage: true });
  const overviewRps = () => page.locator('[data-metric="Requests/s"] .value').textContent();

  it('overview numbers and sparklines move live while traffic flows', async () => {
    await page.goto(`${wharf.apiURL}/dashboard/#/`);
    await page.getByRole('region', { name: 'Live traffic' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('live-state').getByText('Live').waitFor({ timeout: 15_000 });
    await page.evaluate(() => Object.assign(window, { wharfNoReload: true }));
    const before = Number(await overviewRps()); // at most the readiness probe so far
    const statuses = await generateTraffic(wharf.url('web'), REQUESTS - 1); // + 1 readiness probe
    expect(statuses.filter((s) => s === 200)).toHaveLength(REQUESTS - 1);
    // rps covers completed 10 s slots, pushed every 2 s: allow a slot plus a few pushes
    await page.waitForFunction(
      (initial) => Number(document.querySelector('[data-metric="Requests/s"] .value')?.textContent ?? '0') > initial + 0.5,
      before,
      { timeout: 45_000, polling: 500 },
    );
    expect(Number(await overviewRps())).toBeGreaterThan(before);
    const row = page.getByRole('region', { name: 'Routers traffic' }).locator('[data-traffic="traffic@file"]');
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getByRole('link', { name: 'traffic@file' }).isVisible()).toBe(true);
    expect(await row.locator('.sparkline-line').getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+/);
    const label = (await row.getByRole('img').getAttribute('aria-label')) ?? '';
    expect(label).toMatch(/^traffic@file requests per second, now [\d.]+$/);
    expect(Number(label.split('now ')[1])).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { wharfNoReload?: boolean }).wharfNoReload)).toBe(true);
    const api = await getJson<TrafficSnapshot>(`${wharf.apiURL}/api/wharf/traffic`);
    expect(api.routers.find((r) => r.name === 'traffic@file')?.requests).toBe(REQUESTS);
    await shot('overview');
    // colours follow the theme: the same sparkline strokes differently in dark mode
    const stroke = () => row.locator('.sparkline-line').evaluate((el) => getComputedStyle(el).stroke);
    const light = await stroke();
    const themeButton = page.getByRole('button', { name: /^Switch to (dark|light) theme$/ });
    const theme = await page.evaluate(() => document.documentElement.dataset['theme']);
    await themeButton.click();
    await page.waitForFunction((t) => document.documentElement.dataset['theme'] !== t, theme);
    const dark = await stroke();
    expect(dark).not.toBe(light);
    await shot(`overview-${await page.evaluate(() => document.documentElement.dataset['theme'])}`);
    await themeButton.click();
  });

  it('stats table lists both servers with totals that add up, and a server going DOWN', async () => {
    await page.goto(`${wharf.apiURL}/dashboard/#/stats`);
    const table = page.getByRole('table', { name: 'Server stats' });
    for (const s of [a, b]) await table.locator(`tr[data-server="${s.url}"]`).getByText('UP').waitFor({ timeout: 20_000 });
    const totals = async () =>
      Promise.all([a, b].map(async (s) => Number((await table.locator(`tr[data-server="${s.url}"] [data-col="total"]`).textContent())!.replace(/,/g, ''))));
    const [ta, tb] = await totals();
    expect(ta! + tb!).toBe(REQUESTS);
    expect(ta).toBeGreaterThan(0);
    expect(tb).toBeGreaterThan(0);
    expect(await table.locator('tbody[data-service="traffic@file"] th').textContent()).toContain(`2/2 UP · total ${REQUESTS}`);
    const stats = await getJson<TrafficStats>(`${wharf.apiURL}/api/wharf/traffic/stats`);
    expect(stats.servers.filter((s) => s.service === 'traffic@file').reduce((n, s) => n + s.total, 0)).toBe(REQUESTS);
    await shot('stats');
    expect((await fetch(`${b.url}/health`, { method: 'POST', body: '500', signal: AbortSignal.timeout(5000) })).status).toBe(500);
    // the table refreshes on each traffic push (every 2 s) without reload
    await table.locator(`tr[data-server="${b.url}"] .health-DOWN`).waitFor({ timeout: 20_000 });
    await shot('stats-down');
  });

  it('service page charts requests/s per server; the DOWN server\'s line falls to 0', async () => {
    // steady light load while b is DOWN: a's line stays up, b's drops once its 30 s rate window is empty
    let running = true;
    const load = (async () => {
      for (let i = 0; running && i < 400; i++) {
        await httpGet(wharf.url('web'), { host: HOST, timeoutMs: 10_000 });
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    try {
      await page.goto(`${wharf.apiURL}/dashboard/#/http/services/traffic%40file`);
      const chart = page.getByRole('region', { name: 'Traffic' }).getByRole('img', { name: /^Requests per second per server/ });
      await chart.waitFor({ timeout: 15_000 });
      for (const s of [a, b]) expect(await chart.locator(`[data-line="${s.url}"]`).count()).toBe(1);
      await page.waitForFunction(
        ([up, down]) => {
          const lastY = (url: string) => Number(document.querySelector(`[data-line="${url}"]`)?.getAttribute('d')?.split(' ').at(-1));
          return lastY(down!) === 136 && lastY(up!) < 136; // 136 = the chart's baseline
        },
        [a.url, b.url],
        { timeout: 75_000, polling: 1000 },
      );
      expect(await chart.getAttribute('aria-label')).toContain(`${b.url} (DOWN) 0/s`);
      await shot('service');
    } finally {
      running = false;
      await load;
    }
    await page.setViewportSize({ width: 390, height: 800 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.goto(`${wharf.apiURL}/dashboard/#/stats`);
    await page.locator(`tr[data-server="${a.url}"]`).waitFor({ timeout: 10_000 });
    expect(await overflow()).toBeLessThanOrEqual(1);
    await shot('phone');
    await page.goto(`${wharf.apiURL}/dashboard/#/`);
    await page.getByRole('region', { name: 'Routers traffic' }).getByRole('link', { name: 'traffic@file' }).waitFor({ timeout: 10_000 });
    expect(await overflow()).toBeLessThanOrEqual(1);
    await shot('phone-overview');
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
